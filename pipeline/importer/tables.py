"""The five yearly tables (each split over pages), their footers and the มิติ legend.

A table's year is its title: a line 'แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ….' before it (the source
book), or the same words in its own header rows (the book this pipeline makes repeats the title on
every page that way). A table with neither continues the year before it. A title with a typing
slip in its words ("แผ่นปฏิบัติการ…") is still one. The older multi-year layout (one table for all
years, by มิติ and mission) is read by pipeline.importer.multiyear."""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from difflib import SequenceMatcher

from pipeline.model import Dimension
from pipeline.workbook.cells import parse_budget, parse_date, parse_quarter

from .anomalies import Anomaly, anomaly
from .blocks import Block, Line, Table
from .multiyear import DIMENSION_HEADING, MultiYear
from .text import DIGIT, norm, number, squash

PLAN_WORDS = "แผนปฏิบัติการป้องกันการทุจริต"
# -- words in Thai letters only, then 'พ.ศ.' and one year (not a range: the multi-year layout's
#    "… 4 ปี (พ.ศ. 2561 - 2564)" is no yearly table's title); the year is four digits, so a page
#    number run into it in a สารบัญ is never read into it --
_TITLE = re.compile(rf"^(?P<words>[\u0e01-\u0e4e\s]{{20,120}}?)\s*พ\.ศ\.\s*(?P<year>{DIGIT}{{4}})(?!\s*[-–]\s*{DIGIT})")
_TITLE_OF = re.compile(r"\sของ\s*(?P<org>\S.*)$")
SIMILAR = 0.9  # -- a typing slip or two in the title's 30 letters --
TOTAL = "รวมทั้งสิ้น"
DATA_AS_OF = re.compile(r"^\**\s*ข้อมูล\s*ณ\s*วันที่\s*(?P<date>.+)$")
REPORTER = re.compile(r"^ชื่อ\s*-\s*สกุล\s*ผู้ออกรายงาน\s*(?P<name>.+)$")
LEGEND = re.compile(rf"^มิติ\s*(?P<n>{DIGIT})\s+(?P<name>\S.*)$")
COLUMNS = 9  # ลำดับ, ชื่อ, มิติ, งบประมาณ, ไตรมาส 1-4, หมายเหตุ


@dataclass
class TableRow:
    year: int
    order: int
    name: str
    dimension: int | None
    budget: Decimal
    quarters: tuple[bool, bool, bool, bool]
    note: str
    where: str
    mission: str = ""  # the multi-year layout's mission headings, one per line


@dataclass
class Tables:
    rows: list[TableRow]
    dimensions: list[Dimension]
    data_as_of: date | None
    reporter: str
    years: list[int]
    filed: list[tuple[int, str]]  # (year, where) of each table with rows, in the book's order
    organisation: str = ""  # as a title prints it: "แผนปฏิบัติการ… พ.ศ. 2566 ของ <organisation>"
    quarterless: list[TableRow] = field(default_factory=list)  # rows of a layout without quarters


def title_year(text: str) -> int | None:
    """The year of a yearly table's title 'แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2566 …' (None when
    `text` is none): the words may carry a typing slip, or go on ('…ทุจริตเพื่อยกระดับ… พ.ศ.')."""
    m = _TITLE.match(text)
    if not m:
        return None
    words = squash(m["words"])
    if SequenceMatcher(None, words[: len(PLAN_WORDS) + 1], PLAN_WORDS).ratio() < SIMILAR:
        return None
    return number(m["year"])


def title_organisation(text: str) -> str:
    """The organisation a yearly table's title names after 'ของ', or ''."""
    if title_year(text) is None:
        return ""
    m = _TITLE_OF.search(text)
    return norm(m["org"]) if m else ""


def starts_tables(block: Block) -> bool:
    """A table, a yearly table's title, or a multi-year table's 'มิติที่ 1 …' heading."""
    return isinstance(block, Table) or title_year(block.text) is not None or bool(DIMENSION_HEADING.match(block.text))


def parse_tables(blocks: list[Block], anomalies: list[Anomaly]) -> Tables:
    rows: list[TableRow] = []
    totals: dict[int, list] = {}
    footers: dict[str, list] = {"data_as_of": [], "reporter": [], "legend": []}
    filed: list[tuple[int, str]] = []
    organisation = ""
    multi = MultiYear()
    year = None
    titled = None  # (year, where) of a title line since the last table
    for block in blocks:
        if isinstance(block, Table) and multi.read(block, anomalies):
            continue
        if isinstance(block, Table):
            own = _own_title(block)
            organisation = organisation or next(
                (org for cells in block.rows[:3] for cell in cells if (org := title_organisation(cell))), ""
            )
            if own is not None and titled is not None and own != titled[0]:
                anomalies.append(
                    anomaly("table-title-disagrees", block.where, own=own, line=titled[1], titled=titled[0])
                )
            year = own if own is not None else titled[0] if titled else year
            titled = None
            if year is None:
                anomalies.append(anomaly("table-without-title", block.where))
                continue
            before = len(rows)
            _table_rows(block, year, rows, totals, anomalies)
            if len(rows) > before:
                _check_numbering(rows, before, filed, anomalies)
                filed.append((year, block.where))
        elif (title := title_year(block.text)) is not None:
            year = title
            titled = (year, block.where)
            organisation = organisation or title_organisation(block.text)
        elif heading := DIMENSION_HEADING.match(block.text):
            multi.start_dimension(number(heading["n"]), heading["name"])
        else:
            _footer(block, year, footers)
    for y in sorted({r.year for r in rows}):  # -- the yearly tables only: the multi-year rows come next --
        _check_total(y, [r for r in rows if r.year == y], totals.get(y), anomalies)
    multi_rows = [
        TableRow(year, order, name, dimension, budget, (False,) * 4, note, where, mission)
        for year, order, name, dimension, budget, note, where, mission in multi.finish()
    ]
    rows += multi_rows
    footers["legend"] += multi.legend
    return Tables(
        rows,
        _legend(footers["legend"], anomalies),
        _data_as_of(footers["data_as_of"], anomalies),
        _reporter(footers["reporter"], anomalies),
        sorted({r.year for r in rows}),
        filed,
        organisation,
        multi_rows,
    )


def _own_title(table: Table) -> int | None:
    """The year of a title in the table's header rows (those above its first numbered row)."""
    for cells in table.rows:
        if cells and (number(cells[0]) is not None or cells[0].startswith(TOTAL)):
            return None
        for cell in cells:
            if (title := title_year(cell)) is not None:
                return title
    return None


def _check_numbering(rows: list[TableRow], new: int, filed: list, anomalies: list[Anomaly]) -> None:
    """A table that carries on a year's table goes on with its ลำดับ (the source splits each year
    over pages that way); one that starts again at or below what that year already has is another
    year's table under a wrong title."""
    first = rows[new]
    earlier = [r.order for r in rows[:new] if r.year == first.year]
    if earlier and first.order <= max(earlier):
        since = next(where for year, where in filed if year == first.year)
        anomalies.append(
            anomaly(
                "table-numbering-restarts",
                first.where,
                year=first.year,
                order=first.order,
                last=max(earlier),
                since=since,
            )
        )


def _table_rows(table: Table, year: int, rows: list, totals: dict, anomalies: list[Anomaly]) -> None:
    for i, cells in enumerate(table.rows, 1):
        cells = (cells + [""] * COLUMNS)[:COLUMNS]
        where = f"{table.where} แถว {i}"
        if cells[0].startswith(TOTAL):
            totals[year] = [cells, where]
            continue
        order = number(cells[0])
        if order is None:  # header rows: "ลำดับ ..." and the quarter numbers 1 2 3 4
            continue
        rows.append(_row(year, order, cells, where, anomalies))


def _row(year: int, order: int, cells: list[str], where: str, anomalies: list[Anomaly]) -> TableRow:
    at = f"ปี {year} ลำดับ {order} ({where})"
    dimension = number(cells[2])
    if dimension is None:
        anomalies.append(anomaly("dimension-unreadable", where, at=at, value=cells[2]))
    budget, _ = parse_budget(cells[3])
    if budget is None:
        anomalies.append(
            anomaly(
                "budget-unreadable", where, at=at, what=f" '{cells[3]}' ", then=" ใส่เป็น 0", what_en=f" '{cells[3]}'"
            )
        )
        budget = Decimal(0)
    quarters = tuple(_quarter(cell, f"{at} ไตรมาส {q}", where, anomalies) for q, cell in enumerate(cells[4:8], 1))
    return TableRow(year, order, norm(cells[1]), dimension, budget, quarters, norm(cells[8]), where)


def _quarter(cell: str, at: str, where: str, anomalies: list[Anomaly]) -> bool:
    if cell.startswith("<input"):  # the e-plan's HTML checkbox survived the PDF extraction
        return "checked" in cell
    mark = parse_quarter(cell)
    if mark is None:
        anomalies.append(anomaly("source-quarter-mark-unknown", where, at=at, value=cell))
        return True
    return mark


def _check_total(year: int, rows: list[TableRow], total, anomalies: list[Anomaly]) -> None:
    if total is None:
        anomalies.append(anomaly("total-missing", year=year, total=TOTAL))
        return
    cells, where = total
    budget, _ = parse_budget(cells[3])
    expected = sum((r.budget for r in rows), Decimal(0))
    if budget != expected:
        anomalies.append(
            anomaly(
                "total-mismatch",
                where,
                year=year,
                total=TOTAL,
                what="งบประมาณ",
                what_en="budget",
                value=cells[3],
                counted=f"ผลรวมรายการ = {expected:,.2f}",
                counted_en=f"the sum {expected:,.2f}",
            )
        )
    for q in range(4):
        count = sum(r.quarters[q] for r in rows)
        if number(cells[4 + q]) != count:
            anomalies.append(
                anomaly(
                    "total-mismatch",
                    where,
                    year=year,
                    total=TOTAL,
                    what=f"ไตรมาส {q + 1} =",
                    what_en=f"quarter {q + 1}",
                    value=cells[4 + q],
                    counted=f"นับเครื่องหมายได้ {count} รายการ",
                    counted_en=f"{count} marks counted",
                )
            )


def _footer(line: Line, year, footers: dict) -> None:
    if m := DATA_AS_OF.match(line.text):
        footers["data_as_of"].append((year, m["date"], line.where))
    elif m := REPORTER.match(line.text):
        footers["reporter"].append((year, norm(m["name"]), line.where))
    elif m := LEGEND.match(line.text):
        footers["legend"].append((number(m["n"]), norm(m["name"])))


def _data_as_of(found: list, anomalies: list[Anomaly]) -> date | None:
    dates = {(parse_date(text), text) for _, text, _ in found}
    if len({d for d, _ in dates}) > 1:
        anomalies.append(anomaly("data-as-of-differs", dates=", ".join(sorted(t for _, t in dates))))
    return parse_date(found[0][1]) if found else None


def _reporter(found: list, anomalies: list[Anomaly]) -> str:
    """Most frequent spelling of the reporter's name; ties go to the first seen."""
    if not found:
        return ""
    counts = Counter(name for _, name, _ in found)
    best = max(counts, key=lambda name: counts[name])  # max keeps the first of equal counts
    if len(counts) > 1:
        spellings = "; ".join(f"'{name}' (ปี {', '.join(str(y) for y, n, _ in found if n == name)})" for name in counts)
        anomalies.append(anomaly("reporter-spelling", count=len(counts), spellings=spellings, best=best))
    return best


def _legend(found: list, anomalies: list[Anomaly]) -> list[Dimension]:
    names: dict[int, str] = {}
    for n, name in found:
        if n in names and names[n] != name:
            anomalies.append(anomaly("dimension-name-differs", number=n, first=names[n], other=name))
        names.setdefault(n, name)
    return [Dimension(n, names[n]) for n in sorted(names)]
