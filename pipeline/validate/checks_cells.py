"""Cells of the input sheets: stray spaces, non-NFC Thai, formulas without a value, Excel errors,
merged cells."""

import unicodedata

from openpyxl.utils import get_column_letter

from pipeline import contract as c
from pipeline.validate.problems import problem
from pipeline.workbook.cells import CONTROL, EXCEL_ESCAPE, NO_BREAK_SPACES, ZERO_WIDTH, clean_text, decode_excel_escapes
from pipeline.workbook.master import Master

# -- codes and names: where an invisible character makes two equal-looking values differ --
NAME_COLUMNS = (c.ProjectCol.CODE, c.ProjectCol.NAME, c.YearlyCol.PROJECT_CODE, c.DimensionCol.NAME)

EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"}
)


def _cells(sheet):
    """(header, cell) for the header row and every data row."""
    for col in sheet.header_cells:
        yield "", sheet.header_cell(col)
    names = {col: clean_text(v) for col, v in sheet.header_cells.items()}
    for row in sheet.rows:
        for col, cell in row.cells.items():
            yield names.get(col, ""), cell


def check_text(book: Master):
    for sheet in book.sheets.values():
        for header, cell in _cells(sheet):
            value = cell.value
            if not isinstance(value, str) or cell.data_type == "f":
                continue
            where = {"sheet": sheet.name, "row": cell.row, "column": header, "cell": cell.coordinate, "value": value}
            if value != value.strip():
                yield problem("text-spaces", **where)
            if not unicodedata.is_normalized("NFC", value):
                yield problem("text-not-nfc", **where)
            found = invisible_characters(
                value, everywhere=header not in NAME_COLUMNS and sheet.name != c.SHEET_SETTINGS
            )
            if found:
                yield problem("text-invisible", **where, found=", ".join(found))


def invisible_characters(value: str, *, everywhere: bool) -> list[str]:
    """Thai descriptions of what clean_text removes or changes; zero-width and no-break spaces only
    matter in codes, names and settings (elsewhere they are harmless in print)."""
    found = [f"{m[0]} (รหัสซ่อนของ Excel)" for m in EXCEL_ESCAPE.finditer(value) if m[1].upper() != "005F"]
    text = decode_excel_escapes(value)
    found += [f"อักขระควบคุม U+{ord(ch):04X}" for ch in dict.fromkeys(CONTROL.findall(text))]
    if not everywhere:
        found += [f"ช่องว่างความกว้างศูนย์ U+{ord(ch):04X}" for ch in dict.fromkeys(text) if ch in ZERO_WIDTH]
        found += [f"ช่องว่างแบบไม่ตัดคำ U+{ord(ch):04X}" for ch in dict.fromkeys(text) if ch in NO_BREAK_SPACES]
    return found


def check_formulas(book: Master):
    for sheet in book.sheets.values():
        for header, cell in _cells(sheet):
            where = {"sheet": sheet.name, "row": cell.row, "column": header, "cell": cell.coordinate}
            if cell.data_type == "f":
                cached = sheet.cached.get(cell.coordinate)
                if cached is None:
                    yield problem("formula-no-value", **where, value=_formula_text(cell.value))
                elif isinstance(cached, str) and cached in EXCEL_ERRORS:
                    yield problem("cell-error", **where, value=cached)
            elif cell.data_type == "e" or (isinstance(cell.value, str) and cell.value.strip() in EXCEL_ERRORS):
                yield problem("cell-error", **where, value=cell.value)


def _formula_text(value) -> str:
    return value if isinstance(value, str) else getattr(value, "text", str(value))


def check_merged(book: Master):
    for sheet in book.sheets.values():
        width = sheet.last_column()
        for merged in sorted(sheet.merged, key=lambda r: (r.min_row, r.min_col)):
            if merged.min_col > width:
                continue
            top_left = f"{get_column_letter(merged.min_col)}{merged.min_row}"
            header = clean_text(sheet.header_cells.get(merged.min_col)) if merged.min_row > 1 else ""
            yield problem(
                "merged-cells", sheet=sheet.name, row=merged.min_row, column=header, cell=top_left, value=merged.coord
            )


CHECKS = (check_text, check_formulas, check_merged)
