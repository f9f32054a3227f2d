"""How far down a sheet the staff's data goes.

openpyxl trusts the sheet's stored dimension, which counts every cell ever touched: one space typed
at row 1,048,576 (Ctrl+Down, then a key) made every row up to there be visited, 80 s and 3 GB.
Both the reader and the validator read rows until EMPTY_RUN empty rows in a row and no further;
the validator reports any content beyond such a gap (rows-after-gap), so nothing is dropped silently.
"""

from pipeline.workbook.cells import NO_BREAK_SPACES, ZERO_WIDTH, clean_text

EMPTY_RUN = 1000  # far more blank rows than anyone leaves between rows of a table on purpose


# -- a text starting with one of these may still be empty once clean_text has dropped them --
_MAYBE_INVISIBLE = frozenset(ZERO_WIDTH + NO_BREAK_SPACES + "_" + "".join(map(chr, range(32))) + "\x7f")


def is_blank(value) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    stripped = value.strip()
    if not stripped:
        return True
    return stripped[0] in _MAYBE_INVISIBLE and clean_text(value) == ""  # -- the full look only when in doubt --


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


def filled_cells(cells) -> tuple[dict[int, dict], object | None]:
    """({row: {column: cell}} of the non-blank cells, first non-blank cell past a long gap or None).
    `cells`: the cells a sheet holds (objects with row, column and value), in any order; only those
    the file stores are walked, never the rectangle up to the sheet's dimension."""
    rows: dict[int, dict] = {}
    for cell in cells:
        if not is_blank(cell.value):
            rows.setdefault(cell.row, {})[cell.column] = cell
    previous = 1
    for row in sorted(rows):
        if row - previous - 1 >= EMPTY_RUN:
            beyond = rows[row][min(rows[row])]
            return {r: dict(sorted(cells.items())) for r, cells in rows.items() if r < row}, beyond
        previous = row
    return {r: dict(sorted(cells.items())) for r, cells in rows.items()}, None
