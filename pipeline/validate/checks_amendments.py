"""Amendments: the sheet การแก้ไขแผน (one row per amendment, numbered 1, 2, … with its date and
reason) and the marks in แผนรายปี's optional columns เพิ่มเติมครั้งที่ / ยกเลิกครั้งที่.

A master with neither was never amended: no check here says anything about it."""

from pipeline import contract as c
from pipeline.text.thai import thai_date
from pipeline.validate.checks_settings import typed_in_buddhist_era
from pipeline.validate.problems import problem
from pipeline.workbook.cells import parse_date, parse_int
from pipeline.workbook.master import Master

A = c.AmendmentCol
ADDED_IN, CANCELLED_IN = c.YearlyCol.ADDED_IN, c.YearlyCol.CANCELLED_IN
MARKS = {ADDED_IN: ("เพิ่ม", "added"), CANCELLED_IN: ("ยกเลิก", "cancelled")}


def _sheet(book: Master):
    return book.sheet_with(c.SHEET_AMENDMENTS, A.NUMBER)


def recorded(book: Master) -> dict[int, object]:
    """Amendment number -> its first row in การแก้ไขแผน (numbers that are whole and positive)."""
    sheet, found = _sheet(book), {}
    for row, _, number in sheet.numbers(A.NUMBER) if sheet is not None else ():
        if number is not None and number >= 1:
            found.setdefault(number, row)
    return found


def check_numbers(book: Master):
    """Every amendment has a number; numbers are 1, 2, 3 … once each."""
    sheet = _sheet(book)
    if sheet is None:
        return
    first = {}
    for row, where, number in sheet.numbers(A.NUMBER):
        if sheet.text(row, A.NUMBER) == "":
            if not sheet.unresolved(row, A.NUMBER):
                yield problem("amendment-number-missing", **where)
        elif number is None or number < 1:
            yield problem("amendment-number-invalid", **where)
        elif number in first:
            yield problem("amendment-number-duplicate", **where, first=first[number])
        else:
            first[number] = row.number
    missing = sorted(set(range(1, max(first, default=0) + 1)) - set(first))
    if missing:
        after = min(n for n in first if n > missing[0])
        yield problem(
            "amendment-number-gap",
            **sheet.at(_row(sheet, first[after]), A.NUMBER),
            missing=", ".join(map(str, missing)),
            count=len(first),
        )


def check_dates(book: Master):
    """Each amendment is dated, after the plan's announcement and after the amendment before it."""
    sheet = book.sheet_with(c.SHEET_AMENDMENTS, A.NUMBER, A.DATE)
    if sheet is None:
        return
    announced = _plan_announced(book)
    dated = []
    for row in sheet.rows:
        number = sheet.text(row, A.NUMBER) or "?"
        where = sheet.at(row, A.DATE)
        if sheet.unresolved(row, A.DATE):
            continue
        if sheet.text(row, A.DATE) == "":
            yield problem("amendment-date-missing", **where, number=number)
            continue
        day = parse_date(where["value"])
        if day is None:
            yield problem("amendment-date-invalid", **where, number=number)
        elif typed_in_buddhist_era(day):
            fixed = f"{day.day}/{day.month}/{day.year - 543}"
            yield problem("amendment-date-buddhist-era", **where, number=number, year=day.year, fixed=fixed)
        elif announced is not None and day < announced:
            yield problem(
                "amendment-date-early",
                **where,
                number=number,
                day=thai_date(day, digits="arabic"),
                announced=thai_date(announced, digits="arabic"),
            )
        else:
            n = parse_int(number)
            if n is not None:
                dated.append((n, day, where))
    dated.sort(key=lambda d: d[0])
    for (previous, previous_day, _), (number, day, where) in zip(dated, dated[1:]):
        if day < previous_day:
            yield problem(
                "amendment-date-order",
                **where,
                number=number,
                day=thai_date(day, digits="arabic"),
                previous=previous,
                previous_day=thai_date(previous_day, digits="arabic"),
            )


def check_reasons(book: Master):
    sheet = book.sheet_with(c.SHEET_AMENDMENTS, A.NUMBER, A.REASON)
    for row in sheet.rows if sheet is not None else ():
        if sheet.text(row, A.NUMBER) and sheet.text(row, A.REASON) == "" and not sheet.unresolved(row, A.REASON):
            yield problem("amendment-reason-empty", **sheet.at(row, A.REASON), number=sheet.text(row, A.NUMBER))


def check_marks(book: Master):
    """The numbers in แผนรายปี's amendment columns: whole, recorded in การแก้ไขแผน (a change with no
    amendment recorded is only a warning: the plan is printed as the sheet says), and a row is
    cancelled only by an amendment after the one that added it."""
    sheet = book.sheets.get(c.SHEET_YEARLY)
    if sheet is None or (sheet.col(ADDED_IN) is None and sheet.col(CANCELLED_IN) is None):
        return
    known = recorded(book)
    for row in sheet.rows:
        numbers = {}
        for header, (action, action_en) in MARKS.items():
            if sheet.col(header) is None or sheet.text(row, header) == "" or sheet.unresolved(row, header):
                continue
            where = sheet.at(row, header)
            number = parse_int(where["value"])
            if number is None or number < 1:
                yield problem("amendment-mark-invalid", **where)
                continue
            numbers[header] = number
            if number not in known:
                yield problem("amendment-unrecorded", **where, action=action, action_en=action_en)
        added, cancelled = numbers.get(ADDED_IN), numbers.get(CANCELLED_IN)
        if added is not None and cancelled is not None and cancelled <= added:
            yield problem("amendment-cancel-before-add", **sheet.at(row, CANCELLED_IN), added=added)


def check_changes(book: Master):
    """An amendment recorded in การแก้ไขแผน adds or cancels at least one row of แผนรายปี."""
    sheet, yearly = _sheet(book), book.sheets.get(c.SHEET_YEARLY)
    if sheet is None or yearly is None:
        return
    marked = {
        parse_int(yearly.get(row, header)) for row in yearly.rows for header in MARKS if yearly.col(header) is not None
    }
    for number, row in recorded(book).items():
        if number not in marked:
            yield problem("amendment-no-changes", **sheet.at(row, A.NUMBER), number=number)


def _plan_announced(book: Master):
    settings = book.sheets.get(c.SHEET_SETTINGS)
    key, value = c.SettingsCol.KEY, c.SettingsCol.VALUE
    if settings is None or settings.col(key) is None or settings.col(value) is None:
        return None
    label = next(k.label for k in c.SETTING_KEYS if k.field == "announce_date")
    row = next((r for r in settings.rows if settings.text(r, key) == label), None)
    day = parse_date(settings.get(row, value)) if row is not None else None
    return None if day is None or typed_in_buddhist_era(day) else day


def _row(sheet, number: int):
    return next(r for r in sheet.rows if r.number == number)


CHECKS = (check_numbers, check_dates, check_reasons, check_marks, check_changes)
