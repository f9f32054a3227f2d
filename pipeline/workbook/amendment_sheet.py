"""The amendment parts of a master, as staff see them: the sheet การแก้ไขแผน (headers, widths, date
format) and แผนรายปี's two columns เพิ่มเติมครั้งที่ / ยกเลิกครั้งที่ (after its last header, with a
whole-number rule). Added by `pipeline amend` to a master that has never been amended."""

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from pipeline import contract as c
from pipeline.workbook.cells import put_value
from pipeline.workbook.styles import (
    BE_DATE_FORMAT,
    BODY,
    BOX,
    HEADER,
    HEADER_FILL,
    WRAP_TOP,
    column_rule,
    row_height,
    text_lines,
)

A = c.AmendmentCol
MARKS = (c.YearlyCol.ADDED_IN, c.YearlyCol.CANCELLED_IN)  # -- แผนรายปี's amendment columns --
WIDTHS = {
    A.NUMBER: 9,
    A.DATE: 20,
    A.REASON: 70,
    A.SIGNER: 26,
    A.SIGNER_POSITION: 40,
    c.YearlyCol.ADDED_IN: 13,
    c.YearlyCol.CANCELLED_IN: 13,
}
NUMBERED = {
    A.NUMBER: "ใส่ครั้งที่ของการแก้ไขแผน 1, 2, 3 …",
    c.YearlyCol.ADDED_IN: "ใส่ครั้งที่ของการแก้ไขแผนที่เพิ่มแถวนี้ หรือเว้นว่าง",
    c.YearlyCol.CANCELLED_IN: "ใส่ครั้งที่ของการแก้ไขแผนที่ยกเลิกแถวนี้ หรือเว้นว่าง",
}


def add_amendment_sheet(wb):
    """Append การแก้ไขแผน with its header row; returns it."""
    ws = wb.create_sheet(c.SHEET_AMENDMENTS)
    add_columns(ws, {}, c.AMENDMENT_HEADERS)
    ws.freeze_panes = "A2"
    return ws


def add_columns(ws, found: dict[str, int], wanted: tuple[str, ...]) -> dict[str, int]:
    """Header -> column for each of `wanted`: where `found` (as the sheet's headers were read) has
    it, else a new column after the last one, with its header, width and number rule."""
    out, last = {}, max(found.values(), default=0)
    for header in wanted:
        if header in found:
            out[header] = found[header]
            continue
        last += 1
        cell = ws.cell(1, last)
        cell.value = header
        cell.font, cell.fill, cell.border = HEADER, HEADER_FILL, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(last)].width = WIDTHS.get(header, 13)
        if header in NUMBERED:
            _whole_numbers(ws, get_column_letter(last), NUMBERED[header])
        out[header] = last
    return out


def write_amendment(ws, row: int, cols: dict[str, int], values: dict[str, object]) -> None:
    """One amendment's row (header -> value; the date in the Thai date format), styled."""
    lines = 1
    for header, col in cols.items():
        cell = ws.cell(row, col)
        put_value(cell, values.get(header))  # -- a reason typed "=…" stays text --
        cell.font, cell.alignment, cell.border = BODY, WRAP_TOP, BOX
        if header == A.DATE:
            cell.number_format = BE_DATE_FORMAT
        if isinstance(values.get(header), str):
            lines = max(lines, text_lines(values[header], WIDTHS.get(header, 13)))
    ws.row_dimensions[row].height = row_height(lines)


def _whole_numbers(ws, letter: str, error: str) -> None:
    column_rule(ws, letter, "ครั้งที่", error, type="whole", operator="greaterThanOrEqual", formula1="1")
