"""The workbook as the checks see it: raw cells with A1 references, formulas resolved to the value
Excel cached (the value the reader will see), blank rows skipped the way the reader skips them."""
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from pipeline import contract as c
from pipeline.workbook.cells import clean_text, parse_int
from pipeline.workbook.extent import filled_cells
from pipeline.workbook.io import open_workbook


@dataclass
class Row:
    number: int
    cells: dict          # column index -> openpyxl Cell (non-empty cells only)


@dataclass
class Sheet:
    name: str
    ws: object
    header_cells: dict   # column index -> raw header value (non-empty)
    headers: dict        # clean header text -> first column index
    rows: list[Row]
    cached: dict = field(default_factory=dict)   # A1 -> cached value of a formula cell
    beyond: object = None  # first filled cell after a long run of empty rows (not read; reported)

    def col(self, header: str) -> int | None:
        return self.headers.get(header)

    def ref(self, row: int, header: str) -> str:
        col = self.col(header)
        return f"{get_column_letter(col)}{row}" if col else ""

    def raw(self, row: Row, header: str):
        """The value as typed: a formula's text, not its result."""
        cell = row.cells.get(self.col(header))
        return None if cell is None else cell.value

    def get(self, row: Row, header: str):
        """The value the reader will see (a formula's cached result; None if it has none)."""
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
        return {"sheet": self.name, "row": row.number, "column": header,
                "cell": self.ref(row.number, header), "value": self.get(row, header)}

    def last_column(self) -> int:
        used = [col for row in self.rows for col in row.cells]
        return max([*self.header_cells, *used, 0])


@dataclass
class Book:
    path: Path
    wb: object                       # formulas workbook (data_only=False)
    sheets: dict                     # input sheet name -> Sheet (present sheets only)
    memo: dict = field(default_factory=dict)

    def sheet_with(self, name: str, *headers: str) -> Sheet | None:
        """The sheet when it is present with all `headers`; else None (structure checks say why)."""
        sheet = self.sheets.get(name)
        return sheet if sheet is not None and all(sheet.col(h) is not None for h in headers) else None

    def plan_period(self) -> tuple[int, int] | None:
        """(start, end) when both years are valid, else None (settings checks report why)."""
        if "period" not in self.memo:
            self.memo["period"] = _period(self)
        return self.memo["period"]


def load_book(path: Path) -> Book:
    wb = open_workbook(path, read_only=False, data_only=False)
    sheets = {name: _sheet(wb[name]) for name in c.CONTRACT_SHEETS if name in wb.sheetnames}
    formulas = [s for s in sheets.values() if any(cell.data_type == "f" for r in s.rows for cell in r.cells.values())]
    if formulas:  # -- a second, read-only pass only when there are formulas to resolve --
        values = open_workbook(path, read_only=True, data_only=True)
        try:
            for sheet in formulas:
                last = max((r.number for r in sheet.rows), default=1)
                sheet.cached = {cell.coordinate: cell.value for row in values[sheet.name].iter_rows(max_row=last)
                                for cell in row if getattr(cell, "coordinate", None)}
        finally:
            values.close()
    return Book(Path(path), wb, sheets)


def _sheet(ws) -> Sheet:
    filled, beyond = filled_cells(ws)
    header_cells = {col: cell.value for col, cell in filled.pop(1, {}).items()}
    rows = [Row(number, cells) for number, cells in sorted(filled.items())]
    headers = {}
    for col, value in header_cells.items():
        headers.setdefault(clean_text(value), col)
    return Sheet(ws.title, ws, header_cells, headers, rows, beyond=beyond)


def _period(book: Book) -> tuple[int, int] | None:
    sheet = book.sheets.get(c.SHEET_SETTINGS)
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
