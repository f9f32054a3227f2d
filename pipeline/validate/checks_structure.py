"""Structure: the four input sheets exist, with their headers, and no data hides in stray columns.

Sheets that are not input sheets (the pipeline's summary sheets, staff's own notes) are ignored.
"""

from openpyxl.utils import get_column_letter

from pipeline import contract as c
from pipeline.validate.problems import problem
from pipeline.workbook.cells import clean_text
from pipeline.workbook.extent import EMPTY_RUN
from pipeline.workbook.master import Master


def check_workbook_empty(book: Master):
    if not book.sheets and not book.has_data:
        yield problem("workbook-empty", sheets=", ".join(c.INPUT_SHEETS))


def check_sheets(book: Master):
    if not book.sheets and not book.has_data:
        return  # -- reported once as workbook-empty --
    for name in c.INPUT_SHEETS:
        if name in book.sheets:
            continue
        similar = [s for s in book.sheetnames if _squash(s) == _squash(name)]
        hint = f" (พบแผ่นงาน '{similar[0]}' ที่ชื่อคล้ายกัน)" if similar else ""
        yield problem("sheet-missing", sheet=name, sheet_name=name, similar=hint)


def check_headers(book: Master):
    for name, sheet in book.sheets.items():
        expected, optional = c.HEADERS[name], c.OPTIONAL_HEADERS.get(name, ())
        missing = [h for h in expected if h not in sheet.headers and h not in optional]
        unknown = {col: v for col, v in sheet.header_cells.items() if clean_text(v) not in (*expected, *optional)}
        for position, header in enumerate(expected, 1):
            if header not in missing:
                continue
            col = position if position in unknown else None
            if col is None:
                yield problem("header-missing", sheet=name, row=1, column=header)
            else:
                yield problem(
                    "header-renamed",
                    sheet=name,
                    row=1,
                    column=header,
                    cell=f"{get_column_letter(col)}1",
                    value=unknown.pop(col),
                )
        for col, value in unknown.items():
            yield problem(
                "column-unknown",
                sheet=name,
                row=1,
                column=clean_text(value),
                cell=f"{get_column_letter(col)}1",
                value=value,
            )
        yield from _duplicate_headers(sheet)


def _duplicate_headers(sheet):
    seen = {}
    for col, value in sorted(sheet.header_cells.items()):
        text = clean_text(value)
        if text in seen:
            yield problem(
                "header-duplicate",
                sheet=sheet.name,
                row=1,
                column=text,
                cell=f"{get_column_letter(col)}1",
                value=value,
                first=f"{get_column_letter(seen[text])}1",
            )
        seen.setdefault(text, col)


def check_unnamed_columns(book: Master):
    """Data under no header is silently ignored by the reader: say so, once per column."""
    for sheet in book.sheets.values():
        reported = set()
        for row in sheet.rows:
            for col, cell in row.cells.items():
                if col in sheet.header_cells or col in reported:
                    continue
                reported.add(col)
                yield problem(
                    "column-unnamed",
                    sheet=sheet.name,
                    row=row.number,
                    column="",
                    cell=cell.coordinate,
                    value=cell.value,
                )


def check_sheet_empty(book: Master):
    for name in (c.SHEET_DIMENSIONS, c.SHEET_PROJECTS, c.SHEET_YEARLY, c.SHEET_SETTINGS):
        sheet = book.sheets.get(name)
        if sheet is not None and sheet.header_cells and not sheet.rows:
            yield problem("sheet-empty", sheet=name, sheet_name=name)


def check_rows_after_gap(book: Master):
    """Content after a long run of empty rows is not read (pipeline.workbook.extent): say where."""
    for sheet in book.sheets.values():
        cell = sheet.beyond
        if cell is not None:
            last = sheet.rows[-1].number if sheet.rows else 1
            yield problem(
                "rows-after-gap",
                sheet=sheet.name,
                row=cell.row,
                cell=cell.coordinate,
                value=cell.value,
                last=last,
                gap=EMPTY_RUN,
            )


def _squash(name: str) -> str:
    return "".join(clean_text(name).split())


CHECKS = (
    check_workbook_empty,
    check_sheets,
    check_headers,
    check_unnamed_columns,
    check_sheet_empty,
    check_rows_after_gap,
)
