"""The yearly summary sheets (e-plan layout) and the overview, with live formulas.

Totals are formulas over the rows (SUM, COUNTIF, SUMIFS, COUNTIFS) so the district office can
check them in Excel; openpyxl stores no results, see pipeline.render.recalc for cached values.
"""
import math
import os
import re
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline import contract as c
from pipeline.errors import OutputBlocked
from pipeline.model import Plan
from pipeline.thai import eplan_date
from pipeline.workbook.writer import BODY, BOX, BUDGET_FORMAT, FONT_NAME, HEADER, HEADER_FILL

# -- the e-plan prints a ballot box with a check for "planned in this quarter" --
SUMMARY_MARK = "☑"
SUMMARY_TITLE = "แผนปฏิบัติการป้องกันการทุจริต"
TOTAL_LABEL = "รวมทั้งสิ้น"
COLUMNS = ("ลำดับ", "รายการโครงการ (ตั้งต้น)", "มิติ", "งบประมาณ (บาท)",
           "ไตรมาส 1", "ไตรมาส 2", "ไตรมาส 3", "ไตรมาส 4", "หมายเหตุ")
WIDTHS = (7, 70, 6, 16, 8, 8, 8, 8, 18)
HEADER_ROW = 2
FIRST_ROW = 3
LINE_HEIGHT = 26        # points per line of TH SarabunPSK 16
CHARS_PER_WIDTH = 0.7   # Thai letters per unit of column width at that size
BUDGET_COL, FIRST_QUARTER_COL = 4, 5
TITLE = Font(name=FONT_NAME, size=18, bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
# -- text from staff that a spreadsheet would read as a formula (CSV/formula injection) --
FORMULA_START = ("=", "+", "-", "@")
_SUMMARY_NAME = re.compile(re.escape(c.SUMMARY_SHEET_PREFIX) + r"\d{4}")


def is_summary_sheet(title: str) -> bool:
    """Sheets this module owns: 'สรุป 2566' … and 'สรุปรวม'. Everything else belongs to staff."""
    return title == c.OVERVIEW_SHEET or bool(_SUMMARY_NAME.fullmatch(title))


def write_summary(plan: Plan, path: Path, years: list[int] | None = None) -> Path:
    """The standalone submission workbook (summary sheets only), saved atomically."""
    from pipeline.render.writeback import check_writable  # writeback imports this module

    path = Path(path)
    if path.exists():
        check_writable(path)
    wb = Workbook()
    wb.remove(wb.active)
    add_summary_sheets(wb, plan, years)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except PermissionError:
        raise OutputBlocked(f"เขียนไฟล์ {path} ไม่ได้ (ไฟล์อาจเปิดอยู่หรือไม่มีสิทธิ์เขียน)",
                            hint="ปิดไฟล์ใน Excel/LibreOffice แล้วลองใหม่",
                            english=f"cannot write {path}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return path


def add_summary_sheets(wb: Workbook, plan: Plan, years: list[int] | None = None, *,
                       chart: bool = True) -> list[Worksheet]:
    """(Re)create one sheet per year and the overview at the end of `wb`; returns them.

    Every sheet `is_summary_sheet` names is removed first, so a stale year never lingers.
    `chart=False` leaves the overview without its chart (the master gets no drawing parts).
    """
    years = list(years or plan.settings.years)
    for ws in [ws for ws in wb.worksheets if is_summary_sheet(ws.title)]:
        wb.remove(ws)
    sheets, ranges = [], {}
    for year in years:
        ws = wb.create_sheet(c.summary_sheet_name(year))
        ranges[year] = _year_sheet(ws, plan, year)
        sheets.append(ws)
    overview = wb.create_sheet(c.OVERVIEW_SHEET)
    from pipeline.render.summary_chart import add_overview  # overview layout and chart
    add_overview(overview, plan, ranges, chart=chart)
    sheets.append(overview)
    for ws in sheets:
        ws.sheet_view.tabSelected = False  # never group our sheets with the staff's active one
    return sheets


def _year_sheet(ws: Worksheet, plan: Plan, year: int) -> tuple[int, int]:
    """Fill one year's sheet; returns the (first, last) data row the formulas cover."""
    org = plan.settings.organisation
    page_setup(ws, WIDTHS, f"1:{HEADER_ROW}")
    title = ws.cell(1, 1, f"{SUMMARY_TITLE} พ.ศ. {year} ของ {org}")  # Arabic digits, as the e-plan
    title.font, title.alignment = TITLE, CENTER
    ws.merge_cells(start_row=1, end_row=1, start_column=1, end_column=len(COLUMNS))
    ws.row_dimensions[1].height = 30
    header_row(ws, HEADER_ROW, COLUMNS)
    ws.row_dimensions[HEADER_ROW].height = 2 * LINE_HEIGHT
    rows = plan.rows_for(year)
    for i, r in enumerate(rows):
        n = FIRST_ROW + i
        marks = [SUMMARY_MARK if q else None for q in r.quarters]
        for col, value in enumerate([r.order, None, r.dimension, r.budget, *marks, None], 1):
            ws.cell(n, col, value)
        put_text(ws.cell(n, 2), r.name)
        put_text(ws.cell(n, 9), r.note)
        style_row(ws, n, len(COLUMNS))
        fit_height(ws, n, {2: r.name, 9: r.note})
    # -- an empty year still gets one blank row, so the formulas keep a valid range --
    last = FIRST_ROW + max(len(rows), 1) - 1
    if not rows:
        style_row(ws, FIRST_ROW, len(COLUMNS))
    _total_row(ws, last + 1, FIRST_ROW, last)
    footer(ws, plan, last + 3, col=2)
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    return FIRST_ROW, last


def _total_row(ws: Worksheet, n: int, first: int, last: int) -> None:
    ws.cell(n, 2, TOTAL_LABEL)
    budget = get_column_letter(BUDGET_COL)
    ws.cell(n, BUDGET_COL, f"=SUM({budget}{first}:{budget}{last})")
    for q in range(4):
        col = get_column_letter(FIRST_QUARTER_COL + q)
        ws.cell(n, FIRST_QUARTER_COL + q, f'=COUNTIF({col}{first}:{col}{last},"{SUMMARY_MARK}")')
    style_row(ws, n, len(COLUMNS), bold=True)
    ws.cell(n, 2).alignment = CENTER


def footer(ws: Worksheet, plan: Plan, n: int, *, col: int) -> int:
    """ข้อมูล ณ วันที่, ผู้ออกรายงาน and the มิติ legend from row n; returns the row after it."""
    s = plan.settings
    lines = [f"ข้อมูล ณ วันที่ {eplan_date(s.data_as_of)}" if s.data_as_of else "",
             f"ผู้ออกรายงาน {s.reporter}", "", "คำอธิบายมิติ"]
    lines += [f"มิติที่ {d.number} {d.name}" for d in plan.dimensions]
    for i, line in enumerate(lines):
        cell = ws.cell(n + i, col)
        put_text(cell, line)
        cell.font = BODY
    return n + len(lines)


def put_text(cell, value) -> None:
    """Staff text is always a string, never a formula, even when it starts with = + - @."""
    if value in (None, ""):
        return
    cell.value = str(value)
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_START):
        cell.quotePrefix = True  # Excel keeps it text even after someone edits the cell


def fit_height(ws: Worksheet, n: int, texts: dict[int, str]) -> None:
    """Row height for wrapped Thai text: neither Excel nor LibreOffice grows rows on open."""
    lines = 1
    for col, text in texts.items():
        width = ws.column_dimensions[get_column_letter(col)].width or WIDTHS[col - 1]
        # -- vowel and tone marks sit above/below a letter and take no width --
        visible = sum(1 for ch in text or "" if unicodedata.category(ch) != "Mn")
        lines = max(lines, math.ceil(visible / (width * CHARS_PER_WIDTH)))
    ws.row_dimensions[n].height = lines * LINE_HEIGHT


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
