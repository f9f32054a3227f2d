"""Settings (ตั้งค่า) and dimensions (มิติ): every key present and sensible, dimensions 1-4 named once."""

from datetime import date

from pipeline import contract as c
from pipeline.text.digits import repeats_years
from pipeline.text.thai import thai_date
from pipeline.validate.problems import problem
from pipeline.workbook.cells import parse_date, parse_int
from pipeline.workbook.master import Master, year_value
from pipeline.workbook.new_plan import PLACEHOLDERS

LABEL, VALUE = c.SettingsCol.KEY, c.SettingsCol.VALUE
DIM_NUMBER, DIM_NAME = c.DimensionCol.NUMBER, c.DimensionCol.NAME
DIMENSION_NUMBERS = (1, 2, 3, 4)
BE_TYPED_AS_GREGORIAN = 2400


def _settings_sheet(book: Master):
    sheet = book.sheets.get(c.SHEET_SETTINGS)
    if sheet is None or sheet.col(LABEL) is None or sheet.col(VALUE) is None:
        return None  # -- structure checks report the missing sheet or header --
    return sheet


def _setting_rows(sheet) -> dict:
    """label -> first Row carrying it."""
    rows = {}
    for row in sheet.rows:
        rows.setdefault(sheet.text(row, LABEL), row)
    return rows


def check_setting_labels(book: Master):
    sheet = _settings_sheet(book)
    if sheet is None:
        return
    known = {k.label for k in c.SETTING_KEYS}
    first = {}
    for row in sheet.rows:
        label = sheet.text(row, LABEL)
        where = sheet.at(row, LABEL)
        if not label:
            continue
        if label in first:
            yield problem("setting-duplicate", **where, label=label, first=first[label])
        elif label and label not in known:
            yield problem("setting-unknown", **where)
        first.setdefault(label, row.number)


def check_setting_values(book: Master):
    sheet = _settings_sheet(book)
    if sheet is None:
        return
    rows = _setting_rows(sheet)
    for key in c.SETTING_KEYS:
        row = rows.get(key.label)
        if row is None and not key.required:
            continue
        if row is None:
            yield problem("setting-missing", sheet=sheet.name, column=LABEL, label=key.label)
            continue
        where = sheet.at(row, VALUE)
        if sheet.text(row, VALUE) == "":
            if (
                sheet.raw(row, VALUE) is None and key.required
            ):  # -- a formula without a value is reported by the cell checks --
                yield problem("setting-empty", **where, label=key.label)
        elif key.kind == "year" and year_value(where["value"]) is None:
            yield problem("year-invalid", **where, label=key.label)
        elif key.kind == "date" and _is_serial(where["value"]):
            # -- LibreOffice drops the Thai-calendar date format on save; the date itself is intact --
            yield problem(
                "date-as-number", **where, label=key.label, day=thai_date(parse_date(where["value"]), digits="arabic")
            )
        elif key.kind == "date" and parse_date(where["value"]) is None:
            yield problem("date-invalid", **where, label=key.label)
        elif key.kind == "date" and typed_in_buddhist_era(parse_date(where["value"])):
            day = parse_date(where["value"])
            yield problem(
                "date-buddhist-era",
                **where,
                label=key.label,
                year=day.year,
                printed=day.year + 543,
                meant=day.year - 543,
                fixed=f"{day.day}/{day.month}/{day.year - 543}",
            )


def typed_in_buddhist_era(day: date | None) -> bool:
    """A date cell holds a Gregorian year; one past 2400 is a BE year typed into it (30/9/2565)."""
    return day is not None and day.year > BE_TYPED_AS_GREGORIAN


def _is_serial(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and parse_date(value) is not None


def check_plan_years(book: Master):
    sheet = _settings_sheet(book)
    if sheet is None:
        return
    rows = _setting_rows(sheet)
    start_key, end_key = (k.label for k in c.SETTING_KEYS if k.kind == "year")
    if start_key not in rows or end_key not in rows:
        return
    start = year_value(sheet.get(rows[start_key], VALUE))
    end_where = sheet.at(rows[end_key], VALUE)
    end = year_value(end_where["value"])
    if start is not None and end is not None and start > end:
        yield problem("year-order", **end_where, start=start, end=end)


def check_announce_date(book: Master):
    """The plan is announced before its first fiscal year begins: 1 October of (start - 1) BE."""
    sheet, period = _settings_sheet(book), book.plan_period()
    announce = next(k.label for k in c.SETTING_KEYS if k.field == "announce_date")
    if sheet is None or period is None or announce not in _setting_rows(sheet):
        return
    where = sheet.at(_setting_rows(sheet)[announce], VALUE)
    announced = parse_date(where["value"])
    begins = date(period[0] - 1 - 543, 10, 1)
    if announced is not None and announced >= begins and not typed_in_buddhist_era(announced):
        yield problem(
            "announce-date-late",
            **where,
            announced=thai_date(announced, digits="arabic"),
            begins=thai_date(begins, digits="arabic"),
        )


def check_words(book: Master):
    """The settings `pipeline init` fills for staff to change, and the choices of ตัวเลขในเอกสาร:
    a placeholder still there, a plan title that repeats the years the templates add after it, a
    digits setting that is none of the choices (then printed as typed)."""
    sheet, period = _settings_sheet(book), book.plan_period()
    if sheet is None:
        return
    rows = _setting_rows(sheet)
    keys = {k.field: k for k in c.SETTING_KEYS}
    for field, (text, what) in PLACEHOLDERS.items():
        row = rows.get(keys[field].label)
        if row is not None and sheet.text(row, VALUE) == text:
            yield problem("setting-placeholder", **sheet.at(row, VALUE), label=keys[field].label, what=what)
    row = rows.get(keys["plan_title"].label)
    if row is not None and period is not None and repeats_years(sheet.text(row, VALUE), *period):
        yield problem("plan-title-years", **sheet.at(row, VALUE), start=period[0], end=period[1])
    row = rows.get(keys["digits"].label)
    if row is not None and sheet.text(row, VALUE) not in ("", *c.DIGIT_CHOICES):
        choices = "' หรือ '".join(c.DIGIT_CHOICES)
        yield problem("digits-setting-unknown", **sheet.at(row, VALUE), label=keys["digits"].label, choices=choices)


def check_dimensions(book: Master):
    sheet = book.sheet_with(c.SHEET_DIMENSIONS, DIM_NUMBER)
    if sheet is None:
        return
    seen = {}
    for row, where, number in sheet.numbers(DIM_NUMBER):
        if number not in DIMENSION_NUMBERS:
            yield problem("dimension-invalid", **where)
            continue
        if number in seen:
            yield problem("dimension-duplicate", **where, first=seen[number])
            continue
        seen[number] = row.number
        if sheet.col(DIM_NAME) is not None and sheet.text(row, DIM_NAME) == "":
            yield problem("dimension-name-empty", **sheet.at(row, DIM_NAME), number=number)
    for number in DIMENSION_NUMBERS:
        if number not in seen:
            yield problem("dimension-missing", sheet=sheet.name, column=DIM_NUMBER, number=number)


def dimension_numbers(book: Master) -> set[int]:
    """Numbers the มิติ sheet defines (all four when the sheet is unusable, to avoid echo errors)."""
    sheet = book.sheets.get(c.SHEET_DIMENSIONS)
    if sheet is None or sheet.col(DIM_NUMBER) is None:
        return set(DIMENSION_NUMBERS)
    return {n for n in (parse_int(sheet.get(r, DIM_NUMBER)) for r in sheet.rows) if n in DIMENSION_NUMBERS}


CHECKS = (
    check_setting_labels,
    check_setting_values,
    check_plan_years,
    check_announce_date,
    check_words,
    check_dimensions,
)
