"""The Excel report: every problem on one sheet, each with a link that opens the master at the cell."""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from pipeline import contract as c
from pipeline.errors import OutputBlocked
from pipeline.validate.problems import ERROR, Report
from pipeline.workbook.guards import check_writable
from pipeline.workbook.styles import BODY, FONT_NAME, HEADER, HEADER_FILL
from pipeline.workbook.writer import save_workbook

COLUMNS = (
    ("ระดับ", 10),
    ("แผ่นงาน", 12),
    ("ช่อง", 8),
    ("ตำแหน่ง (คลิกเพื่อไปที่ช่อง)", 24),
    ("รหัสปัญหา", 24),
    ("ค่าในช่อง", 30),
    ("รายละเอียดและวิธีแก้", 90),
    ("English", 60),
)
SEVERITY = {ERROR: "ผิดพลาด", "warning": "คำเตือน"}
FILLS = {ERROR: PatternFill("solid", fgColor="F8CBAD"), "warning": PatternFill("solid", fgColor="FFF2CC")}
LINK = Font(name=FONT_NAME, size=16, color="0563C1", underline="single")


def write_report_xlsx(report: Report, path: Path) -> Path:
    """Write sheet `ผลการตรวจสอบ` to `path` (never onto the master itself) and return the path."""
    path = Path(path)
    master = Path(report.workbook).resolve()
    if path.resolve() == master:
        raise OutputBlocked(
            f"จะไม่เขียนรายงานทับสมุดงานหลัก {path}",
            hint="ระบุไฟล์อื่น เช่น outputs/validation.xlsx",
            english="refusing to write the report over the master workbook",
        )
    if path.parent.is_dir():  # -- a missing folder is made by save_workbook --
        check_writable(path)  # -- a report staff left open in Excel is not written under them --
    wb = Workbook()
    ws = wb.active
    ws.title = c.VALIDATION_SHEET
    ws.append([name for name, _ in COLUMNS])
    for cell, (_, width) in zip(ws[1], COLUMNS):
        cell.font, cell.fill = HEADER, HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "A2"
    for p in report.problems:
        ws.append(
            [
                SEVERITY.get(p.severity, p.severity),
                p.sheet,
                p.cell,
                p.location or "(ทั้งไฟล์)",
                p.code,
                None,
                p.message,
                p.message_en,
            ]
        )
        row = ws.max_row
        _value(ws.cell(row, 6), p.value)
        for cell in ws[row]:
            cell.font, cell.alignment = BODY, Alignment(wrap_text=True, vertical="top")
        ws.cell(row, 1).fill = FILLS.get(p.severity, PatternFill())
        if p.sheet:
            _link(ws.cell(row, 4), master, p.sheet, p.cell or "A1")
    ws.auto_filter.ref = ws.dimensions
    save_workbook(wb, path)
    return path


def _link(cell, master: Path, sheet: str, a1: str) -> None:
    """An external link to the master opened at the cell: Excel and LibreOffice follow
    `file:///...master.xlsx` and then jump to the sub-address `'sheet'!A1`."""
    location = f"'{sheet}'!{a1}"
    cell.hyperlink = Hyperlink(
        ref=cell.coordinate, target=master.as_uri(), location=location, tooltip=f"เปิด {master.name} ที่ {sheet}!{a1}"
    )
    cell.font = LINK


def _value(cell, value) -> None:
    """What staff typed, as typed: a formula's text ('=SUM(...)') stays text, never a live formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
