"""The overview sheet `สรุปรวม`: projects and budget per year and มิติ, as formulas, plus a chart.

Each cell is a COUNTIFS/SUMIFS over the year sheets' own rows, so the overview follows any edit
made in a year sheet and works the same in the standalone workbook and in the master.
"""

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from pipeline import contract as c
from pipeline.model import Plan
from pipeline.render.excel import layout as s

BUDGET_LETTER = get_column_letter(s.BUDGET_COL)
DIM_LETTER = get_column_letter(s.DIMENSION_COL)
CHART_CM = (10.0, 8.0)  # width, height: two side by side fill the landscape page's width
OVERVIEW_ROW_PT = 21  # one line of TH SarabunPSK 16 with its marks


def add_overview(ws: Worksheet, plan: Plan, ranges: dict[int, tuple[int, int]], *, chart: bool = True) -> None:
    """`ranges`: year -> (first, last) data row of that year's sheet."""
    dims = [d.number for d in plan.dimensions]
    width = len(dims) + 2
    years = list(ranges)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else f"{years[0]}" if years else ""
    title = ws.cell(1, 1, f"สรุป{s.SUMMARY_TITLE} พ.ศ. {span} ของ {plan.settings.organisation}")
    title.font, title.alignment = s.TITLE, s.CENTER
    ws.merge_cells(start_row=1, end_row=1, start_column=1, end_column=width)
    counts = _table(ws, 3, "จำนวนโครงการ", dims, ranges, _count_formula, number_format="0")
    budgets = _table(ws, counts[1] + 3, "งบประมาณ (บาท)", dims, ranges, _budget_formula, number_format=s.BUDGET_FORMAT)
    after_footer = s.footer(ws, plan, budgets[1] + 3, col=1)
    s.page_setup(ws, (14,) + (18,) * (len(dims) + 1), "1:1")
    _print_on_two_pages(ws, budgets[1])
    if chart and years:
        # -- below the มิติ legend, the two charts side by side, as wide as the tables --
        half = get_column_letter(2 + len(dims) // 2)
        _chart(
            ws, "งบประมาณ (บาท) จำแนกตามมิติและปีงบประมาณ", budgets, width, f"A{after_footer + 1}", number_format="#,##0"
        )
        _chart(ws, "จำนวนโครงการ จำแนกตามมิติและปีงบประมาณ", counts, width, f"{half}{after_footer + 1}", number_format="0")


def _print_on_two_pages(ws: Worksheet, budget_total: int) -> None:
    """Page 1: the title and both tables, each with its header; page 2: the legend and the charts.
    Single-line rows need less than the year sheets' two-line height, and slightly narrower top
    and bottom margins leave the charts their room."""
    ws.sheet_format.defaultRowHeight = OVERVIEW_ROW_PT
    ws.row_dimensions[1].height = 30
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.row_breaks.append(Break(id=budget_total + 1))


def _count_formula(year: int, first: int, last: int, dim: int) -> str:
    sheet = quote_sheetname(c.summary_sheet_name(year))
    return f"=COUNTIFS({sheet}!${DIM_LETTER}${first}:${DIM_LETTER}${last},{dim})"


def _budget_formula(year: int, first: int, last: int, dim: int) -> str:
    sheet = quote_sheetname(c.summary_sheet_name(year))
    return (
        f"=SUMIFS({sheet}!${BUDGET_LETTER}${first}:${BUDGET_LETTER}${last},"
        f"{sheet}!${DIM_LETTER}${first}:${DIM_LETTER}${last},{dim})"
    )


def _table(ws, top: int, label: str, dims, ranges, formula, *, number_format: str) -> tuple[int, int]:
    """A caption, a header, one row per year and a totals row; returns (header row, totals row)."""
    ws.cell(top, 1, label).font = s.HEADER
    header = top + 1
    s.header_row(ws, header, ["ปีงบประมาณ", *[f"มิติ {d}" for d in dims], "รวม"])
    last_col = get_column_letter(len(dims) + 1)
    n = header
    for n, (year, (first, last)) in enumerate(ranges.items(), header + 1):
        ws.cell(n, 1, year)
        for col, dim in enumerate(dims, 2):
            ws.cell(n, col, formula(year, first, last, dim))
        ws.cell(n, len(dims) + 2, f"=SUM(B{n}:{last_col}{n})")
        s.style_row(ws, n, len(dims) + 2)
    total = n + 1
    ws.cell(total, 1, s.TOTAL_LABEL)
    for col in range(2, len(dims) + 3):
        letter = get_column_letter(col)
        ws.cell(total, col, f"=SUM({letter}{header + 1}:{letter}{n})")
    s.style_row(ws, total, len(dims) + 2, bold=True)
    for row in ws.iter_rows(min_row=header + 1, max_row=total, min_col=2, max_col=len(dims) + 2):
        for cell in row:
            cell.number_format = number_format
            cell.alignment = s.Alignment(horizontal="right", vertical="top")
    return header, total


def _chart(ws, title: str, table: tuple[int, int], width: int, anchor: str, *, number_format: str) -> None:
    """Clustered bars: one group per มิติ, one bar per year (the table's rows are the series).
    The value axis prints whole numbers with thousands commas (#,##0), not 20,000.00."""
    header, total = table
    chart = BarChart()
    chart.type, chart.grouping = "col", "clustered"
    chart.title = title
    chart.y_axis.title = title.split(" จำแนก")[0]
    chart.x_axis.title = "มิติ"
    data = Reference(ws, min_col=1, max_col=width - 1, min_row=header + 1, max_row=total - 1)
    chart.add_data(data, from_rows=True, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, max_col=width - 1, min_row=header, max_row=header))
    chart.y_axis.number_format = number_format
    chart.y_axis.numFmt.sourceLinked = False  # the axis keeps its own format, not the cells'
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl would hide both axes in Excel
    chart.legend.position = "b"
    chart.width, chart.height = CHART_CM
    ws.add_chart(chart, anchor)
