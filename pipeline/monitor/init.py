"""`pipeline monitor init`: add the rows of one fiscal year's round to `ผลการดำเนินงาน`.

Same safety as write-back (pipeline.render.excel.writeback): every refusal (open in Excel, read-only,
content openpyxl would drop, a plan with errors) comes before any byte is written; then a
timestamped backup, a temporary file beside the master and an atomic replace.

ชื่อโครงการ and งบประมาณตามแผน are written as values, not formulas: openpyxl stores no result for a
formula it writes, so the validator, the reader and file previewers would see blanks until Excel
recalculated, and the master is never put through LibreOffice (it rewrites staff's sheets). The
reports take both from แผนรายปี anyway; the cells are there so staff see what they report on.
Existing rows are never changed, except that an empty name or planned-budget cell is filled.
"""

from dataclasses import dataclass, field
from pathlib import Path

from pipeline import contract as c
from pipeline.errors import InitRefused
from pipeline.model import year_projects
from pipeline.validate import validate_master
from pipeline.workbook.cells import parse_int, put_value
from pipeline.workbook.master import Master, Sheet, open_master
from pipeline.workbook.monitoring_sheet import add_monitoring_sheet, style_row
from pipeline.workbook.reader import read_plan
from pipeline.workbook.safe_edit import open_for_edit, refuse_loss, save_edit

H = c.MONITORING_HEADERS
# -- refusing an edit that would drop what openpyxl cannot keep --
LOSS_HINT = "ย้ายสิ่งที่ระบุไปไว้ในไฟล์อื่นแล้วสั่งใหม่ หรือเพิ่มแถวในชีตผลการดำเนินงานเอง"


@dataclass
class InitResult:
    path: Path
    added: list[str] = field(default_factory=list)  # project codes given a new row
    filled: int = 0  # empty name/planned cells filled
    settings_added: list[str] = field(default_factory=list)  # ITA setting rows an older master lacked
    backup: Path | None = None  # None when nothing had to change


def init_round(path: Path, year: int, round_: int) -> InitResult:
    path = Path(path)
    if round_ not in c.ROUNDS:
        raise InitRefused(
            f"รอบ {round_} ไม่มีในแบบ",
            hint="ใช้ --round 6 (รอบ ๖ เดือน) หรือ --round 12 (ประจำปี)",
            english=f"round {round_} is not 6 or 12",
        )
    master = open_master(path)
    plan = _checked_plan(master)
    if year not in plan.settings.years or not plan.rows_for(year):
        raise InitRefused(
            f"ปี {year} ไม่มีโครงการในแผนรายปี ({plan.settings.start_year}-{plan.settings.end_year})",
            hint="ระบุ --year เป็นปีงบประมาณที่มีในชีตแผนรายปี",
            english=f"no projects in {year}",
        )
    wb = open_for_edit(master, lambda lost: refuse_loss(path, lost, "เพิ่มแถวติดตามผล", LOSS_HINT, "monitor init"))
    ws = wb[c.SHEET_MONITORING] if c.SHEET_MONITORING in wb.sheetnames else add_monitoring_sheet(wb)
    result = InitResult(path)
    _fill(ws, master.sheets.get(c.SHEET_MONITORING), year, round_, year_projects(plan, year), result)
    _add_ita_settings(wb[c.SHEET_SETTINGS], master.sheets.get(c.SHEET_SETTINGS), result)
    if not result.added and not result.filled and not result.settings_added:
        return result
    result.backup, _ = save_edit(master, wb, "monitor")
    return result


def _fill(ws, sheet: Sheet | None, year: int, round_: int, projects, result: InitResult) -> None:
    """Add the round's missing rows to `ws` (the sheet being edited), finding columns and existing
    rows in the master's parsed `sheet` (None: the sheet was just added, in the contract's order)."""
    M = c.MonitoringCol  # -- every header is there: validation refused the sheet otherwise --
    cols = sheet.headers if sheet is not None else {h: i for i, h in enumerate(H, 1)}
    YEAR, ROUND, CODE, NAME, PLANNED = (cols[h] for h in (M.YEAR, M.ROUND, M.PROJECT_CODE, M.NAME, M.PLANNED))
    existing, last = {}, 1
    for row in sheet.rows if sheet is not None else ():
        if any(col in row.cells for col in cols.values()):  # -- staff's own columns do not count --
            last = row.number
            key = (
                parse_int(sheet.get(row, M.YEAR)),
                parse_int(sheet.get(row, M.ROUND)),
                sheet.text(row, M.PROJECT_CODE),
            )
            existing.setdefault(key, row.number)
    for p in projects:
        row = existing.get((year, round_, p.code))
        if row is None:
            last += 1
            for col, value in ((YEAR, year), (ROUND, round_), (CODE, p.code), (NAME, p.name), (PLANNED, p.planned)):
                put_value(ws.cell(last, col), value)  # -- a name typed "=..." stays text --
            style_row(ws, last, cols)
            result.added.append(p.code)
            continue
        for col, value in ((NAME, p.name), (PLANNED, p.planned)):
            if ws.cell(row, col).value is None:  # -- never overwrite what staff typed --
                put_value(ws.cell(row, col), value)
                result.filled += 1


def _add_ita_settings(ws, sheet: Sheet | None, result: InitResult) -> None:
    """An older master lacks the ITA indicator rows the guide asks staff to fill: add their labels
    (the codes change every assessment year, so the values stay for staff)."""
    if sheet is None or sheet.col(c.SettingsCol.KEY) is None:
        return
    present = {sheet.text(row, c.SettingsCol.KEY) for row in sheet.rows}
    last = max((row.number for row in sheet.rows), default=1)
    for key in c.ITA_SETTING_KEYS:
        if key.label not in present:
            last += 1
            put_value(ws.cell(last, sheet.col(c.SettingsCol.KEY)), key.label)
            result.settings_added.append(key.label)


def _checked_plan(master: Master):
    """The plan, when the workbook has no errors but in the monitoring rows (which this may fix).
    A monitoring sheet with a missing or renamed header is an error here: we would not know where
    to write."""
    path = master.path
    report = validate_master(master)
    blocking = [p for p in report.errors if not p.code.startswith("monitoring-")]
    if blocking:
        raise InitRefused(
            f"สมุดงาน {path.name} มีข้อผิดพลาด {len(blocking)} รายการ จึงยังไม่เพิ่มแถวติดตามผล (แรกสุด: {blocking[0].message})",
            hint=f'ดูรายการทั้งหมดด้วย pipeline validate "{path}" แล้วแก้ก่อน',
            english=f"{len(blocking)} validation errors; fix them first",
        )
    return read_plan(master)
