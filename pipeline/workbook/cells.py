"""Understanding what staff type into cells: budgets, quarter marks, years and dates.

Each parser returns the value or None when the cell cannot be understood; validation decides
whether that is an error or a warning, the reader only ever sees valid workbooks.
"""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from pipeline.contract import QUARTER_TRUE_MARKS
from pipeline.text.thai import arabic_digits, nfc

THAI_MONTHS = (
    ("มกราคม", "ม.ค."),
    ("กุมภาพันธ์", "ก.พ."),
    ("มีนาคม", "มี.ค."),
    ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."),
    ("กรกฎาคม", "ก.ค."),
    ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."),
    ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."),
    ("ธันวาคม", "ธ.ค."),
)


# -- Excel stores characters XML cannot hold as _xHHHH_ (_x000D_ for a pasted carriage return) --
EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# -- invisible characters that make two equal-looking codes or names differ --
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
NO_BREAK_SPACES = "\u00a0\u202f\u2007"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = str.maketrans({**dict.fromkeys(map(ord, ZERO_WIDTH)), **dict.fromkeys(map(ord, NO_BREAK_SPACES), " ")})
_ANY_INVISIBLE = re.compile(f"[{ZERO_WIDTH}{NO_BREAK_SPACES}]")


def decode_excel_escapes(text: str) -> str:
    return EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text) if "_x" in text else text


def clean_text(value) -> str:
    """Cell value as NFC text without surrounding spaces ('' for empty): Excel's escapes decoded,
    line breaks as \\n, vertical tabs as spaces, other control and zero-width characters dropped,
    no-break spaces as plain spaces (validation warns about each: pipeline.validate.checks_cells)."""
    if value is None:
        return ""
    text = decode_excel_escapes(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL.sub(lambda m: " " if m[0] in "\x0b\x0c" else "", text)
    if _ANY_INVISIBLE.search(text):  # -- translate walks every character: only when there is work --
        text = text.translate(_INVISIBLE)
    return nfc(text).strip()


def parse_budget(value) -> tuple[Decimal | None, bool]:
    """(amount, was_text). Understands 20000, '20,000', '๒๐,๐๐๐', '20000 บาท'; rejects negatives."""
    if isinstance(value, bool):
        return None, False
    if isinstance(value, (int, float, Decimal)):
        amount = Decimal(str(value))
        return (amount if amount >= 0 else None), False
    text = arabic_digits(clean_text(value))
    if text == "":
        return Decimal(0), False
    text = re.sub(r"\s*บาท(ถ้วน)?$", "", text).replace(",", "").strip()
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        return None, True
    return Decimal(text), True


def parse_quarter(value) -> bool | None:
    """True for a known mark, False for blank, None for anything else."""
    text = clean_text(value)
    if text == "":
        return False
    if isinstance(value, (int, float)) and value == 1:
        return True
    return True if text in QUARTER_TRUE_MARKS else None


def parse_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = arabic_digits(clean_text(value))
    return int(text) if re.fullmatch(r"\d+", text) else None


def parse_date(value) -> date | None:
    """A real Excel date, or Thai text: '30 กันยายน 2565', '30 ก.ย. 65', '๓๐ กันยายน พ.ศ. ๒๕๖๕'."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 <= value <= 80000:
        # a date cell whose format was lost (LibreOffice drops the Thai-calendar format): Excel serial
        return date(1899, 12, 30) + timedelta(days=int(value))
    text = arabic_digits(clean_text(value)).replace("พ.ศ.", " ")
    match = re.fullmatch(r"(\d{1,2})\s+(\S+)\s+(\d{2}|\d{4})", re.sub(r"\s+", " ", text))
    if not match:
        return None
    day, month_text, year_text = match.groups()
    month = next((i for i, names in enumerate(THAI_MONTHS, 1) if month_text in names), None)
    if month is None:
        return None
    year_be = int(year_text) + (2500 if len(year_text) == 2 else 0)
    try:
        return date(year_be - 543, month, int(day))
    except ValueError:
        return None


def split_section(text: str, kind: str) -> list[str]:
    """A section cell into items (one per line) or paragraphs (blank-line separated)."""
    text = clean_text(text).replace("\r\n", "\n")
    if kind == "list":
        parts = text.split("\n")
    else:
        parts = re.split(r"\n\s*\n", text)
    return [re.sub(r"[ \t]+", " ", p).strip() for p in parts if p.strip()]


def join_section(parts: list[str], kind: str) -> str:
    return ("\n" if kind == "list" else "\n\n").join(parts)


# -- text from staff that a spreadsheet would read as a formula (CSV/formula injection) --
FORMULA_START = ("=", "+", "-", "@")


def put_text(cell, value) -> None:
    """Staff text is always a string, never a formula, even when it starts with = + - @ (every
    workbook we write stores it so; openpyxl would otherwise write "=..." as a live formula)."""
    if value in (None, ""):
        return
    cell.value = str(value)
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_START) or cell.value[:1] in "\t\r\n":
        cell.quotePrefix = True  # Excel keeps it text even after someone edits the cell


def put_value(cell, value) -> None:
    """A number, date or bool as it is; any text through put_text."""
    if isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value
