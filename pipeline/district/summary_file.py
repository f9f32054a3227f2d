"""A `summary.xlsx` an organisation sent instead of its master (what `pipeline run` writes:
pipeline.render.excel): read with python-calamine from the bytes the master's safe opener read.

What it gives: the organisation (the year sheets' title "… ของ ชื่อหน่วยงาน"), each year's rows
(`สรุป YYYY`: มิติ and งบประมาณ, down to the row "รวมทั้งสิ้น"), ข้อมูล ณ วันที่ and the มิติ names
(the footer), and the monitoring rows of `ติดตามผล YYYY`. The totals are not read: the rows are
added up again, so a summary written before its totals were stored reads the same. A cell that
is not what the writer puts there is a problem at its sheet!cell.
"""

import io
import re

import python_calamine
from openpyxl.utils import get_column_letter

from pipeline import contract as c
from pipeline.district.problems import district_problem
from pipeline.render.excel import layout
from pipeline.render.excel.monitoring_sheets import ROW_COLUMNS
from pipeline.text.thai import satang
from pipeline.workbook.cells import clean_text, parse_budget, parse_date, parse_int

YEAR_SHEET = re.compile(re.escape(c.SUMMARY_SHEET_PREFIX) + r"(\d{4})")
MONITORING_SHEET = re.compile(re.escape(c.MONITORING_SHEET_PREFIX) + r"(\d{4})")
OWNER = re.compile(r"\sของ\s*(.+)$")
AS_OF = "ข้อมูล ณ วันที่"
LEGEND = re.compile(r"มิติที่\s*(\d+)\s+(.+)")
M = c.MonitoringCol
MONITORING_COLS = {name: i for i, name in enumerate(ROW_COLUMNS)}


def is_summary(sheetnames) -> bool:
    return any(YEAR_SHEET.fullmatch(name) for name in sheetnames)


def read_summary(sub, data: bytes) -> None:
    """Fill the Submission `sub` from a summary.xlsx's bytes (problems included)."""
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sub.kind = "summary"
    for name in book.sheet_names:
        year_match, monitoring_match = YEAR_SHEET.fullmatch(name), MONITORING_SHEET.fullmatch(name)
        if not (year_match or monitoring_match):
            continue
        try:
            grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:  # noqa: BLE001 -- calamine raises its own types for a damaged sheet
            sub.problems.append(district_problem("summary-unreadable", sub.file, sheet=name, error=type(exc).__name__))
            continue
        if year_match:
            _year_sheet(sub, name, int(year_match.group(1)), grid)
        else:
            _monitoring_sheet(sub, name, grid)
    if not sub.organisation and not sub.errors:
        first = next(n for n in book.sheet_names if YEAR_SHEET.fullmatch(n))
        sub.problems.append(district_problem("summary-no-organisation", sub.file, sheet=first, cell="A1"))


def _cell(grid, row: int, col: int):
    """1-based row and column; None for an empty or absent cell."""
    if row > len(grid) or col > len(grid[row - 1]):
        return None
    value = grid[row - 1][col - 1]
    return None if value == "" else value


def _year_sheet(sub, name: str, year: int, grid) -> None:
    title = clean_text(_cell(grid, 1, 1))
    owner = OWNER.search(title)
    if owner and not sub.organisation:
        sub.organisation = owner.group(1).strip()
    if not _header_matches(sub, name, grid, layout.HEADER_ROW, layout.COLUMNS):
        return
    dim_col, budget_col = layout.DIMENSION_COL, layout.BUDGET_COL
    row = layout.FIRST_ROW
    rows = []
    while row <= len(grid) and clean_text(_cell(grid, row, 2)) != layout.TOTAL_LABEL:
        values = grid[row - 1]
        if any(v not in ("", None) for v in values):
            dim, budget = _cell(grid, row, dim_col), _cell(grid, row, budget_col)
            number = parse_int(dim)
            amount, _ = parse_budget(budget)
            if number is None or not 1 <= number <= 20:
                _bad(sub, "summary-dimension-invalid", name, row, dim_col, dim)
            elif amount is None:
                _bad(sub, "summary-budget-invalid", name, row, budget_col, budget)
            else:
                rows.append((year, number, int(satang(amount) * 100)))
        row += 1
    if row > len(grid):
        sub.problems.append(district_problem("summary-no-total", sub.file, sheet=name, cell=f"B{len(grid) + 1}"))
        return
    sub.rows += rows
    sub.years.append(year)
    for line in range(row + 1, len(grid) + 1):  # -- the footer: ข้อมูล ณ วันที่ and the มิติ legend --
        text = clean_text(_cell(grid, line, 2))
        if text.startswith(AS_OF) and sub.data_as_of is None:
            sub.data_as_of = parse_date(text[len(AS_OF) :].strip())
        elif legend := LEGEND.fullmatch(text):
            sub.dimensions.setdefault(int(legend.group(1)), legend.group(2).strip())


def _header_matches(sub, name: str, grid, row: int, expected) -> bool:
    for col, header in enumerate(expected, 1):
        found = clean_text(_cell(grid, row, col))
        if found != header:
            cell = f"{get_column_letter(col)}{row}"
            sub.problems.append(
                district_problem(
                    "summary-header-changed", sub.file, sheet=name, cell=cell, value=found, expected=header
                )
            )
            return False
    return True


def _bad(sub, code: str, sheet: str, row: int, col: int, value) -> None:
    shown = "" if value is None else clean_text(value)
    cell = f"{get_column_letter(col)}{row}"
    sub.problems.append(district_problem(code, sub.file, sheet=sheet, cell=cell, value=shown))


def _monitoring_sheet(sub, name: str, grid) -> None:
    """The rows under the header of ROW_COLUMNS (below the tables by มิติ), to the first empty row."""
    header = next(
        (
            n
            for n in range(1, len(grid) + 1)
            if clean_text(_cell(grid, n, 1)) == ROW_COLUMNS[0] and clean_text(_cell(grid, n, 2)) == ROW_COLUMNS[1]
        ),
        None,
    )
    if header is None or not _header_matches(sub, name, grid, header, ROW_COLUMNS):
        return
    col = {key: MONITORING_COLS[key] + 1 for key in ROW_COLUMNS}
    for row in range(header + 1, len(grid) + 1):
        if all(v in ("", None) for v in grid[row - 1]):
            break
        year, round_ = parse_int(_cell(grid, row, col[M.YEAR])), parse_int(_cell(grid, row, col[M.ROUND]))
        dim = parse_int(_cell(grid, row, col[c.YearlyCol.DIMENSION]))
        status = clean_text(_cell(grid, row, col[M.STATUS])) or c.STATUS_NOT_STARTED
        if round_ not in c.ROUNDS:
            _bad(sub, "summary-round-invalid", name, row, col[M.ROUND], _cell(grid, row, col[M.ROUND]))
            continue
        if status not in c.STATUSES:
            _bad(sub, "summary-status-invalid", name, row, col[M.STATUS], status)
            continue
        if dim is None:
            _bad(sub, "summary-dimension-invalid", name, row, col[c.YearlyCol.DIMENSION], None)
            continue
        money = []
        for key in (M.PLANNED, M.APPROVED, M.SPENT):
            raw = _cell(grid, row, col[key])
            amount, _ = parse_budget(raw)
            if amount is None:
                _bad(sub, "summary-budget-invalid", name, row, col[key], raw)
                break
            money.append(int(satang(amount) * 100))
        else:
            sub.progress.append((year, round_, dim, status, *money))
