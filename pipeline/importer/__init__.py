"""Import a plan book (text extracted from the PDF, or a Word file) into a Plan.

Stages: source (file -> stream of lines and tables) -> front matter / announcement / tables /
projects (each reads its own region of the stream) -> assemble (match, cross-check). Anything odd
in the source is imported as printed and reported as an Anomaly (a warning). ImportFailed is raised
for a file that is not a plan book at all, and for a book whose parts contradict each other in a
way only a misreading explains (pipeline.importer.checks): then no master is written.
"""

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import ImportFailed
from pipeline.model import Plan, Settings

from .announcement import find_title, parse_announcement
from .anomalies import Anomaly, anomaly
from .assemble import projects_and_rows
from .checks import check_contents, check_organisation, check_plan_years, refuse_errors
from .front import parse_front
from .projects import SHEET, parse_sheets
from .source import Block, Line, Table, read_blocks
from .tables import TABLE_TITLE, parse_tables

__all__ = ["Anomaly", "ImportResult", "import_planbook", "plan_from_blocks"]


@dataclass
class ImportResult:
    plan: Plan
    anomalies: list[Anomaly] = field(default_factory=list)


def import_planbook(path: Path) -> ImportResult:
    return plan_from_blocks(read_blocks(Path(path)), Path(path))


def plan_from_blocks(blocks: list[Block], path: Path) -> ImportResult:
    anomalies: list[Anomaly] = []
    front_part, head, tables_part, sheets_part = _regions(blocks, path)
    front = parse_front(front_part)
    notice = parse_announcement(head, anomalies)
    tables = parse_tables(tables_part, anomalies)
    sheets = parse_sheets(sheets_part, anomalies, notice.organisation)
    _require(path, notice.organisation, tables.rows, sheets)
    check_organisation(notice, blocks, anomalies)
    check_plan_years(notice, tables, anomalies)
    check_contents(front, tables, anomalies)
    refuse_errors(path, anomalies)
    projects, rows = projects_and_rows(sheets, tables.rows, anomalies)
    start = notice.start_year or min(tables.years)
    end = notice.end_year or max(tables.years)
    for year in range(start, end + 1):
        if year not in tables.years:
            anomalies.append(anomaly("year-table-missing", year=year))
    settings = Settings(
        organisation=notice.organisation,
        start_year=start,
        end_year=end,
        announce_date=notice.announce_date,
        signer=notice.signer,
        signer_position=notice.signer_position,
        data_as_of=tables.data_as_of,
        reporter=tables.reporter,
        plan_title=notice.plan_title,
        announcement_body=notice.body,
    )
    settings.preface = front.preface_for(settings)
    return ImportResult(Plan(settings, tables.dimensions, projects, rows), anomalies)


def _regions(blocks: list[Block], path: Path) -> tuple[list[Line], list[Line], list[Block], list[Line]]:
    """Front matter (cover, คำนำ, สารบัญ) = before the announcement's 'ประกาศ…' line; announcement
    = from there to the first yearly table (a title line, or a table, which may carry its title in
    its header rows); tables = up to the first project sheet ('ลำดับที่ ๑' alone on its line)."""
    line_at = [i for i, b in enumerate(blocks) if isinstance(b, Line)]
    if not line_at:
        raise ImportFailed(f"ไฟล์ {path} ไม่มีข้อความให้นำเข้า", hint="ใช้เล่มแผนที่มีประกาศ ตารางรายปี และรายละเอียดโครงการ")
    title = find_title([blocks[i] for i in line_at])
    title_at = line_at[title] if title is not None else 0

    def first(test, start: int) -> int:
        return next((i for i in range(start, len(blocks)) if test(blocks[i])), len(blocks))

    tables_at = first(lambda b: isinstance(b, Table) or TABLE_TITLE.match(b.text), title_at)
    sheets_at = first(lambda b: isinstance(b, Line) and SHEET.match(b.text), tables_at)

    def text(part: list[Block]) -> list[Line]:
        return [b for b in part if isinstance(b, Line)]

    return (
        text(blocks[:title_at]),
        text(blocks[title_at:tables_at]),
        blocks[tables_at:sheets_at],
        text(blocks[sheets_at:]),
    )


def _require(path: Path, organisation: str, rows: list, sheets: list) -> None:
    missing = [
        what
        for what, found in (
            ("ประกาศ (บรรทัด 'ประกาศองค์การบริหารส่วน...')", organisation),
            ("ตารางแผนรายปี (หัวตาราง 'แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ....' ตามด้วยตาราง)", rows),
            ("รายละเอียดโครงการ (หัวข้อ 'ลำดับที่ ๑')", sheets),
        )
        if not found
    ]
    if missing:
        raise ImportFailed(
            f"ไฟล์ {path} ไม่ใช่เล่มแผนปฏิบัติการป้องกันการทุจริตที่นำเข้าได้: ไม่พบ " + "; ".join(missing),
            hint="ตรวจว่าเลือกไฟล์ถูก และไฟล์มีครบทั้งประกาศ ตารางรายปี และรายละเอียดโครงการ",
            english="not a plan book: missing " + ", ".join(missing),
        )
