"""Import a plan book (text extracted from the PDF, or a Word file) into a Plan.

Stages: source (file -> stream of lines and tables) -> announcement / tables / projects
(each reads its own region of the stream) -> assemble (match, cross-check). Anything odd in the
source is imported as printed and reported as an Anomaly; only a file that is not a plan book at
all raises ImportFailed.
"""

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import ImportFailed
from pipeline.model import Plan, Settings

from .announcement import parse_announcement
from .anomalies import Anomaly, anomaly
from .assemble import projects_and_rows
from .projects import SHEET, parse_sheets
from .source import Block, Line, read_blocks
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
    head, tables_part, sheets_part = _regions(blocks, path)
    notice = parse_announcement(head, anomalies)
    tables = parse_tables(tables_part, anomalies)
    sheets = parse_sheets(sheets_part, anomalies)
    _require(path, notice.organisation, tables.rows, sheets)
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
    return ImportResult(Plan(settings, tables.dimensions, projects, rows), anomalies)


def _regions(blocks: list[Block], path: Path) -> tuple[list[Line], list[Block], list[Line]]:
    """Announcement = before the first yearly-table title; tables = up to the first project sheet."""

    def first(pattern):
        return next((i for i, b in enumerate(blocks) if isinstance(b, Line) and pattern.match(b.text)), len(blocks))

    tables_at = first(TABLE_TITLE)
    sheets_at = max(first(SHEET), tables_at)
    lines = [b for b in blocks if isinstance(b, Line)]
    head = [b for b in blocks[:tables_at] if isinstance(b, Line)]
    tail = [b for b in blocks[sheets_at:] if isinstance(b, Line)]
    if not lines:
        raise ImportFailed(f"ไฟล์ {path} ไม่มีข้อความให้นำเข้า", hint="ใช้เล่มแผนที่มีประกาศ ตารางรายปี และรายละเอียดโครงการ")
    return head, blocks[tables_at:sheets_at], tail


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
