"""Cross-checks between the parts of a book that a misreading breaks, and the refusal they lead to.

A book read wrongly (the สารบัญ's lines taken for table titles, a สารบัญ entry for the
announcement) still gives a plan that looks whole; these checks catch what cannot be so in a book
read rightly. They are errors, not notes: the import stops and writes no master."""

import re
from pathlib import Path

from pipeline.errors import ImportFailed
from pipeline.validate.problems import ERROR

from .announcement import Announcement
from .anomalies import Anomaly, anomaly
from .front import Front
from .source import Block, Line
from .tables import Tables

# -- what may follow the organisation's name at the end of a line: "(… ) ของ<org>", "<org>)" --
_AFTER_NAME = r"[\s.,;:)\]\"'”’]*$"


def check_contents(front: Front, tables: Tables, anomalies: list[Anomaly]) -> None:
    """The สารบัญ lists the yearly tables in the book's order: their titles must say the same years."""
    listed = [year for year, _ in front.table_years()]
    if not listed:
        return
    filed = [year for i, (year, _) in enumerate(tables.filed) if i == 0 or tables.filed[i - 1][0] != year]
    if filed != listed:
        anomalies.append(
            anomaly(
                "contents-tables-differ",
                front.table_years()[0][1],
                listed=", ".join(map(str, listed)) or "-",
                filed=", ".join(map(str, filed)) or "-",
            )
        )


def check_plan_years(notice: Announcement, tables: Tables, anomalies: list[Anomaly]) -> None:
    """Every table's year lies within the plan's years as the announcement states them."""
    if notice.start_year is None or notice.end_year is None:
        return
    outside = [year for year in tables.years if not notice.start_year <= year <= notice.end_year]
    if outside:
        where = next(w for y, w in tables.filed if y in outside)
        years = ", ".join(map(str, outside))
        anomalies.append(
            anomaly("table-year-outside-plan", where, years=years, start=notice.start_year, end=notice.end_year)
        )


def check_organisation(notice: Announcement, blocks: list[Block], anomalies: list[Anomaly]) -> None:
    """The organisation read from the 'ประกาศ…' line ends some other line or table cell of the book:
    the announcement's '(พ.ศ. …) ของ<org>', the signer's title, the cover, a table title or a
    ผู้รับผิดชอบ. Ending one, not just occurring: 'ใช้แผน' (from a สารบัญ entry 'ประกาศใช้แผน')
    occurs inside 'ประกาศใช้แผนปฏิบัติการ…' but ends no line."""
    title = notice.title
    if title is None or not notice.organisation:
        return
    ends = re.compile(re.escape(notice.organisation) + _AFTER_NAME)
    for block in blocks:
        if isinstance(block, Line):
            texts = [] if block == title else [block.text]
        else:
            texts = [cell for row in block.rows for cell in row]
        if any(ends.search(text) for text in texts):
            return
    anomalies.append(anomaly("organisation-unconfirmed", title.where, org=notice.organisation, line=title.text))


def refuse_errors(path: Path, anomalies: list[Anomaly]) -> None:
    """Stop the import when any note is an error: a wrong master is worse than none."""
    errors = [a for a in anomalies if a.severity == ERROR]
    if not errors:
        return
    raise ImportFailed(
        f"อ่านเล่มแผน {path} แล้วข้อมูลขัดกัน {len(errors)} จุด จึงไม่ได้เขียนสมุดงานหลัก:\n"
        + "\n".join(f"- {e.message}" for e in errors),
        hint="แก้เล่มแผนให้ตรงกันทั้งเล่ม (หรือใช้เล่มต้นฉบับที่ยังไม่ได้แก้) แล้วนำเข้าใหม่",
        english=f"{path}: the book contradicts itself, no master written: " + "; ".join(e.message_en for e in errors),
        code="import-inconsistent",
    )
