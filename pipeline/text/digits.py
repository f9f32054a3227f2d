"""Thai digits in the staff's own text, and the plan years a title should not repeat.

The setting ตัวเลขในเอกสาร = เลขไทย prints every Arabic digit as a Thai one ("พนักงาน 30 คน" ->
"พนักงาน ๓๐ คน", "1) จัดอบรม" -> "๑) จัดอบรม"), except where the digits belong to something that
is not Thai prose: a web address (www.example.go.th/2566/plan.pdf), an e-mail address, and a code
or English word, i.e. a run of Latin letters, digits and joining marks that holds a letter (O36,
COVID-19, ISO9001). A run of digits alone ("2566-2570", "20,000.00") is a number and is converted.
"""

import re

from pipeline.text.thai import arabic_digits, thai_digits

_URL = r"(?:https?://|www\.)[^\s<>()]+"
# -- invisible joiners (U+2060, U+FEFF) may sit inside a code or address printed for LibreOffice --
_LATIN_RUN = r"[0-9A-Za-z][0-9A-Za-z\u2060\ufeff._/:@#%?=&~+\-]*"
_KEPT_OR_NUMBER = re.compile(f"{_URL}|{_LATIN_RUN}")
_LETTER = re.compile("[A-Za-z]")
_ARABIC = re.compile("[0-9]")


def thai_digits_in_text(text: str) -> str:
    """`text` with the Arabic digits of its numbers as Thai digits; web addresses and Latin-letter
    runs (codes, English words) as they are."""
    if not _ARABIC.search(text):
        return text
    return _KEPT_OR_NUMBER.sub(_convert, text)


def _convert(match: re.Match) -> str:
    run = match[0]
    return run if _LETTER.search(run) else thai_digits(run)


def repeats_years(title: str, start: int, end: int) -> bool:
    """True when `title` already names the plan's first or last year (in either kind of digits),
    which the templates print after it: "แผน… (พ.ศ. 2568 - 2570) (พ.ศ. ๒๕๖๘ - ๒๕๗๐)"."""
    years = set(re.findall(r"(?<!\d)\d{4}(?!\d)", arabic_digits(title or "")))
    return bool(years & {str(start), str(end)})
