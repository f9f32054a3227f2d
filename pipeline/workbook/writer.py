"""Write a Plan (or an empty contract) as the master workbook, pleasant to edit in Excel."""

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from pipeline import contract as c
from pipeline.model import Plan
from pipeline.workbook.atomic import atomic_replace
from pipeline.workbook.cells import join_section, put_text
from pipeline.workbook.monitoring_sheet import add_monitoring_sheet
from pipeline.workbook.styles import (
    BE_DATE_FORMAT,
    BODY,
    BOX,
    BUDGET_FORMAT,
    HEADER,
    HEADER_FILL,
    WRAP_TOP,
    column_rule,
    row_height,
    text_lines,
)

WIDTHS = {
    c.SHEET_SETTINGS: (22, 60),
    c.SHEET_DIMENSIONS: (8, 70),
    c.SHEET_PROJECTS: (8, 9, 45, 7, 80, 60, 40, 80, 30, 60, 60),
    c.SHEET_YEARLY: (11, 8, 13, 60, 7, 16, 9, 9, 9, 9, 20),
}


def empty_workbook() -> Workbook:
    """The contract with headers, settings labels, dropdowns and formats but no data."""
    wb = Workbook()
    wb.remove(wb.active)
    for name in c.INPUT_SHEETS:
        ws = wb.create_sheet(name)
        ws.append(list(c.HEADERS[name]))
        for cell in ws[1]:
            cell.font, cell.fill, cell.border = HEADER, HEADER_FILL, BOX
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for i, width in enumerate(WIDTHS[name], 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
    settings = wb[c.SHEET_SETTINGS]
    for key in c.SETTING_KEYS:
        settings.append([key.label, None])
    _add_dropdowns(wb)
    add_monitoring_sheet(wb)  # -- the optional sheet, after the four --
    return wb


def plan_workbook(plan: Plan) -> Workbook:
    wb = empty_workbook()
    _fill_settings(wb[c.SHEET_SETTINGS], plan)
    ws = wb[c.SHEET_DIMENSIONS]
    for d in plan.dimensions:
        ws.append([d.number, d.name])
    ws = wb[c.SHEET_PROJECTS]
    for p in plan.projects:
        sections = [join_section(getattr(p, attr), kind) for attr, kind in c.PROJECT_SECTIONS.values()]
        ws.append([p.code, p.seq, p.name, p.dimension, *sections])
    ws = wb[c.SHEET_YEARLY]
    # -- the optional ภารกิจ column (contract.OPTIONAL_HEADERS), only when a row has a mission --
    mission = _add_header(ws, c.YearlyCol.MISSION, MISSION_WIDTH) if any(r.mission for r in plan.rows) else None
    for r in plan.rows:
        marks = [c.QUARTER_INPUT_MARK if q else None for q in r.quarters]
        ws.append([r.year, r.order, r.project_code, r.name, r.dimension, r.budget, *marks, r.note or None])
        if mission and r.mission:
            ws.cell(row=ws.max_row, column=mission, value=r.mission)
    for ws in wb.worksheets:
        _style_body(ws)
    return wb


MISSION_WIDTH = 50


def _add_header(ws, header: str, width: int) -> int:
    """One more header after the sheet's last, styled as the others; its column."""
    col = ws.max_column + 1
    cell = ws.cell(row=1, column=col, value=header)
    cell.font, cell.fill, cell.border = HEADER, HEADER_FILL, BOX
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.column_dimensions[get_column_letter(col)].width = width
    return col


def _width(ws, col: int) -> float:
    """The width a column was given (an optional column's), else Excel's usual 10."""
    letter = get_column_letter(col)
    return ws.column_dimensions[letter].width if letter in ws.column_dimensions else 10


def _fill_settings(ws, plan: Plan) -> None:
    for row, key in enumerate(c.SETTING_KEYS, 2):
        value = getattr(plan.settings, key.field)
        if key.kind == "paragraphs":
            value = join_section(value, "paragraphs")
        cell = ws.cell(row=row, column=2, value=None if value == "" else value)
        if key.kind == "date":
            cell.number_format = BE_DATE_FORMAT


def _style_body(ws) -> None:
    """Fonts, borders, formats; staff text stored as text (never a formula); every row tall enough
    to show all its lines (Excel and LibreOffice do not grow rows for wrapped text on open)."""
    budget_col = c.column_number(c.YEARLY_HEADERS, c.YearlyCol.BUDGET) if ws.title == c.SHEET_YEARLY else None
    widths = WIDTHS.get(ws.title, ())
    for row in ws.iter_rows(min_row=2):
        lines = 1
        for cell in row:
            cell.font, cell.alignment, cell.border = BODY, WRAP_TOP, BOX
            if cell.column == budget_col:
                cell.number_format = BUDGET_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = BE_DATE_FORMAT
            elif isinstance(cell.value, str):
                put_text(cell, cell.value)
                width = widths[cell.column - 1] if cell.column <= len(widths) else _width(ws, cell.column)
                lines = max(lines, text_lines(cell.value, width))
        if row:
            ws.row_dimensions[row[0].row].height = row_height(lines)


def _add_dropdowns(wb: Workbook) -> None:
    dims = f"'{c.SHEET_DIMENSIONS}'!$A$2:$A$20"
    for sheet, headers, dimension in (
        (c.SHEET_PROJECTS, c.PROJECT_HEADERS, c.ProjectCol.DIMENSION),
        (c.SHEET_YEARLY, c.YEARLY_HEADERS, c.YearlyCol.DIMENSION),
    ):
        col = get_column_letter(c.column_number(headers, dimension))
        column_rule(wb[sheet], col, "มิติ", "เลือกมิติ 1–4 จากรายการ", type="list", formula1=dims)
    first = get_column_letter(c.column_number(c.YEARLY_HEADERS, c.YearlyCol.QUARTERS[0]))
    last = get_column_letter(c.column_number(c.YEARLY_HEADERS, c.YearlyCol.QUARTERS[-1]))
    column_rule(
        wb[c.SHEET_YEARLY],
        first,
        "ไตรมาส",
        f"ใส่ {c.QUARTER_INPUT_MARK} เมื่อดำเนินการในไตรมาสนั้น หรือเว้นว่าง",
        last,
        type="list",
        formula1=f'"{c.QUARTER_INPUT_MARK}"',
    )
    budget = get_column_letter(c.column_number(c.YEARLY_HEADERS, c.YearlyCol.BUDGET))
    column_rule(
        wb[c.SHEET_YEARLY],
        budget,
        "งบประมาณ",
        "ใส่จำนวนเงินเป็นตัวเลข 0 ขึ้นไป",
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
    )


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save through a temporary file in the same folder, then replace: never a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_replace(path) as tmp:
        wb.save(tmp)
