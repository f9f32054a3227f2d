"""`ติดตามผล YYYY` sheets in summary.xlsx: the year's monitoring rows, per round a table by มิติ
and status of COUNTIFS/SUMIFS over those rows, the % put into practice as a formula coloured by
the national thresholds (conditional formatting), and a chart of planned vs spent by มิติ.

The rows hold the effective status (an empty cell counts as ยังไม่ดำเนินการ, as in the report)
and the planned budget from แผนรายปี, so the formulas and the Word report count the same thing.
"""

from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter

from pipeline import contract as c
from pipeline.model import FLAGS, THRESHOLDS, Plan, round_period
from pipeline.monitor.aggregate import RoundSummary
from pipeline.render.excel.layout import CENTER, TITLE, header_row, page_setup
from pipeline.text.thai import eplan_date
from pipeline.workbook.cells import put_text, put_value
from pipeline.workbook.styles import BODY, BOX, BUDGET_FORMAT, HEADER

# -- the long name last: the tables by มิติ above share these columns' widths --
M = c.MonitoringCol
ROW_COLUMNS = (
    M.YEAR,
    M.ROUND,
    M.PROJECT_CODE,
    c.YearlyCol.DIMENSION,
    M.PLANNED,
    M.APPROVED,
    M.SPENT,
    M.STATUS,
    M.REASON,
    M.NAME,
)
TABLE_COLUMNS = (
    "มิติ",
    "จำนวนโครงการ",
    c.STATUS_DONE,
    c.STATUS_IN_PROGRESS,
    c.STATUS_NOT_STARTED,
    c.STATUS_FAILED,
    "งบประมาณตามแผน (บาท)",
    "งบประมาณตามข้อบัญญัติ (บาท)",
    "เบิกจ่ายจริง (บาท)",
)
WIDTHS = (16, 14, 16, 16, 18, 18, 20, 24, 24, 70)
ROUND_COL, DIM_COL, STATUS_COL, REASON_COL, NAME_COL = 2, 4, 8, 9, 10
MONEY_COLS = (5, 6, 7)  # planned, approved, spent in the rows
PERCENT_FORMAT = '0.00" %"'


def add_monitoring_sheets(wb, plan: Plan, summaries: list[RoundSummary]) -> list:
    """One sheet per year that has monitoring rows, appended to `wb`; returns them."""
    sheets = []
    for year in sorted({s.year for s in summaries}):
        ws = wb.create_sheet(c.monitoring_sheet_name(year))
        _year_sheet(ws, plan, year, [s for s in summaries if s.year == year])
        ws.sheet_view.tabSelected = False
        sheets.append(ws)
    return sheets


def _year_sheet(ws, plan: Plan, year: int, rounds: list[RoundSummary]) -> None:
    page_setup(ws, WIDTHS, "1:1")
    title = ws.cell(1, 1, f"ติดตามผลการดำเนินการป้องกันการทุจริต พ.ศ. {year} ของ {plan.settings.organisation}")
    title.font, title.alignment = TITLE, CENTER
    ws.merge_cells(start_row=1, end_row=1, start_column=1, end_column=len(ROW_COLUMNS))
    block = len(plan.dimensions) + 6  # caption, header, มิติ rows, total, % rows, blank
    rows_top = 3 + block * len(rounds) + 1  # the rows' header
    first = rows_top + 1
    last = first + sum(len(s.projects) for s in rounds) - 1
    top = 3
    for s in rounds:
        _round_table(ws, plan, s, top, (first, last))
        top += block
    ws.cell(rows_top - 1, 1, "รายการผลการดำเนินงาน (จากชีตผลการดำเนินงานของสมุดงานหลัก)").font = HEADER
    header_row(ws, rows_top, ROW_COLUMNS)
    n = first
    for s in rounds:
        for planned, row in s.projects:
            values = [
                year,
                s.round,
                planned.code,
                planned.dimension,
                planned.planned,
                row.approved or 0,
                row.spent or 0,
                row.status,
                None,
                None,
            ]
            for col, value in enumerate(values, 1):
                cell = ws.cell(n, col)
                put_value(cell, value)  # -- a code or status typed as "=..." stays text --
                cell.font, cell.border = BODY, BOX
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                if col in MONEY_COLS:
                    cell.number_format = BUDGET_FORMAT
            put_text(ws.cell(n, NAME_COL), planned.name)
            put_text(ws.cell(n, REASON_COL), row.reason)
            n += 1
    ws.freeze_panes = ws.cell(2, 1)


def _criteria(col: int, rows: tuple[int, int]) -> str:
    letter = get_column_letter(col)
    return f"${letter}${rows[0]}:${letter}${rows[1]}"


def _round_table(ws, plan: Plan, s: RoundSummary, top: int, rows: tuple[int, int]) -> None:
    start, end = round_period(s.year, s.round)
    label = "รอบ 6 เดือน" if s.round == 6 else "ประจำปี (12 เดือน)"
    ws.cell(top, 1, f"{label}: {eplan_date(start)} ถึง {eplan_date(end)}").font = HEADER
    header_row(ws, top + 1, TABLE_COLUMNS)
    ws.row_dimensions[top + 1].height = 52
    rnd, dim, status = (_criteria(col, rows) for col in (ROUND_COL, DIM_COL, STATUS_COL))
    first_line = top + 2
    for i, d in enumerate(plan.dimensions):
        n = first_line + i
        ws.cell(n, 1, d.number)
        ws.cell(n, 2, f"=COUNTIFS({rnd},{s.round},{dim},$A{n})")
        for col, name in enumerate(TABLE_COLUMNS[2:6], 3):
            ws.cell(n, col, f'=COUNTIFS({rnd},{s.round},{dim},$A{n},{status},"{name}")')
        for col, money in zip((7, 8, 9), MONEY_COLS):
            ws.cell(n, col, f"=SUMIFS({_criteria(money, rows)},{rnd},{s.round},{dim},$A{n})")
        _style(ws, n)
    total = first_line + len(plan.dimensions)
    ws.cell(total, 1, "รวม")
    for col in range(2, len(TABLE_COLUMNS) + 1):
        letter = get_column_letter(col)
        ws.cell(total, col, f"=SUM({letter}{first_line}:{letter}{total - 1})")
    _style(ws, total, bold=True)
    _percent_row(ws, total + 1, "ร้อยละของโครงการที่ดำเนินการแล้วเสร็จ", f"C{total}", f"B{total}", s.round)
    if s.round == 6:
        _percent_row(ws, total + 2, "ร้อยละที่แล้วเสร็จและอยู่ระหว่างดำเนินการ", f"(C{total}+D{total})", f"B{total}", s.round)
    _chart(ws, s, first_line, total - 1, f"L{top}")


def _percent_row(ws, n: int, label: str, part: str, whole: str, round_: int) -> None:
    ws.cell(n, 1, label).font = HEADER
    ws.merge_cells(start_row=n, end_row=n, start_column=1, end_column=2)
    cell = ws.cell(n, 3, f"=IF({whole}=0,0,ROUND({part}/{whole}*100,2))")
    cell.number_format, cell.font, cell.border = PERCENT_FORMAT, HEADER, BOX
    green, orange = THRESHOLDS[round_]
    ref = cell.coordinate
    fills = {k: PatternFill("solid", fgColor=v[1], bgColor=v[1]) for k, v in FLAGS.items()}
    ws.conditional_formatting.add(
        ref, CellIsRule(operator="greaterThanOrEqual", formula=[str(green)], fill=fills["green"], stopIfTrue=True)
    )
    ws.conditional_formatting.add(
        ref, CellIsRule(operator="greaterThanOrEqual", formula=[str(orange)], fill=fills["orange"], stopIfTrue=True)
    )
    ws.conditional_formatting.add(
        ref, CellIsRule(operator="lessThan", formula=[str(orange)], fill=fills["red"], stopIfTrue=True)
    )
    note = f"เขียว ≥ {green} %, ส้ม {orange}–{green - 1} %, แดง < {orange} %"
    ws.cell(n, 4, note).font = BODY


def _style(ws, n: int, *, bold: bool = False) -> None:
    for col in range(1, len(TABLE_COLUMNS) + 1):
        cell = ws.cell(n, col)
        cell.font, cell.border = (HEADER if bold else BODY), BOX
        cell.alignment = Alignment(horizontal="right" if col > 1 else "center", vertical="top")
        cell.number_format = BUDGET_FORMAT if col >= 7 else "0"


def _chart(ws, s: RoundSummary, first: int, last: int, anchor: str) -> None:
    """Planned (ตามแผน), approved and spent by มิติ for the round."""
    chart = BarChart()
    chart.type, chart.grouping = "col", "clustered"
    chart.title = f"งบประมาณตามแผนและเบิกจ่ายจริง จำแนกตามมิติ ({'รอบ 6 เดือน' if s.round == 6 else 'ประจำปี'})"
    chart.y_axis.title, chart.x_axis.title = "บาท", "มิติ"
    for col in (7, 9):
        chart.add_data(Reference(ws, min_col=col, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    chart.width, chart.height = 18, 8
    ws.add_chart(chart, anchor)
