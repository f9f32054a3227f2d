"""The master workbook, opened once: read from disk in one open, checked by the safe opener, every
contract sheet parsed once into rows of cells with A1 references and its columns found by header.

Validation, the plan reader, the monitoring reader, `monitor init`, write-back and the web page are
all handed the same `Master`, so a check reads exactly what the reader will read.

Two loaders fill the same cells. python-calamine reads values in about a fifth of openpyxl's time
(a district reads hundreds of masters); but it shows neither a formula's text, nor an Excel error,
nor Excel's `_xHHHH_` escapes (it decodes them), and it builds a dense grid (a stray space at row
1,048,576 would cost gigabytes). A workbook whose contract sheets hold any of these is read by
openpyxl instead, as before.
"""

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

import python_calamine
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from pipeline import contract as c
from pipeline.workbook.cells import clean_text, parse_int
from pipeline.workbook.extent import EMPTY_RUN, filled_cells
from pipeline.workbook.io import ENTITY_PATTERN, check_extension, lock_file, open_workbook, read_checked
from pipeline.workbook.parts import sheet_parts

# -- what calamine cannot show us (see the module docstring) --
# -- a false alarm (":f " in some other markup) only costs the slower reader --
FORMULA_OR_ERROR = re.compile(rb'[<:]f[\s>/]|\st="e"')
EXCEL_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")
CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?r="([A-Z]{1,3})(\d+)"')
MAX_DENSE_CELLS = 500_000  # calamine's grid for a sheet; beyond, openpyxl walks only the cells it holds


@dataclass(frozen=True)
class Cell:
    row: int
    column: int
    value: object  # as typed: a formula's text for a formula
    data_type: str = "n"  # "f" a formula, "e" an Excel error, else "s"/"n"/"b"/"d" as openpyxl names them

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


@dataclass
class Row:
    number: int
    cells: dict  # column index -> Cell (non-empty cells only)


@dataclass
class Sheet:
    name: str
    header_cells: dict  # column index -> raw header value (non-empty)
    headers: dict  # clean header text -> first column index
    rows: list[Row]
    cached: dict = field(default_factory=dict)  # A1 -> cached value of a formula cell
    beyond: Cell | None = None  # first filled cell after a long run of empty rows (not read; reported)
    merged: list = field(default_factory=list)  # CellRange of each merged block

    def col(self, header: str) -> int | None:
        return self.headers.get(header)

    def ref(self, row: int, header: str) -> str:
        col = self.col(header)
        return f"{get_column_letter(col)}{row}" if col else ""

    def header_cell(self, col: int) -> Cell:
        return Cell(1, col, self.header_cells.get(col))

    def raw(self, row: Row, header: str):
        """The value as typed: a formula's text, not its result."""
        cell = row.cells.get(self.col(header))
        return None if cell is None else cell.value

    def get(self, row: Row, header: str):
        """The value the reader sees (a formula's cached result; None if it has none)."""
        cell = row.cells.get(self.col(header))
        if cell is None:
            return None
        if cell.data_type == "f":
            return self.cached.get(cell.coordinate)
        return cell.value

    def unresolved(self, row: Row, header: str) -> bool:
        """A formula whose result was never computed (the cell checks report it)."""
        cell = row.cells.get(self.col(header))
        return cell is not None and cell.data_type == "f" and self.cached.get(cell.coordinate) is None

    def text(self, row: Row, header: str) -> str:
        return clean_text(self.get(row, header))

    def numbers(self, header: str, rows: list[Row] | None = None):
        """(row, location fields, the value as an int or None) for each row, in order."""
        for row in self.rows if rows is None else rows:
            where = self.at(row, header)
            yield row, where, parse_int(where["value"])

    def at(self, row: Row, header: str) -> dict:
        """Location fields for problem(): sheet, row, column header, A1 cell, value."""
        return {
            "sheet": self.name,
            "row": row.number,
            "column": header,
            "cell": self.ref(row.number, header),
            "value": self.get(row, header),
        }

    def records(self) -> list[dict]:
        """Data rows as dicts keyed by header text (every header, None when empty), each with '_row'."""
        return [{**{header: self.get(row, header) for header in self.headers}, "_row": row.number} for row in self.rows]

    def last_column(self) -> int:
        used = [col for row in self.rows for col in row.cells]
        return max([*self.header_cells, *used, 0])


@dataclass
class Master:
    """One master workbook, opened and parsed once. `sheets`: the contract sheets present."""

    path: Path
    data: bytes  # the file as read: write-back and monitor init edit a copy of these bytes
    sheetnames: list[str]
    sheets: dict  # contract sheet name -> Sheet
    loader: str  # "calamine" or "openpyxl"
    stat: tuple  # (size, mtime_ns) when read: an edit refuses a file changed since
    _has_data: object = None  # callable: does any sheet hold anything (contract or not)?
    memo: dict = field(default_factory=dict)

    @cached_property
    def has_data(self) -> bool:
        return bool(self._has_data())

    @cached_property
    def lock(self) -> Path | None:
        """Excel's or LibreOffice's owner file beside the workbook, when it is open there."""
        return lock_file(self.path)

    def sheet_with(self, name: str, *headers: str) -> Sheet | None:
        """The sheet when it is present with all `headers`; else None (structure checks say why)."""
        sheet = self.sheets.get(name)
        return sheet if sheet is not None and all(sheet.col(h) is not None for h in headers) else None

    def plan_period(self) -> tuple[int, int] | None:
        """(start, end) when both years are valid, else None (settings checks report why)."""
        if "period" not in self.memo:
            self.memo["period"] = _period(self)
        return self.memo["period"]

    def editable(self):
        """A fresh openpyxl workbook of the bytes read, for an edit, and the warnings openpyxl gave
        while loading (each is something it would drop on save)."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            wb = load_workbook(io.BytesIO(self.data), keep_links=True)
        return wb, sorted({str(w.message) for w in caught})


def open_master(path: Path, *, fast: bool = True) -> Master:
    """Read and parse the master at `path`; WorkbookUnreadable (exit 2) when it cannot be.
    `fast=False`: openpyxl even where calamine could read it (tests compare the two)."""
    path = Path(path)
    data, stat = read_checked(path)
    check_extension(path)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = sheet_parts(archive, set(archive.namelist()))
        fast = fast and bool(parts) and _calamine_can_read(archive, parts)
    if fast:
        try:
            return _with_calamine(path, data, stat, list(parts))
        except Exception:  # noqa: BLE001 -- calamine refused a package openpyxl may still read
            pass
    return _with_openpyxl(path, data, stat)


# -- calamine: values only; see the module docstring for when it is used --


def _calamine_can_read(archive: zipfile.ZipFile, parts: dict) -> bool:
    names = set(archive.namelist())
    if "xl/sharedStrings.xml" in names and EXCEL_ESCAPE.search(archive.read("xl/sharedStrings.xml")):
        return False
    for name in c.READ_SHEETS:
        if name not in parts:
            continue
        if parts[name] not in names:
            return False
        xml = archive.read(parts[name])
        # -- a DTD the opener's scan missed: openpyxl's defusedxml parser refuses it, so let it --
        if FORMULA_OR_ERROR.search(xml) or EXCEL_ESCAPE.search(xml) or ENTITY_PATTERN.search(xml):
            return False
        refs = CELL_REF.findall(xml)
        if refs and max(int(r) for _, r in refs) * max(_column(col) for col, _ in refs) > MAX_DENSE_CELLS:
            return False
    return True


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _with_calamine(path: Path, data: bytes, stat, names: list[str]) -> Master:
    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = {}
    for name in c.READ_SHEETS:
        if name in names:
            sheet = workbook.get_sheet_by_name(name)
            cells = (
                Cell(r, col, _value(v), _kind(_value(v)))
                for r, values in enumerate(sheet.to_python(skip_empty_area=False), 1)
                for col, v in enumerate(values, 1)
                if v != "" and v is not None
            )
            merged = [
                CellRange(min_row=a + 1, min_col=b + 1, max_row=y + 1, max_col=x + 1)
                for (a, b), (y, x) in sheet.merged_cell_ranges or ()
            ]
            sheets[name] = _sheet(name, cells, merged)

    def has_data() -> bool:
        return any(s.rows or s.header_cells for s in sheets.values()) or any(
            workbook.get_sheet_by_name(n).height > 0 for n in names if n not in sheets
        )

    return Master(path, data, names, sheets, "calamine", stat, has_data)


def _value(value):
    """calamine's value as openpyxl gives it: whole numbers as int, dates as datetime."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def _kind(value) -> str:
    if isinstance(value, str):
        return "s"
    if isinstance(value, bool):
        return "b"
    return "n" if isinstance(value, (int, float)) else "d"


# -- openpyxl: formulas (their text, and the results Excel cached) and Excel's own errors --


def _with_openpyxl(path: Path, data: bytes, stat) -> Master:
    wb = open_workbook(path, read_only=False, data_only=False, data=data)
    try:
        sheets = {}
        for name in c.READ_SHEETS:
            if name in wb.sheetnames:
                ws = wb[name]
                cells = (Cell(cell.row, cell.column, cell.value, cell.data_type) for cell in ws._cells.values())
                sheets[name] = _sheet(name, cells, list(ws.merged_cells.ranges))
        has_data = any(ws.max_row > 1 or ws.max_column > 1 or ws.cell(1, 1).value is not None for ws in wb.worksheets)
        names = list(wb.sheetnames)
    finally:
        wb.close()
    formulas = [s for s in sheets.values() if any(cell.data_type == "f" for r in s.rows for cell in r.cells.values())]
    if formulas:  # -- a second, read-only pass of the same bytes only when there are results to read --
        values = open_workbook(path, read_only=True, data_only=True, data=data)
        try:
            for sheet in formulas:
                last = max((r.number for r in sheet.rows), default=1)
                sheet.cached = {
                    cell.coordinate: cell.value
                    for row in values[sheet.name].iter_rows(max_row=last)
                    for cell in row
                    if getattr(cell, "coordinate", None)
                }
        finally:
            values.close()
    return Master(path, data, names, sheets, "openpyxl", stat, lambda: has_data)


def _sheet(name: str, cells, merged: list) -> Sheet:
    filled, beyond = filled_cells(cells)
    header_cells = {col: cell.value for col, cell in filled.pop(1, {}).items()}
    rows = [Row(number, row_cells) for number, row_cells in sorted(filled.items())]
    headers = {}
    for col, value in header_cells.items():
        headers.setdefault(clean_text(value), col)
    return Sheet(name, header_cells, headers, rows, beyond=beyond, merged=merged)


def _period(master: Master) -> tuple[int, int] | None:
    sheet = master.sheets.get(c.SHEET_SETTINGS)
    key, value = c.SettingsCol.KEY, c.SettingsCol.VALUE
    if sheet is None or sheet.col(key) is None or sheet.col(value) is None:
        return None
    values = {sheet.text(r, key): sheet.get(r, value) for r in sheet.rows}
    start, end = (year_value(values.get(k.label)) for k in c.SETTING_KEYS if k.kind == "year")
    if start is None or end is None or start > end:
        return None
    return start, end


def year_value(value) -> int | None:
    year = parse_int(value)
    return year if year is not None and 2500 <= year <= 2700 else None


__all__ = ["Master", "Sheet", "Row", "Cell", "open_master", "year_value", "EMPTY_RUN"]
