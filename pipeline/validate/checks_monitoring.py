"""Monitoring rows (ผลการดำเนินงาน): known year, round and project, every project of a reported
round present, statuses and reasons from the lists, sensible amounts and report dates.
No sheet, no checks: a master made before monitoring existed stays valid."""

from datetime import timedelta

from pipeline import contract as c
from pipeline.model import round_period
from pipeline.text.thai import baht_amount, thai_date
from pipeline.validate.checks_projects import project_index
from pipeline.validate.checks_yearly import rows_by_year
from pipeline.validate.problems import problem
from pipeline.workbook.cells import clean_text, parse_budget, parse_date, parse_int
from pipeline.workbook.master import Master

M = c.MonitoringCol
YEAR, ROUND, CODE, PLANNED, APPROVED, SPENT = M.YEAR, M.ROUND, M.PROJECT_CODE, M.PLANNED, M.APPROVED, M.SPENT
STATUS, REASON, RESULT, DATE = M.STATUS, M.REASON, M.RESULT, M.REPORT_DATE
KEY, VALUE = c.SettingsCol.KEY, c.SettingsCol.VALUE
REASON_OTHER = c.REASONS[-1]
GRACE_DAYS = 60  # -- a round's report is written up after the round ends --


def _sheet(book: Master):
    sheet = book.sheets.get(c.SHEET_MONITORING)
    return sheet if sheet is not None and sheet.col(YEAR) is not None and sheet.col(CODE) is not None else None


def _plan_codes(book: Master) -> dict[int, dict[str, int]]:
    """year -> {project code: its first แผนรายปี row}."""
    yearly = book.sheets.get(c.SHEET_YEARLY)
    out = {}
    for year, rows in rows_by_year(book).items():
        codes = out.setdefault(year, {})
        for row in rows:
            codes.setdefault(yearly.text(row, c.YearlyCol.PROJECT_CODE), row.number)
    return out


def _key(sheet, row):
    return parse_int(sheet.get(row, YEAR)), parse_int(sheet.get(row, ROUND)), sheet.text(row, CODE)


def check_rows(book: Master):
    """Year, round and project of every row; one row per project, year and round."""
    sheet = _sheet(book)
    if sheet is None:
        return
    plan, index, first = _plan_codes(book), project_index(book), {}
    # -- a project an amendment cancelled may have been reported on before: its rows stay valid --
    yearly = book.sheets.get(c.SHEET_YEARLY)
    cancelled = {
        year: {yearly.text(r, c.YearlyCol.PROJECT_CODE) for r in rows}
        for year, rows in rows_by_year(book, cancelled=True).items()
    }
    for row in sheet.rows:
        year, round_, code = _key(sheet, row)
        where = sheet.at(row, YEAR)
        if year is None:
            if not sheet.unresolved(row, YEAR):
                yield problem("monitoring-year-invalid", **where)
        elif year not in plan:
            yield problem("monitoring-year-unknown", **where)
        if sheet.col(ROUND) and round_ not in c.ROUNDS and not sheet.unresolved(row, ROUND):
            yield problem("monitoring-round-invalid", **sheet.at(row, ROUND))
        where = sheet.at(row, CODE)
        if not code:
            yield problem("monitoring-code-empty", **where)
        elif index is not None and code not in index:
            yield problem("monitoring-project-unknown", **where)
        elif year in plan and code not in plan[year] and code not in cancelled.get(year, ()):
            yield problem("monitoring-project-not-in-year", **where, year=year)
        elif (year, round_, code) in first:
            yield problem(
                "monitoring-row-duplicate", **where, year=year, round=round_, first=first[(year, round_, code)]
            )
        first.setdefault((year, round_, code), row.number)


def check_missing(book: Master):
    """A round that has rows must have every project of that year's plan."""
    sheet = _sheet(book)
    if sheet is None:
        return
    plan, yearly = _plan_codes(book), book.sheets.get(c.SHEET_YEARLY)
    reported: dict[tuple[int, int], set[str]] = {}
    for row in sheet.rows:
        year, round_, code = _key(sheet, row)
        if year in plan and round_ in c.ROUNDS:
            reported.setdefault((year, round_), set()).add(code)
    for (year, round_), codes in sorted(reported.items()):
        for code, line in plan[year].items():
            if code and code not in codes:
                yield problem(
                    "monitoring-project-missing",
                    **yearly.at(_row(yearly, line), c.YearlyCol.PROJECT_CODE),
                    year=year,
                    round=round_,
                )


def _row(sheet, number: int):
    return next(r for r in sheet.rows if r.number == number)


def check_status(book: Master):
    sheet = _sheet(book)
    if sheet is None or sheet.col(STATUS) is None:
        return
    for row in sheet.rows:
        status, reason, code = sheet.text(row, STATUS), sheet.text(row, REASON), sheet.text(row, CODE)
        if sheet.unresolved(row, STATUS):
            continue
        if not status:
            yield problem("monitoring-status-empty", **sheet.at(row, STATUS), code=code)
        elif status not in c.STATUSES:
            yield problem("monitoring-status-invalid", **sheet.at(row, STATUS))
        if reason and reason not in c.REASONS and sheet.col(REASON):
            yield problem("monitoring-reason-invalid", **sheet.at(row, REASON))
        elif status == c.STATUS_FAILED and not reason and sheet.col(REASON):
            yield problem("monitoring-reason-missing", **sheet.at(row, REASON), code=code)
        elif reason == REASON_OTHER and not sheet.text(row, RESULT) and sheet.col(RESULT):
            yield problem("monitoring-reason-unexplained", **sheet.at(row, RESULT))
        if status == c.STATUS_DONE and sheet.col(RESULT) and not sheet.text(row, RESULT):
            yield problem("monitoring-result-empty", **sheet.at(row, RESULT), code=code)


def amount(sheet, row, header):
    """The amount in a cell, or None when empty, unreadable or a formula without a value."""
    value = sheet.get(row, header)
    if clean_text(value) == "" or sheet.unresolved(row, header):
        return None
    return parse_budget(value)[0]


def check_amounts(book: Master):
    sheet = _sheet(book)
    if sheet is None:
        return
    for row in sheet.rows:
        for header in (PLANNED, APPROVED, SPENT):
            if sheet.col(header) is None or sheet.unresolved(row, header):
                continue
            where = sheet.at(row, header)
            value, (parsed, was_text) = where["value"], parse_budget(where["value"])
            if clean_text(value) == "":
                continue
            if parsed is None:
                yield problem("monitoring-amount-invalid", **where)
            elif was_text:
                yield problem("monitoring-amount-as-text", **where, amount=baht_amount(parsed, digits="arabic"))
        spent, approved = amount(sheet, row, SPENT), amount(sheet, row, APPROVED)
        if spent is not None and approved is not None and spent > approved:
            yield problem(
                "monitoring-spent-over-budget",
                **sheet.at(row, SPENT),
                spent=baht_amount(spent, digits="arabic"),
                approved=baht_amount(approved, digits="arabic"),
            )


def check_spent_decreased(book: Master):
    """Annual spending is cumulative: never less than the same project's 6-month figure."""
    sheet = _sheet(book)
    if sheet is None or sheet.col(SPENT) is None:
        return
    half = {}
    for row in sheet.rows:
        year, round_, code = _key(sheet, row)
        if round_ == 6:
            half.setdefault((year, code), row)
    for row in sheet.rows:
        year, round_, code = _key(sheet, row)
        earlier = half.get((year, code))
        if round_ != 12 or earlier is None:
            continue
        spent, before = amount(sheet, row, SPENT), amount(sheet, earlier, SPENT)
        if spent is not None and before is not None and spent < before:
            yield problem(
                "monitoring-spent-decreased",
                **sheet.at(row, SPENT),
                earlier=baht_amount(before, digits="arabic"),
                first=earlier.number,
            )


def check_report_date(book: Master):
    sheet = _sheet(book)
    if sheet is None or sheet.col(DATE) is None:
        return
    for row in sheet.rows:
        where = sheet.at(row, DATE)
        year, round_, _ = _key(sheet, row)
        if clean_text(where["value"]) == "" or sheet.unresolved(row, DATE):
            continue
        day = parse_date(where["value"])
        if day is None:
            yield problem("monitoring-date-invalid", **where)
        elif year is not None and round_ in c.ROUNDS and 2400 < year < 2800:
            start, end = round_period(year, round_)
            if not start <= day <= end + timedelta(days=GRACE_DAYS):
                yield problem(
                    "monitoring-date-outside-round",
                    **where,
                    day=thai_date(day, digits="arabic"),
                    start=thai_date(start, digits="arabic"),
                    end=thai_date(end, digits="arabic"),
                    grace=GRACE_DAYS,
                )


def check_ita_codes(book: Master):
    """A round that is reported gets published under its ITA code: say when the setting is empty."""
    sheet, settings = _sheet(book), book.sheets.get(c.SHEET_SETTINGS)
    if sheet is None or settings is None or settings.col(KEY) is None or not sheet.rows:
        return
    rounds = {parse_int(sheet.get(r, ROUND)) for r in sheet.rows}
    labels = {settings.text(r, KEY): r for r in settings.rows}
    wanted = [c.ITA_SETTING_KEYS[0]] + [k for k, n in zip(c.ITA_SETTING_KEYS[1:], c.ROUNDS) if n in rounds]
    below = max((r.number for r in settings.rows), default=1) + 1  # -- where a missing row goes --
    for key in wanted:
        row = labels.get(key.label)
        if row is None:
            yield problem(
                "ita-setting-missing",
                sheet=settings.name,
                row=below,
                column=KEY,
                cell=f"{settings.ref(below, KEY)}",
                label=key.label,
            )
            below += 1
        elif settings.text(row, VALUE) == "":
            yield problem("ita-code-empty", **settings.at(row, VALUE), label=key.label)


CHECKS = (
    check_rows,
    check_missing,
    check_status,
    check_amounts,
    check_spent_decreased,
    check_report_date,
    check_ita_codes,
)
