"""Thai formatting for official documents, delegated to PyThaiNLP.

Prose uses Thai digits; the e-plan tables print Arabic digits, so callers choose.
"""

import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pythainlp.util import arabic_digit_to_thai_digit, bahttext, thai_digit_to_arabic_digit, thai_strftime

__all__ = [
    "thai_digits",
    "arabic_digits",
    "thai_date",
    "baht_amount",
    "baht_words",
    "budget_phrase",
    "nfc",
    "fiscal_year_label",
    "eplan_date",
    "satang",
]

NO_BUDGET = "ดำเนินการโดยไม่ใช้งบประมาณ"
SATANG = Decimal("0.01")


def nfc(text: str) -> str:
    """The one Unicode normaliser: Thai typed in Word, Excel or a PDF extraction may arrive
    decomposed; every comparison and every file name goes through NFC first."""
    return unicodedata.normalize("NFC", text)


def thai_digits(value) -> str:
    return arabic_digit_to_thai_digit(str(value))


def arabic_digits(text: str) -> str:
    return thai_digit_to_arabic_digit(text)


def thai_date(day: date, *, digits: str = "thai") -> str:
    """30 Sep 2022 -> '๓๐ กันยายน พ.ศ. ๒๕๖๕' (full month name, Buddhist Era)."""
    return thai_strftime(day, "%-d %B พ.ศ. %Y", thaidigit=(digits == "thai"))


def eplan_date(day: date) -> str:
    """7 Jul 2023 -> '07 กรกฎาคม 2566', as the national e-plan tables print it (Arabic digits)."""
    return thai_strftime(day, "%d %B %Y", thaidigit=False)


def satang(amount: Decimal | float | int) -> Decimal:
    """The one rounding of money: half-up to the satang, in Decimal (2.675 -> 2.68, as people round).
    Floats go through str() so 2.675 typed in Excel stays 2.675, not 2.67499999…"""
    value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    return value.quantize(SATANG, rounding=ROUND_HALF_UP)


def baht_amount(amount: Decimal | float | int, *, digits: str = "thai", decimals: bool = False) -> str:
    """20000 -> '๒๐,๐๐๐' (or '20,000.00' with decimals=True, digits='arabic')."""
    text = f"{satang(amount):,.2f}" if decimals else _whole_or_satang(satang(amount))
    return thai_digits(text) if digits == "thai" else text


def _whole_or_satang(amount: Decimal) -> str:
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def baht_words(amount: Decimal | float | int) -> str:
    """20000 -> 'สองหมื่นบาทถ้วน'."""
    return bahttext(float(satang(amount)))


def budget_phrase(amount: Decimal | float | int) -> str:
    """The project sheet's section ๗: no budget, or amount in Thai digits and in words."""
    if not amount:
        return NO_BUDGET
    return f"งบประมาณ จำนวน {baht_amount(amount)} บาท ({baht_words(amount)})"


def fiscal_year_label(year: int) -> str:
    return f"ปีงบประมาณ พ.ศ. {thai_digits(year)}"
