"""district.xlsx: the roll-up as the district prints and forwards it to the province.

    ภาพรวม      one row per organisation × fiscal year (Thai order), a total row per year
    มิติ         the district's projects and budget by มิติ and year (SUMIFS over ภาพรวม), two charts
    ยังไม่ส่ง     the organisations expected with no submission, or none for the year's round
    ปัญหา       every file that could not be used: file, sheet!cell, code, message and fix
    ไฟล์ที่ใช้     which file counted for each organisation

Every total is a formula (SUM, SUMIFS, ROUND, IF) with its result stored (computed in Python by
pipeline.render.excel.formulas: pandas, calamine and a phone's viewer read the numbers); text from
the submissions is stored as text (pipeline.workbook.cells.put_text). A4 landscape, fitted to the
page's width, the header rows repeated on every page.
"""

from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname

from pipeline.district.problems import SEVERITY_TH
from pipeline.district.tables import Figures, Rollup, baht, missing_text
from pipeline.model import FLAGS, THRESHOLDS
from pipeline.render.excel.formulas import computed_values
from pipeline.render.excel.layout import CENTER, TITLE, header_row, page_setup
from pipeline.render.excel.recalc import store_values
from pipeline.text.thai import eplan_date
from pipeline.workbook.cells import put_text, put_value
from pipeline.workbook.styles import BODY, BOX, HEADER, HEADER_FILL, row_height, text_lines

OVERVIEW, DIMENSIONS, MISSING, PROBLEMS, USED = "ภาพรวม", "มิติ", "ยังไม่ส่ง", "ปัญหา", "ไฟล์ที่ใช้"
TITLE_TEXT = "สรุปแผนปฏิบัติการป้องกันการทุจริตขององค์กรปกครองส่วนท้องถิ่น"
FIRST = 5  # the first data row of ภาพรวม (title, note, two header rows above)
STATUS_LABELS = ("แล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ยังไม่ดำเนินการ", "ดำเนินการไม่ได้")
MONEY_LABELS = ("ตามแผน", "ตามข้อบัญญัติ", "เบิกจ่ายจริง")
RIGHT = Alignment(horizontal="right", vertical="top")
# -- a zero prints as "-", as district tables print it; the value stays 0 --
MONEY_FORMAT = '#,##0.00;-#,##0.00;"-"'
COUNT_FORMAT = '#,##0;-#,##0;"-"'
NOT_REPORTED = "ไม่รายงาน"
LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
ROUND_LABEL = {6: "6 เดือน", 12: "ประจำปี"}
KIND_LABEL = {"master": "สมุดงานหลัก", "summary": "summary.xlsx"}


class Columns:
    """Where each figure sits in ภาพรวม, for `dims` มิติ."""

    def __init__(self, dims: list[int]):
        self.dims = dims
        n = len(dims)
        self.year, self.name = 1, 2
        self.projects = {d: 3 + i for i, d in enumerate(dims)}
        self.projects_total = 3 + n
        self.budget = {d: 4 + n + i for i, d in enumerate(dims)}
        self.budget_total = 4 + 2 * n
        self.round = self.budget_total + 1
        self.status = {
            name: self.round + 1 + i for i, name in enumerate(("done", "in_progress", "not_started", "failed"))
        }
        self.percent = self.round + 5
        self.flag = self.percent + 1
        self.money = {name: self.flag + 1 + i for i, name in enumerate(("planned", "approved", "spent"))}
        self.last = self.flag + 3
        self.styles: dict[bool, dict] = {}  # bold -> column -> StyleArray (see _style)
        # -- as narrow as the numbers allow: 22 columns fitted to an A4 landscape page's width --
        self.widths = [9, 30] + [5] * n + [6] + [12] * n + [13] + [8, 8, 9, 9, 9, 8, 6] + [12, 12, 12]

    def letter(self, col: int) -> str:
        return get_column_letter(col)


def write_district(rollup: Rollup, path: Path) -> Path:
    """Write the workbook to `path` (the caller saves atomically: see pipeline.district.job)."""
    wb = Workbook()
    overview = wb.active
    overview.title = OVERVIEW
    cols = Columns([d for d, _ in rollup.dimensions])
    district = rollup.roster.settings.get("district", "") if rollup.roster else ""
    ranges = _overview(overview, rollup, cols, f" {district}" if district else "")
    _dimensions(wb.create_sheet(DIMENSIONS), rollup, cols, ranges)
    _missing(wb.create_sheet(MISSING), rollup)
    _problems(wb.create_sheet(PROBLEMS), rollup)
    _used(wb.create_sheet(USED), rollup)
    wb.save(path)
    store_values(path, computed_values(wb))
    return Path(path)


# -- ภาพรวม --


def _overview(ws, rollup: Rollup, cols: Columns, title_suffix: str) -> tuple[int, int]:
    """Returns the (first, last) row the มิติ sheet's SUMIFS cover."""
    page_setup(ws, cols.widths, "3:4")
    _title(ws, f"{TITLE_TEXT}{title_suffix}", cols.last)
    used = len(rollup.used)
    note = f"รวมจากไฟล์ที่หน่วยงานส่ง {used} หน่วยงาน (ไฟล์ที่ตรวจ {rollup.files} ไฟล์)"
    note += "; ผลการดำเนินงาน: " + (
        ", ".join(f"ปี {y} รอบ{ROUND_LABEL[r]}" for y, r in rollup.rounds.items() if r) or "ยังไม่มีรายงาน"
    )
    put_text(ws.cell(2, 1), note)
    ws.cell(2, 1).font = BODY
    _overview_header(ws, cols, rollup.dimensions)
    n = FIRST
    for year in rollup.years:
        lines = [line for line in rollup.lines if line.year == year]
        first = n
        for line in lines:
            _line_row(ws, n, cols, line, rollup.rounds.get(year))
            n += 1
        _total_row(ws, n, cols, rollup, year, first, n - 1)
        n += 1
    ws.freeze_panes = ws.cell(FIRST, 3)
    _flag_colours(ws, cols, FIRST, n - 1)
    return FIRST, max(n - 1, FIRST)


def _title(ws, text: str, width: int) -> None:
    cell = ws.cell(1, 1)
    put_text(cell, text)
    cell.font, cell.alignment = TITLE, CENTER
    ws.merge_cells(start_row=1, end_row=1, start_column=1, end_column=width)
    ws.row_dimensions[1].height = 30


def _overview_header(ws, cols: Columns, dims) -> None:
    """Two rows: the groups (merged), then each column's own label."""
    groups = [
        (cols.year, cols.year, "ปีงบประมาณ"),
        (cols.name, cols.name, "หน่วยงาน"),
        (cols.projects[cols.dims[0]] if dims else 3, cols.projects_total, "จำนวนโครงการ จำแนกตามมิติ"),
        (
            cols.budget[cols.dims[0]] if dims else cols.budget_total,
            cols.budget_total,
            "งบประมาณตามแผน (บาท) จำแนกตามมิติ",
        ),
        (cols.round, cols.flag, "ผลการดำเนินงาน (จำนวนโครงการ)"),
        (cols.money["planned"], cols.money["spent"], "งบประมาณ (บาท) ในรอบที่รายงาน"),
    ]
    labels = {cols.year: "", cols.name: ""}
    labels.update({cols.projects[d]: f"มิติ {d}" for d in cols.dims})
    labels[cols.projects_total] = "รวม"
    labels.update({cols.budget[d]: f"มิติ {d}" for d in cols.dims})
    labels[cols.budget_total] = "รวม"
    labels[cols.round] = "รอบ"
    labels.update({cols.status[k]: label for k, label in zip(cols.status, STATUS_LABELS)})
    labels[cols.percent], labels[cols.flag] = "ร้อยละ แล้วเสร็จ", "ระดับสี"
    labels.update({cols.money[k]: label for k, label in zip(cols.money, MONEY_LABELS)})
    header_row(ws, 4, [labels.get(col, "") for col in range(1, cols.last + 1)])
    for start, end, text in groups:
        cell = ws.cell(3, start, text)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER, HEADER_FILL, BOX, CENTER
        for col in range(start, end + 1):
            ws.cell(3, col).border, ws.cell(3, col).fill = BOX, HEADER_FILL
        if start == end and start in (cols.year, cols.name):
            ws.merge_cells(start_row=3, end_row=4, start_column=start, end_column=end)
        elif end > start:
            ws.merge_cells(start_row=3, end_row=3, start_column=start, end_column=end)
    ws.row_dimensions[3].height = row_height(2)
    ws.row_dimensions[4].height = row_height(
        max(text_lines(labels.get(c, ""), cols.widths[c - 1]) for c in range(1, cols.last + 1))
    )


def _line_row(ws, n: int, cols: Columns, line, round_: int | None) -> None:
    ws.cell(n, cols.year, line.year)
    put_text(ws.cell(n, cols.name), line.organisation)
    for d in cols.dims:
        ws.cell(n, cols.projects[d], line.projects.get(d, 0))
        ws.cell(n, cols.budget[d], baht(line.budget.get(d, 0)))
    _sum_across(ws, n, cols)
    if line.monitoring is not None:
        _figures(ws, n, cols, line.monitoring, lambda col, value: value)
    elif round_:
        put_text(ws.cell(n, cols.round), NOT_REPORTED)
    _style(ws, n, cols)
    ws.row_dimensions[n].height = row_height(text_lines(line.organisation, cols.widths[cols.name - 1]))


def _sum_across(ws, n: int, cols: Columns) -> None:
    if not cols.dims:
        ws.cell(n, cols.projects_total, 0)
        ws.cell(n, cols.budget_total, 0)
        return
    first, last = cols.letter(cols.projects[cols.dims[0]]), cols.letter(cols.projects[cols.dims[-1]])
    ws.cell(n, cols.projects_total, f"=SUM({first}{n}:{last}{n})")
    first, last = cols.letter(cols.budget[cols.dims[0]]), cols.letter(cols.budget[cols.dims[-1]])
    ws.cell(n, cols.budget_total, f"=SUM({first}{n}:{last}{n})")


def _figures(ws, n: int, cols: Columns, figures: Figures, value) -> None:
    """The round, four status counts, the % and its flag (formulas), and the money; `value(col,
    number)` gives what each count and amount cell holds (the number, or a total's formula)."""
    ws.cell(n, cols.round, ROUND_LABEL[figures.round])
    for attr, col in cols.status.items():
        ws.cell(n, col, value(col, getattr(figures, attr)))
    for attr, col in cols.money.items():
        ws.cell(n, col, value(col, baht(getattr(figures, attr))))
    done = f"{cols.letter(cols.status['done'])}{n}"
    counted = f"SUM({cols.letter(cols.status['done'])}{n}:{cols.letter(cols.status['failed'])}{n})"
    ws.cell(n, cols.percent, f"=IF({counted}=0,0,ROUND({done}/{counted}*100,2))")
    green, orange = THRESHOLDS[figures.round]
    pct = f"{cols.letter(cols.percent)}{n}"
    names = {key: label for key, (label, _) in FLAGS.items()}
    ws.cell(
        n, cols.flag, f'=IF({pct}>={green},"{names["green"]}",IF({pct}>={orange},"{names["orange"]}","{names["red"]}"))'
    )


def _total_row(ws, n: int, cols: Columns, rollup: Rollup, year: int, first: int, last: int) -> None:
    total = rollup.totals[year]
    label = f"รวม พ.ศ. {year} ({total.organisations} หน่วยงาน"
    label += f", รายงานผล {total.reported} หน่วยงาน)" if total.monitoring else ")"
    put_text(ws.cell(n, cols.year), label)
    ws.merge_cells(start_row=n, end_row=n, start_column=cols.year, end_column=cols.name)

    def column_sum(col: int, number) -> object:
        return f"=SUM({cols.letter(col)}{first}:{cols.letter(col)}{last})" if last >= first else number

    for d in cols.dims:
        ws.cell(n, cols.projects[d], column_sum(cols.projects[d], 0))
        ws.cell(n, cols.budget[d], column_sum(cols.budget[d], 0))
    _sum_across(ws, n, cols)
    if total.monitoring is not None:
        _figures(ws, n, cols, total.monitoring, column_sum)
    _style(ws, n, cols, bold=True)
    ws.cell(n, cols.year).alignment = CENTER
    ws.row_dimensions[n].height = row_height(text_lines(label, sum(cols.widths[:2])))


def _style(ws, n: int, cols: Columns, *, bold: bool = False) -> None:
    """Each column's look; the first row styled sets it, later rows copy it (openpyxl hashes every
    font and border it is given: styling 5,000 rows one attribute at a time took 11 s)."""
    cache = cols.styles.setdefault(bold, {})
    for col in range(1, cols.last + 1):
        cell = ws.cell(n, col)
        if col in cache:
            quoted = cell.quotePrefix  # -- put_text's mark on text that starts with "=": kept --
            cell._style = copy(cache[col])
            cell.quotePrefix = quoted or cell.quotePrefix
            continue
        _style_cell(cell, col, cols, bold)
        cache[col] = copy(cell._style)


def _style_cell(cell, col: int, cols: Columns, bold: bool) -> None:
    money = {*cols.budget.values(), cols.budget_total, *cols.money.values()}
    cell.font, cell.border = (HEADER if bold else BODY), BOX
    if col == cols.name:
        cell.alignment = LEFT
    elif col in money:
        cell.number_format, cell.alignment = MONEY_FORMAT, RIGHT
    elif col == cols.percent:
        cell.number_format, cell.alignment = "0.00", RIGHT
    elif col in (cols.year, cols.round, cols.flag):
        cell.alignment = Alignment(horizontal="center", vertical="top")
    else:
        cell.number_format, cell.alignment = COUNT_FORMAT, RIGHT


def _flag_colours(ws, cols: Columns, first: int, last: int) -> None:
    """The % and the flag in the national colours, by the flag's text."""
    if last < first:
        return
    flag = f"${cols.letter(cols.flag)}{first}"
    area = f"{cols.letter(cols.percent)}{first}:{cols.letter(cols.flag)}{last}"
    for label, colour in FLAGS.values():
        fill = PatternFill("solid", fgColor=colour, bgColor=colour)
        ws.conditional_formatting.add(area, FormulaRule(formula=[f'{flag}="{label}"'], fill=fill, stopIfTrue=True))


# -- มิติ --


def _dimensions(ws, rollup: Rollup, cols: Columns, rows: tuple[int, int]) -> None:
    dims = [d for d, _ in rollup.dimensions]
    width = len(dims) + 2
    page_setup(ws, (14,) + (18,) * (len(dims) + 1), "1:1")
    _title(ws, "โครงการและงบประมาณของหน่วยงานในอำเภอ จำแนกตามมิติและปีงบประมาณ", width)
    counts = _dimension_table(ws, 3, "จำนวนโครงการ", rollup.years, cols, cols.projects, rows, COUNT_FORMAT)
    budgets = _dimension_table(
        ws, counts[1] + 3, "งบประมาณตามแผน (บาท)", rollup.years, cols, cols.budget, rows, MONEY_FORMAT
    )
    n = budgets[1] + 2
    put_text(ws.cell(n, 1), "คำอธิบายมิติ")
    ws.cell(n, 1).font = HEADER
    for i, (number, name) in enumerate(rollup.dimensions, 1):
        put_text(ws.cell(n + i, 1), f"มิติที่ {number} {name}".strip())
        ws.cell(n + i, 1).font = BODY
    anchor = n + len(rollup.dimensions) + 2
    if rollup.years and dims:
        _chart(ws, "งบประมาณตามแผน (บาท)", budgets, width, f"A{anchor}", "#,##0")
        _chart(
            ws,
            "จำนวนโครงการ",
            counts,
            width,
            f"{get_column_letter(2 + len(dims) // 2)}{anchor}",
            "0",
        )


def _dimension_table(ws, top: int, label: str, years, cols: Columns, where: dict, rows, number_format: str):
    """A caption, a header, a row per year of SUMIFS over ภาพรวม, a totals row; (header, totals) rows."""
    cell = ws.cell(top, 1, label)
    cell.font = HEADER
    header = top + 1
    dims = list(where)
    header_row(ws, header, ["ปีงบประมาณ", *[f"มิติ {d}" for d in dims], "รวม"])
    first, last = rows
    sheet = quote_sheetname(OVERVIEW)
    years_range = f"{sheet}!${cols.letter(cols.year)}${first}:${cols.letter(cols.year)}${last}"
    n = header
    for n, year in enumerate(years, header + 1):
        ws.cell(n, 1, year)
        for i, d in enumerate(dims, 2):
            letter = cols.letter(where[d])
            ws.cell(n, i, f"=SUMIFS({sheet}!${letter}${first}:${letter}${last},{years_range},$A{n})")
        ws.cell(n, len(dims) + 2, f"=SUM(B{n}:{get_column_letter(len(dims) + 1)}{n})")
    total = n + 1
    put_text(ws.cell(total, 1), "รวมทั้งสิ้น")
    for col in range(2, len(dims) + 3):
        letter = get_column_letter(col)
        ws.cell(total, col, f"=SUM({letter}{header + 1}:{letter}{n})" if n > header else 0)
    for row in ws.iter_rows(min_row=header + 1, max_row=total, min_col=1, max_col=len(dims) + 2):
        for cell in row:
            cell.font, cell.border = (HEADER if cell.row == total else BODY), BOX
            cell.alignment = CENTER if cell.column == 1 else RIGHT
            if cell.column > 1:
                cell.number_format = number_format
    return header, total


def _chart(ws, title: str, table: tuple[int, int], width: int, anchor: str, number_format: str) -> None:
    """Clustered bars: a group per มิติ, a bar per year."""
    header, total = table
    chart = BarChart()
    chart.type, chart.grouping, chart.title = "col", "clustered", title
    chart.x_axis.title = "มิติ (แท่งละปีงบประมาณ)"
    chart.add_data(
        Reference(ws, min_col=1, max_col=width - 1, min_row=header + 1, max_row=total - 1),
        from_rows=True,
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=2, max_col=width - 1, min_row=header, max_row=header))
    chart.y_axis.number_format = number_format
    chart.y_axis.numFmt.sourceLinked = False
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.width, chart.height = 10.0, 8.0
    ws.add_chart(chart, anchor)


# -- ยังไม่ส่ง, ปัญหา, ไฟล์ที่ใช้: lists, one row each, wrapped text --


def _list_sheet(ws, title: str, headers: list[str], widths: list[int], rows: list[list], note: str = "") -> None:
    page_setup(ws, widths, "3:3")
    _title(ws, title, len(headers))
    if note:
        put_text(ws.cell(2, 1), note)
        ws.cell(2, 1).font = BODY
    header_row(ws, 3, headers)
    ws.row_dimensions[3].height = row_height(max(text_lines(h, w) for h, w in zip(headers, widths)))
    for n, values in enumerate(rows, 4):
        for col, value in enumerate(values, 1):
            cell = ws.cell(n, col)
            put_value(cell, value)
            cell.font, cell.border = BODY, BOX
            cell.alignment = LEFT if isinstance(value, str) else Alignment(horizontal="center", vertical="top")
        lines = max(text_lines(v, w) if isinstance(v, str) else 1 for v, w in zip(values, widths))
        ws.row_dimensions[n].height = row_height(lines)
    ws.freeze_panes = ws.cell(4, 1)


def _missing(ws, rollup: Rollup) -> None:
    note = "ได้รับครบทุกหน่วยงานในรายชื่อ" if not rollup.missing else ""
    if rollup.roster is None:
        note = (
            "ไม่มีไฟล์ รายชื่อหน่วยงาน.xlsx ในโฟลเดอร์ จึงตรวจได้เฉพาะหน่วยงานที่ส่งมาแล้ว "
            "(สร้างรายชื่อด้วยคำสั่ง pipeline district โฟลเดอร์ --init-list)"
        )
    rows = [
        [i, m.organisation, m.year or "", missing_text(m), "\n".join(m.files)] for i, m in enumerate(rollup.missing, 1)
    ]
    _list_sheet(
        ws,
        "หน่วยงานที่ยังไม่ส่งหรือยังส่งไม่ครบ",
        ["ลำดับ", "หน่วยงาน", "ปีงบประมาณ", "สิ่งที่ยังไม่ได้รับ", "ไฟล์ที่ส่งมา"],
        [6, 36, 11, 44, 36],
        rows,
        note,
    )


def _problems(ws, rollup: Rollup) -> None:
    rows = [
        [i, p.file, p.location, SEVERITY_TH.get(p.severity, p.severity), p.code, p.organisation, p.message, p.fix]
        for i, p in enumerate(rollup.problems, 1)
    ]
    _list_sheet(
        ws,
        "ปัญหาของไฟล์ที่ส่งมา",
        ["ลำดับ", "ไฟล์", "แผ่นงาน!เซลล์", "ระดับ", "รหัส", "หน่วยงาน", "ปัญหา", "วิธีแก้"],
        [6, 28, 14, 10, 18, 24, 40, 36],
        rows,
    )


def _used(ws, rollup: Rollup) -> None:
    rows = [
        [
            i,
            u.organisation,
            u.file,
            KIND_LABEL.get(u.kind, u.kind),
            eplan_date(u.data_as_of) if u.data_as_of else "",
            f"{min(u.years)}–{max(u.years)}" if u.years else "",
            u.warnings,
            "" if u.in_list is None else ("มี" if u.in_list else "ไม่มี"),
        ]
        for i, u in enumerate(rollup.used, 1)
    ]
    _list_sheet(
        ws,
        "ไฟล์ที่นำมารวม (หนึ่งไฟล์ต่อหน่วยงาน)",
        ["ลำดับ", "หน่วยงาน", "ไฟล์", "ชนิด", "ข้อมูล ณ วันที่", "ปีของแผน", "คำเตือนในไฟล์", "ในรายชื่อ"],
        [6, 36, 36, 14, 18, 12, 10, 9],
        rows,
    )
