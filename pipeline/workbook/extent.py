"""How far down a sheet the staff's data goes.

openpyxl trusts the sheet's stored dimension, which counts every cell ever touched: one space typed
at row 1,048,576 (Ctrl+Down, then a key) made every row up to there be visited, 80 s and 3 GB.
Both the reader and the validator read rows until EMPTY_RUN empty rows in a row and no further;
the validator reports any content beyond such a gap (rows-after-gap), so nothing is dropped silently.
"""
from pipeline.workbook.cells import clean_text

EMPTY_RUN = 1000  # far more blank rows than anyone leaves between rows of a table on purpose


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and clean_text(value) == "")


def stream_rows(ws):
    """(row number, values) of a read-only sheet, stopping after EMPTY_RUN empty rows."""
    if hasattr(ws, "reset_dimensions"):  # -- read-only: no padding of rows or columns up to the dimension --
        ws.reset_dimensions()
    empty = 0
    for number, values in enumerate(ws.iter_rows(values_only=True), 1):
        if all(is_blank(v) for v in values):
            empty += 1
            if empty >= EMPTY_RUN:
                return
            continue
        empty = 0
        yield number, values


def filled_cells(ws) -> tuple[dict[int, dict], object | None]:
    """({row: {column: cell}} of the non-blank cells read, first non-blank cell past a long gap or None)
    for a fully loaded sheet. Walks the cells the file holds instead of the rectangle up to the
    dimension (openpyxl keeps them in `_cells`; iter_rows would create every cell in between)."""
    rows: dict[int, dict] = {}
    for (row, col), cell in ws._cells.items():
        if not is_blank(cell.value):
            rows.setdefault(row, {})[col] = cell
    previous = 1
    for row in sorted(rows):
        if row - previous - 1 >= EMPTY_RUN:
            beyond = rows[row][min(rows[row])]
            return {r: dict(sorted(cells.items())) for r, cells in rows.items() if r < row}, beyond
        previous = row
    return {r: dict(sorted(cells.items())) for r, cells in rows.items()}, None
