"""The yearly summary sheets (e-plan layout) and the overview, with live formulas.

Totals are formulas over the rows (SUM, COUNTIF, SUMIFS, COUNTIFS) so the district office can
check them in Excel; their results are computed in Python and stored with them
(pipeline.render.excel.formulas), and LibreOffice's recalculation replaces them where it runs
(pipeline.render.excel.recalc).
"""

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline import contract as c
from pipeline.errors import OutputBlocked
from pipeline.model import Plan
from pipeline.render.excel.formulas import computed_values
from pipeline.render.excel.layout import (
    BUDGET_COL,
    CENTER,
    COLUMNS,
    FIRST_QUARTER_COL,
    FIRST_ROW,
    HEADER_ROW,
    SUMMARY_MARK,
    SUMMARY_TITLE,
    TITLE,
    TOTAL_LABEL,
    WIDTHS,
    fit_height,
    footer,
    header_row,
    one_page_when_close,
    page_setup,
    style_row,
)
from pipeline.render.excel.monitoring_sheets import add_monitoring_sheets
from pipeline.render.excel.recalc import store_values
from pipeline.render.excel.summary_chart import add_overview
from pipeline.workbook.atomic import atomic_replace
from pipeline.workbook.cells import put_text
from pipeline.workbook.guards import check_writable
from pipeline.workbook.styles import LINE_HEIGHT

_SUMMARY_NAME = re.compile(re.escape(c.SUMMARY_SHEET_PREFIX) + r"\d{4}")


def is_summary_sheet(title: str) -> bool:
    """Sheets this module owns: 'สรุป 2566' … and 'สรุปรวม'. Everything else belongs to staff."""
    return title == c.OVERVIEW_SHEET or bool(_SUMMARY_NAME.fullmatch(title))


def write_summary(plan: Plan, path: Path, years: list[int] | None = None, monitoring=()) -> Path:
    """The standalone submission workbook (summary sheets only), saved atomically.
    `monitoring`: RoundSummary objects for the `ติดตามผล YYYY` sheets (none without monitoring rows)."""
    path = Path(path)
    if path.exists():
        check_writable(path)
    wb = Workbook()
    wb.remove(wb.active)
    add_summary_sheets(wb, plan, years)
    if monitoring:
        add_monitoring_sheets(wb, plan, list(monitoring))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_replace(path) as tmp:
            wb.save(tmp)
            store_values(tmp, computed_values(wb))  # -- every reader sees the totals, LibreOffice or not --
    except PermissionError:
        raise OutputBlocked(
            f"เขียนไฟล์ {path} ไม่ได้ (ไฟล์อาจเปิดอยู่หรือไม่มีสิทธิ์เขียน)",
            hint="ปิดไฟล์ใน Excel/LibreOffice แล้วลองใหม่",
            english=f"cannot write {path}",
        ) from None
    return path


def add_summary_sheets(
    wb: Workbook, plan: Plan, years: list[int] | None = None, *, chart: bool = True
) -> list[Worksheet]:
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
    end = footer(ws, plan, last + 3, col=2)
    one_page_when_close(ws, end - 1)
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
