"""Yearly rows (แผนรายปี): years in the plan, known projects that agree with โครงการ, ลำดับ 1..n per
year, budgets that are numbers, quarter marks from the known set."""

import re
from collections import defaultdict
from decimal import Decimal

from pipeline import contract as c
from pipeline.text.thai import SATANG, arabic_digits, baht_amount
from pipeline.validate.checks_projects import project_index
from pipeline.validate.problems import problem
from pipeline.workbook.cells import clean_text, parse_budget, parse_int, parse_quarter
from pipeline.workbook.master import Master

col = c.YearlyCol
YEAR, ORDER, CODE, NAME, DIMENSION, BUDGET = col.YEAR, col.ORDER, col.PROJECT_CODE, col.NAME, col.DIMENSION, col.BUDGET
QUARTERS = col.QUARTERS
CANCELLED_IN = col.CANCELLED_IN


def _yearly(book: Master, *headers: str):
    return book.sheet_with(c.SHEET_YEARLY, YEAR, *headers)


def rows_by_year(book: Master, *, cancelled: bool = False) -> dict[int, list]:
    """Plan-year -> rows in force (or, with `cancelled`, the rows an amendment cancelled), for rows
    whose year is a number."""
    sheet, years = _yearly(book), defaultdict(list)
    if sheet is not None:
        for row in sheet.rows:
            year = parse_int(sheet.get(row, YEAR))
            if year is not None and is_cancelled(sheet, row) == cancelled:
                years[year].append(row)
    return years


def is_cancelled(sheet, row) -> bool:
    """An amendment's number in ยกเลิกครั้งที่: the row stays in the sheet, out of the plan."""
    return sheet.col(CANCELLED_IN) is not None and sheet.text(row, CANCELLED_IN) != ""


def check_years(book: Master):
    sheet, period = _yearly(book), book.plan_period()
    if sheet is None:
        return
    for row in sheet.rows:
        where = sheet.at(row, YEAR)
        year = parse_int(where["value"])
        if year is None and not sheet.unresolved(row, YEAR):
            yield problem("year-not-a-number", **where)
        elif period and year is not None and not period[0] <= year <= period[1]:
            yield problem("year-outside-plan", **where, start=period[0], end=period[1])


def check_years_filled(book: Master):
    sheet, period = _yearly(book), book.plan_period()
    if sheet is None or period is None or not sheet.rows:
        return  # -- an empty sheet is reported once, as sheet-empty --
    years = rows_by_year(book)
    for year in range(period[0], period[1] + 1):
        if not years.get(year):
            yield problem("year-empty", sheet=sheet.name, column=YEAR, year=year)


def check_projects(book: Master):
    """The code exists; the name and มิติ on the row agree with โครงการ."""
    sheet, index = _yearly(book), project_index(book)
    if sheet is None or sheet.col(CODE) is None:
        return
    for row in sheet.rows:
        code, where = sheet.text(row, CODE), sheet.at(row, CODE)
        if not code:
            if not sheet.unresolved(row, CODE):
                yield problem("row-code-empty", **where)
            continue
        if index is None:
            continue
        entry = index.get(code)
        if entry is None:
            yield problem("row-code-unknown", **where)
            continue
        # -- empty name or มิติ: the reader takes the project's (pipeline.workbook.reader); nothing to say --
        if sheet.col(NAME) and sheet.text(row, NAME) and _squash(sheet.text(row, NAME)) != _squash(entry.name):
            only_spaces = "".join(sheet.text(row, NAME).split()) == "".join(entry.name.split())
            yield problem(
                "row-name-differs",
                **sheet.at(row, NAME),
                code=code,
                expected=entry.name,
                detail=" ต่างกันเพียงการเว้นวรรค" if only_spaces else "",
                detail_en=" (spacing only)" if only_spaces else "",
            )
        dimension = parse_int(sheet.get(row, DIMENSION))
        typed = sheet.text(row, DIMENSION) if sheet.col(DIMENSION) else ""
        if typed and entry.dimension is not None and dimension != entry.dimension:
            yield problem("row-dimension-differs", **sheet.at(row, DIMENSION), code=code, expected=entry.dimension)


def check_order(book: Master):
    sheet = _yearly(book, ORDER)
    cancelled = rows_by_year(book, cancelled=True)
    for year, rows in sorted(rows_by_year(book).items()) if sheet else ():
        # -- a cancelled row's number may stay unused (or be its new version's): no gap, no duplicate --
        held = {n for _, _, n in sheet.numbers(ORDER, cancelled.get(year, []))}
        first = {}
        for row, where, order in sheet.numbers(ORDER, rows):
            if order is None or order < 1:
                if not sheet.unresolved(row, ORDER):
                    yield problem("order-invalid", **where)
            elif order in first:
                yield problem("order-duplicate", **where, year=year, first=first[order])
            else:
                first[order] = row
        missing = sorted(set(range(1, max(first, default=0) + 1)) - set(first) - held)
        if missing:
            after = first[min(o for o in first if o > missing[0])]
            yield problem(
                "order-gap", **sheet.at(after, ORDER), year=year, missing=", ".join(map(str, missing)), count=len(rows)
            )


def check_budget(book: Master):
    sheet = _yearly(book, BUDGET)
    if sheet is None:
        return
    for row in sheet.rows:
        where = sheet.at(row, BUDGET)
        value = where["value"]
        if sheet.unresolved(row, BUDGET):
            continue
        amount, was_text = parse_budget(value)
        if amount is None:
            yield problem("budget-negative" if _negative(value) else "budget-not-a-number", **where)
            continue
        if was_text and clean_text(value):
            yield problem("budget-as-text", **where, amount=baht_amount(amount, digits="arabic"))
        if amount != amount.quantize(SATANG):
            yield problem("budget-decimals", **where, amount=baht_amount(amount, digits="arabic", decimals=True))


def _negative(value) -> bool:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value < 0
    text = arabic_digits(clean_text(value)).replace("−", "-")
    return re.fullmatch(r"-\s*[\d,]+(\.\d+)?(\s*บาท)?", text) is not None


def check_quarters(book: Master):
    sheet = _yearly(book)
    if sheet is None:
        return
    for row in sheet.rows:
        marks = []
        for header in QUARTERS:
            if sheet.col(header) is None or sheet.unresolved(row, header):
                marks.append(None)
                continue
            mark = parse_quarter(sheet.get(row, header))
            if mark is None:
                yield problem("quarter-mark-unknown", **sheet.at(row, header))
            marks.append(mark)
        if all(m is False for m in marks):
            yield problem(
                "quarters-none", **sheet.at(row, QUARTERS[0]), code=sheet.text(row, CODE), year=sheet.text(row, YEAR)
            )


def check_twice_in_year(book: Master):
    sheet = _yearly(book, CODE)
    for year, rows in sorted(rows_by_year(book).items()) if sheet else ():
        first = {}
        for row in rows:
            code = sheet.text(row, CODE)
            if code and code in first:
                yield problem("project-twice-in-year", **sheet.at(row, CODE), code=code, year=year, first=first[code])
            first.setdefault(code, row.number)


def _squash(text: str) -> str:
    return " ".join(text.split())


CHECKS = (
    check_years,
    check_years_filled,
    check_projects,
    check_order,
    check_budget,
    check_quarters,
    check_twice_in_year,
)
