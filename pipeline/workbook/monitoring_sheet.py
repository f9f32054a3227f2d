"""The `ผลการดำเนินงาน` sheet as staff see it: headers, widths, dropdowns, formats.

Used by `pipeline init` / the importer (a new master) and by `pipeline monitor init` (an older
master that does not have the sheet yet).
"""

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from pipeline import contract as c
from pipeline.workbook.styles import (
    BE_DATE_FORMAT,
    BODY,
    BOX,
    BUDGET_FORMAT,
    HEADER,
    HEADER_FILL,
    WRAP_TOP,
    column_rule,
)

H = c.MONITORING_HEADERS
M = c.MonitoringCol
WIDTHS = (11, 7, 13, 50, 16, 16, 16, 22, 22, 50, 35, 40, 40, 40, 18)
AMOUNT_HEADERS = (M.PLANNED, M.APPROVED, M.SPENT)
DATE_HEADER = M.REPORT_DATE


def letter(header: str) -> str:
    return get_column_letter(H.index(header) + 1)


def add_monitoring_sheet(wb):
    """Append the sheet with its header row and dropdowns; returns it."""
    ws = wb.create_sheet(c.SHEET_MONITORING)
    ws.append(list(H))
    for cell in ws[1]:
        cell.font, cell.fill, cell.border = HEADER, HEADER_FILL, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "D2"
    _dropdown(ws, M.ROUND, ",".join(map(str, c.ROUNDS)), "ใส่ 6 (รอบ ๖ เดือน) หรือ 12 (ประจำปี)")
    _dropdown(ws, M.STATUS, ",".join(c.STATUSES), "เลือกสถานะจากรายการ")
    _dropdown(ws, M.REASON, ",".join(c.REASONS), "เลือกเหตุจากรายการ (ถ้าเลือก อื่น ๆ ให้อธิบายในช่องผลการดำเนินงาน)")
    first, last = letter(AMOUNT_HEADERS[0]), letter(AMOUNT_HEADERS[-1])
    column_rule(
        ws,
        first,
        "จำนวนเงิน",
        "ใส่จำนวนเงินเป็นตัวเลข 0 ขึ้นไป",
        last,
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
    )
    return ws


def _dropdown(ws, header: str, items: str, error: str) -> None:
    column_rule(ws, letter(header), header, error, type="list", formula1=f'"{items}"')


def style_row(ws, row: int, cols: dict[str, int]) -> None:
    """A data row as staff expect it: 16 pt, wrapped, boxed, money and dates formatted.
    `cols`: header -> column as found in the sheet."""
    for header in H:
        cell = ws.cell(row, cols[header])
        cell.font, cell.alignment, cell.border = BODY, WRAP_TOP, BOX
        if header in AMOUNT_HEADERS:
            cell.number_format = BUDGET_FORMAT
        elif header == DATE_HEADER:
            cell.number_format = BE_DATE_FORMAT
