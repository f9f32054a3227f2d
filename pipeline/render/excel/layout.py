"""The look shared by the year sheets and the overview: columns, fonts, page setup, footer, and
staff text written so that a spreadsheet never reads it as a formula."""

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline import contract as c
from pipeline.model import Plan
from pipeline.text.thai import eplan_date
from pipeline.workbook.cells import put_text
from pipeline.workbook.styles import (
    BODY,
    BOX,
    BUDGET_FORMAT,
    FONT_NAME,
    HEADER,
    HEADER_FILL,
    LINE_HEIGHT,
    row_height,
    text_lines,
)

# -- the e-plan prints a ballot box with a check for "planned in this quarter" --
SUMMARY_MARK = c.QUARTER_OUTPUT_MARK
SUMMARY_TITLE = "แผนปฏิบัติการป้องกันการทุจริต"
TOTAL_LABEL = "รวมทั้งสิ้น"
COLUMNS = (
    "ลำดับ",
    "รายการโครงการ (ตั้งต้น)",
    "มิติ",
    "งบประมาณ (บาท)",
    "ไตรมาส 1",
    "ไตรมาส 2",
    "ไตรมาส 3",
    "ไตรมาส 4",
    "หมายเหตุ",
)
WIDTHS = (7, 70, 6, 16, 8, 8, 8, 8, 18)
HEADER_ROW = 2
FIRST_ROW = 3
DIMENSION_COL, BUDGET_COL, FIRST_QUARTER_COL = 3, 4, 5  # positions in COLUMNS, 1-based
TITLE = Font(name=FONT_NAME, size=18, bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def footer(ws: Worksheet, plan: Plan, n: int, *, col: int) -> int:
    """ข้อมูล ณ วันที่, ผู้ออกรายงาน and the มิติ legend from row n; returns the row after it."""
    s = plan.settings
    lines = [
        f"ข้อมูล ณ วันที่ {eplan_date(s.data_as_of)}" if s.data_as_of else "",
        f"ผู้ออกรายงาน {s.reporter}",
        "",
        "คำอธิบายมิติ",
    ]
    lines += [f"มิติที่ {d.number} {d.name}" for d in plan.dimensions]
    for i, line in enumerate(lines):
        cell = ws.cell(n + i, col)
        put_text(cell, line)
        cell.font = BODY
    return n + len(lines)


def fit_height(ws: Worksheet, n: int, texts: dict[int, str]) -> None:
    """Row height for wrapped Thai text: neither Excel nor LibreOffice grows rows on open."""
    lines = max(
        text_lines(text, ws.column_dimensions[get_column_letter(col)].width or WIDTHS[col - 1])
        for col, text in texts.items()
    )
    ws.row_dimensions[n].height = row_height(lines)


# -- measured with LibreOffice 7.4 on the real master's year sheets: at the scale that fits the
#    columns to an A4 landscape page, about 860 pt of rows (as stored) fill one page --
ROWS_PER_PAGE = 860
SHRINK_LIMIT = 0.75  # fitted to one page only when that keeps at least 75 % of the size


def one_page_when_close(ws: Worksheet, last_row: int) -> None:
    """A short sheet that would spill a few rows onto a second page (the มิติ legend under the
    total) is fitted to one page when that keeps it at SHRINK_LIMIT of its size or more; a long
    one keeps as many pages as it needs, its header repeated."""
    default = ws.sheet_format.defaultRowHeight or LINE_HEIGHT
    height = sum(ws.row_dimensions[n].height or default for n in range(1, last_row + 1))
    if height * SHRINK_LIMIT <= ROWS_PER_PAGE:
        ws.page_setup.fitToHeight = 1


def header_row(ws: Worksheet, n: int, labels) -> None:
    for col, label in enumerate(labels, 1):
        cell = ws.cell(n, col, label)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER, HEADER_FILL, BOX, CENTER


def style_row(ws: Worksheet, n: int, width: int, *, bold: bool = False) -> None:
    for col in range(1, width + 1):
        cell = ws.cell(n, col)
        cell.font, cell.border = (HEADER if bold else BODY), BOX
        cell.alignment = WRAP_TOP if col in (2, width) and not bold else CENTER
        if col == BUDGET_COL:
            cell.number_format = BUDGET_FORMAT
            cell.alignment = Alignment(horizontal="right", vertical="top")


def page_setup(ws: Worksheet, widths, title_rows: str) -> None:
    """A4 landscape, fit to one page wide (as many pages tall as needed), header rows repeated."""
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.sheet_format.defaultRowHeight = LINE_HEIGHT  # every row tall enough for 16 pt Thai
    ws.sheet_format.customHeight = True
    ws.page_margins.left = ws.page_margins.right = 0.5
