"""The older multi-year layout (plans of 2561-2564 and 2565-2568, still in force or copied): one
table for all years instead of one per year.

    มิติที่ 1. การสร้างสังคมที่ไม่ทนต่อการทุจริต
    ภารกิจตามมิติ | โครงการ/กิจกรรม/มาตรการ | ปี ๒๕๖๑ | … | ปี ๒๕๖๔ | หมายเหตุ
                  |                         | งบประมาณ (บาท) | …
    ๑.๑ การสร้างจิตสำนึก… 1.1.1 สร้างจิตสำนึก… | ๑) โครงการ… | 20,000 | - | … |

- The มิติ is the last 'มิติที่ N' heading (a line before the table, or a row of its own).
- The missions are the 'N.N' and 'N.N.N' headings of the first column, Thai or Arabic digits, in
  one cell or many, a heading's text going on in the cells below it (a merged cell in print). A
  project belongs to the headings above it; one listed beside a heading whose first sub-heading
  comes lower down belongs to that sub-heading (the merged cell prints the sub-heading lower).
- Each project is a list item '๑) …' of the project column; each year column with an amount gives
  a yearly row ('-' or empty: not in that year's plan; 'ไม่ใช้งบประมาณ': 0 baht). The layout has no
  quarters: the rows get none (validation warns, quarters-none), and the importer says so once.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.workbook.cells import parse_budget

from .anomalies import Anomaly, anomaly
from .blocks import Table
from .text import DIGIT, ITEM_START, join, norm, number

DIMENSION_HEADING = re.compile(rf"^มิติที่\s*(?P<n>{DIGIT}+)\s*[.:)]?\s*(?P<name>\S.*)$")
YEAR_COLUMN = re.compile(rf"^ปี\s*(?:งบประมาณ\s*)?(?:พ\.ศ\.\s*)?(?P<year>{DIGIT}{{4}})")
MISSION = re.compile(rf"(?:^|(?<=\s))(?P<number>{DIGIT}+(?:\.{DIGIT}+)+)\.?\s+(?=\S)")
NONE = re.compile(r"^[-–—\s]*$")  # -- no amount: not in that year's plan --
NO_BUDGET = "ไม่ใช้งบประมาณ"


@dataclass(frozen=True)
class Layout:
    years: dict[int, int]  # column -> year
    project: int
    mission: int | None
    note: int | None
    width: int


@dataclass
class Heading:
    number: str
    text: str
    parent: "Heading | None" = None
    children: list["Heading"] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.number.count(".")

    def path(self) -> list["Heading"]:
        return [*(self.parent.path() if self.parent else []), self]


@dataclass
class Entry:
    name: str
    dimension: int | None
    budgets: dict[int, Decimal]
    note: str
    where: str
    heading: Heading | None


@dataclass
class MultiYear:
    dimension: int | None = None
    layout: Layout | None = None
    entries: list[Entry] = field(default_factory=list)
    heading: Heading | None = None  # the deepest heading so far
    last_mission: str = ""
    legend: list[tuple[int, str]] = field(default_factory=list)  # (มิติ, name) of the headings in tables

    def start_dimension(self, n: int, name: str) -> None:
        """A 'มิติที่ N …' heading: the projects below are of มิติ N, under no mission yet."""
        self.dimension, self.heading, self.last_mission = n, None, ""
        self.legend.append((n, norm(name)))

    def read(self, table: Table, anomalies: list[Anomaly]) -> bool:
        """Read `table` when it has the multi-year layout (or carries on one without repeating its
        header); False when it is no such table."""
        found = _layout(table)
        if found is None:
            continuing = self.layout is not None and _width(table) == self.layout.width and not _numbered(table)
            if not continuing:
                return False
            found, start = self.layout, 0
        else:
            found, start = found
        self.layout = found
        for i, cells in enumerate(table.rows[start:], start + 1):
            self._row((cells + [""] * found.width)[: found.width], f"{table.where} แถว {i}", anomalies)
        return True

    def _row(self, cells: list[str], where: str, anomalies: list[Anomaly]) -> None:
        layout = self.layout
        first = next((cell for cell in cells if cell), "")
        if not first or first.startswith("รวม") or _is_header(cells, layout):
            return
        if heading := DIMENSION_HEADING.match(first):
            self.start_dimension(number(heading["n"]), heading["name"])
            return
        if layout.mission is not None:
            mission = cells[layout.mission]
            if mission and mission != self.last_mission:  # -- a merged cell repeats its text in each row --
                self._missions(mission)
            self.last_mission = mission
        text = cells[layout.project]
        if not text:
            return
        item = ITEM_START.match(text)
        budgets = {year: self._budget(cells[col], year, where, anomalies) for col, year in layout.years.items()}
        budgets = {year: amount for year, amount in budgets.items() if amount is not None}
        if not item and not budgets and self.entries:  # -- a project's name the extraction wrapped --
            self.entries[-1].name = join(self.entries[-1].name, text)
            return
        name = norm(text[item.end() :] if item else text)
        note = cells[layout.note] if layout.note is not None else ""
        dimension = self.dimension or _dimension_of(self.heading)
        self.entries.append(Entry(name, dimension, budgets, note, where, self.heading))

    def _missions(self, text: str) -> None:
        """Headings 'N.N …' / 'N.N.N …' in `text`; text before the first goes on the last heading."""
        marks = list(MISSION.finditer(text))
        before = text[: marks[0].start()] if marks else text
        if before.strip() and self.heading is not None:
            self.heading.text = join(self.heading.text, before)
        for m, after in zip(marks, marks[1:] + [None]):
            body = text[m.end() : after.start() if after else len(text)]
            parent = self.heading
            while parent is not None and parent.level >= m["number"].count("."):
                parent = parent.parent
            self.heading = Heading(m["number"], norm(body), parent)
            if parent is not None:
                parent.children.append(self.heading)

    def _budget(self, cell: str, year: int, where: str, anomalies: list[Anomaly]) -> Decimal | None:
        if NONE.match(cell):
            return None
        amount, _ = parse_budget(cell)
        if amount is not None:
            return amount
        if NO_BUDGET in cell.replace(" ", ""):
            return Decimal(0)
        anomalies.append(
            anomaly(
                "budget-unreadable",
                where,
                at=f"ปี {year} ({where})",
                what=f" '{cell}' ",
                then=" ใส่เป็น 0",
                what_en=f" '{cell}'",
            )
        )
        return Decimal(0)

    def finish(self) -> list[tuple]:
        """(year, order, name, dimension, budget, note, where, mission) of every yearly row, year by
        year as the yearly tables list them, each year's in the order of the table."""
        orders: Counter = Counter()
        rows = []
        for entry in self.entries:
            mission = "\n".join(f"{h.number} {h.text}".strip() for h in _settled(entry.heading))
            for year in sorted(entry.budgets):
                orders[year] += 1
                rows.append(
                    (
                        year,
                        orders[year],
                        entry.name,
                        entry.dimension,
                        entry.budgets[year],
                        entry.note,
                        entry.where,
                        mission,
                    )
                )
        return sorted(rows, key=lambda row: row[:2])


def _settled(heading: Heading | None) -> list[Heading]:
    """The headings a project listed under `heading` belongs to: down to the first sub-heading while
    the heading has sub-headings (a project printed beside the top of a merged cell)."""
    if heading is None:
        return []
    while heading.children:
        heading = heading.children[0]
    return heading.path()


def _dimension_of(heading: Heading | None) -> int | None:
    """The มิติ a mission's number starts with ('๑.๑' -> 1), when no 'มิติที่' heading said it."""
    if heading is None:
        return None
    return number(heading.path()[0].number.split(".")[0])


def _layout(table: Table) -> tuple[Layout, int] | None:
    """The layout of a table whose header names two years or more ('ปี ๒๕๖๑', 'ปี 2562'), with the
    index of its first row after the header."""
    for i, cells in enumerate(table.rows[:4]):
        years = {col: number(m["year"]) for col, cell in enumerate(cells) if (m := YEAR_COLUMN.match(cell))}
        if len(years) < 2:
            continue
        project = _column(cells, years, "โครงการ", max(min(years) - 1, 0))
        mission = _column(cells, years, "ภารกิจ", 0 if project else None)
        note = _column(cells, years, "หมายเหตุ", None)
        return Layout(years, project, mission if mission != project else None, note, len(cells)), i + 1
    return None


def _column(cells: list[str], years: dict, word: str, default: int | None) -> int | None:
    """The first header cell (not a year's) with `word` in it."""
    return next((col for col, cell in enumerate(cells) if word in cell and col not in years), default)


def _is_header(cells: list[str], layout: Layout) -> bool:
    """A header row below the years: 'งบประมาณ (บาท)' under each year, nothing else."""
    year_cells = [cells[col] for col in layout.years]
    return not cells[layout.project] and any("งบประมาณ" in cell or "บาท" in cell for cell in year_cells)


def _width(table: Table) -> int:
    return max((len(cells) for cells in table.rows), default=0)


def _numbered(table: Table) -> bool:
    """Rows numbered in the first column: an e-plan yearly table, not a multi-year one."""
    return any(cells and number(cells[0]) is not None for cells in table.rows)
