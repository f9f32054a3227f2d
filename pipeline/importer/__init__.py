"""Import a plan book (a PDF, text extracted from one, or a Word file) into a Plan.

Stages: source (file -> stream of lines and tables) -> front matter / announcement / tables /
projects (each reads its own region of the stream) -> assemble (match, cross-check). Anything odd
in the source is imported as printed and reported as an Anomaly (a warning); so is each part of
the book that was not found (the announcement, the yearly tables, the project sheets: one note
each), and each word of a project's text that is in no dictionary. ImportFailed is raised for a
file that is not a plan book at all (none of its tables and sheets found), and for a book whose
parts contradict each other in a way only a misreading explains (pipeline.importer.checks): then
no master is written.
"""

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import ImportFailed
from pipeline.model import Plan, Settings

from .announcement import Announcement, find_title, parse_announcement
from .anomalies import Anomaly, anomaly
from .assemble import projects_and_rows
from .checks import check_contents, check_organisation, check_plan_years, refuse_errors
from .front import parse_front
from .projects import Sheet, parse_sheets, starts_sheet
from .source import Block, Line, Repairs, Table, read_blocks
from .spelling import spelling_notes
from .tables import TableRow, Tables, parse_tables, starts_tables

__all__ = ["Anomaly", "ImportResult", "import_planbook", "plan_from_blocks"]


@dataclass
class ImportResult:
    plan: Plan
    anomalies: list[Anomaly] = field(default_factory=list)


def import_planbook(path: Path) -> ImportResult:
    repairs = Repairs()
    blocks = read_blocks(Path(path), repairs)
    return plan_from_blocks(blocks, Path(path), repairs)


def plan_from_blocks(blocks: list[Block], path: Path, repairs: Repairs | None = None) -> ImportResult:
    anomalies: list[Anomaly] = []
    if repairs is not None and repairs.found:
        where = repairs.found[0][0]
        count = sum(n for _, n in repairs.found)
        anomalies.append(anomaly("legacy-marks-repaired", where, count=count, lines=len(repairs.found)))
    front_part, head, tables_part, sheets_part = _regions(blocks, path)
    front = parse_front(front_part)
    notice = parse_announcement(head, anomalies)
    tables = parse_tables(tables_part, anomalies)
    organisation = notice.organisation or tables.organisation
    sheets = parse_sheets(sheets_part, anomalies, organisation)
    _require(path, tables.rows, sheets)
    check_organisation(notice, blocks, anomalies)
    check_plan_years(notice, tables, anomalies)
    check_contents(front, tables, anomalies)
    refuse_errors(path, anomalies)
    table_rows = tables.rows or _rows_from_sheets(sheets)
    _missing_parts(notice, tables, sheets, organisation, len(table_rows), anomalies)
    projects, rows = projects_and_rows(sheets, table_rows, anomalies)
    start, end = _plan_years(path, notice, table_rows)
    if tables.rows:
        for year in range(start, end + 1):
            if year not in tables.years:
                anomalies.append(anomaly("year-table-missing", year=year))
    settings = Settings(
        organisation=organisation,
        start_year=start,
        end_year=end,
        announce_date=notice.announce_date,
        signer=notice.signer,
        signer_position=notice.signer_position,
        data_as_of=tables.data_as_of,
        reporter=tables.reporter,
        plan_title=notice.plan_title if notice.title is not None else Settings.plan_title,
        announcement_body=notice.body,
    )
    settings.preface = front.preface_for(settings)
    anomalies += spelling_notes(projects, organisation)
    return ImportResult(Plan(settings, tables.dimensions, projects, rows), anomalies)


def _regions(blocks: list[Block], path: Path) -> tuple[list[Line], list[Line], list[Block], list[Line]]:
    """Front matter (cover, คำนำ, สารบัญ) = before the announcement's 'ประกาศ…' line; announcement
    = from there to the first yearly table (a title line, a table, which may carry its title in its
    header rows, or a multi-year table's 'มิติที่ …' heading); tables = up to the first project
    sheet (its heading 'ลำดับที่ ๑' / 'โครงการที่ 1' / 'ตัวอย่างที่ 1' alone on its line, or its
    '1. ชื่อโครงการ'). A part the book lacks is empty."""
    if not blocks:
        raise ImportFailed(f"ไฟล์ {path} ไม่มีข้อความให้นำเข้า", hint="ใช้เล่มแผนที่มีประกาศ ตารางรายปี และรายละเอียดโครงการ")

    def first(test, start: int, stop: int) -> int:
        return next((i for i in range(start, stop) if test(blocks[i])), stop)

    # -- the announcement comes before the first table and sheet: a 'ประกาศ…' line further on
    #    (a project's "ประกาศ/ประชาสัมพันธ์…") is never taken for it --
    body_at = first(lambda b: isinstance(b, Table) or starts_sheet(b.text), 0, len(blocks))
    line_at = [i for i, b in enumerate(blocks[:body_at]) if isinstance(b, Line)]
    title = find_title([blocks[i] for i in line_at])
    title_at = line_at[title] if title is not None else 0

    sheets_at = first(lambda b: isinstance(b, Line) and starts_sheet(b.text), title_at, len(blocks))
    tables_at = first(starts_tables, title_at, sheets_at)

    def text(part: list[Block]) -> list[Line]:
        return [b for b in part if isinstance(b, Line)]

    return (
        text(blocks[:title_at]),
        text(blocks[title_at:tables_at]),
        blocks[tables_at:sheets_at],
        text(blocks[sheets_at:]),
    )


ANNOUNCEMENT = "ประกาศ (บรรทัด 'ประกาศ' ตามด้วยชื่อหน่วยงาน เช่น 'ประกาศเทศบาลตำบล…' หรือ 'ประกาศองค์การบริหารส่วนตำบล…')"
TABLES = "ตารางแผนรายปี (หัวตาราง 'แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ....' ตามด้วยตาราง หรือตารางหลายปี 'ปี ๒๕๖๑ … ปี ๒๕๖๔')"
SHEETS = "รายละเอียดโครงการ (หัวข้อ 'ลำดับที่ ๑' หรือ '1. ชื่อโครงการ : …')"


def _require(path: Path, rows: list, sheets: list) -> None:
    """A book needs its yearly tables or its project sheets: without both it is no plan book."""
    if rows or sheets:
        return
    raise ImportFailed(
        f"ไฟล์ {path} ไม่ใช่เล่มแผนปฏิบัติการป้องกันการทุจริตที่นำเข้าได้: ไม่พบทั้ง{TABLES}และ{SHEETS}",
        hint=f"ตรวจว่าเลือกไฟล์ถูก: เล่มแผนต้องมีตารางรายปีหรือรายละเอียดโครงการอย่างน้อยหนึ่งส่วน (นอกจากนี้ควรมี{ANNOUNCEMENT})",
        english="not a plan book: neither yearly tables nor project sheets found",
    )


def _missing_parts(
    notice: Announcement, tables: Tables, sheets: list[Sheet], organisation: str, rows: int, anomalies: list[Anomaly]
) -> None:
    """One note for each part of the book that was not found (`rows`: the yearly rows made)."""
    if notice.title is None:
        found = f" (ชื่อหน่วยงาน '{organisation}' อ่านจากชื่อตาราง)" if organisation else ""
        found_en = f" (organisation '{organisation}' read from a table title)" if organisation else ""
        anomalies.append(anomaly("announcement-missing", what=ANNOUNCEMENT, found=found, found_en=found_en))
    if not tables.rows:
        anomalies.append(anomaly("tables-missing", what=TABLES, rows=rows))
    elif tables.quarterless:
        first = tables.quarterless[0]
        anomalies.append(anomaly("quarters-not-in-source", first.where, rows=len(tables.quarterless)))
    if not sheets:
        count = len({r.name for r in tables.rows})
        anomalies.append(anomaly("sheets-missing", what=SHEETS, projects=count))


def _rows_from_sheets(sheets: list[Sheet]) -> list[TableRow]:
    """A book without yearly tables: each sheet's section ๖ (its years) and ๗ (its budget) give its
    rows; มิติ and quarters stay empty for staff to fill."""
    rows: list[TableRow] = []
    for sheet in sheets:
        budget = sheet.budget()
        for year in sheet.period_years():
            order = sum(r.year == year for r in rows) + 1
            rows.append(TableRow(year, order, sheet.name, None, budget or 0, (False,) * 4, "", sheet.where))
    return rows


def _plan_years(path: Path, notice: Announcement, rows: list[TableRow]) -> tuple[int, int]:
    """The plan's years: as the announcement states them, else those of the yearly rows."""
    years = [r.year for r in rows]
    start = notice.start_year or (min(years) if years else None)
    end = notice.end_year or (max(years) if years else None)
    if start is None or end is None:
        raise ImportFailed(
            f"อ่านเล่มแผน {path} แล้วไม่พบปีของแผน: ไม่มีประกาศที่ระบุ '(พ.ศ. ๒๕๖๖ - ๒๕๗๐)' ไม่มีตารางแผนรายปี"
            " และหัวข้อระยะเวลาดำเนินการของโครงการไม่ระบุปี",
            hint="เพิ่มปีของแผนในเล่ม (ประกาศหรือตารางรายปี) แล้วนำเข้าใหม่",
            english=f"{path}: the plan's years are found nowhere (no announcement, no yearly table, no period)",
        )
    return start, end
