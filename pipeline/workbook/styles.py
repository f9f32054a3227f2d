"""How the cells of the workbooks we write look: TH SarabunPSK 16 pt, boxed, money and Thai dates."""

import math
import unicodedata

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

FONT_NAME = "TH SarabunPSK"
BODY = Font(name=FONT_NAME, size=16)
HEADER = Font(name=FONT_NAME, size=16, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
BUDGET_FORMAT = "#,##0.00"
# -- 30 กันยายน 2565: Thai locale (041E), Thai Buddhist calendar (07), Western digits (01); the
# classic LCID form, which Excel and LibreOffice both keep (LibreOffice drops "[$-th-TH,107]") --
BE_DATE_FORMAT = "[$-107041E]d mmmm yyyy"
MAX_ROWS = 10_000  # reach of the dropdowns below the data (400 projects x 5 years is 2,000 rows)
# -- row heights: neither Excel nor LibreOffice grows a row for wrapped text when a file opens.
#    Measured in LibreOffice with TH SarabunPSK 16 pt: about 1.17 Thai letters per unit of column
#    width, and 21-22 pt a line with room for the marks above and below --
LINE_HEIGHT = 22
CHARS_PER_WIDTH = 1.1  # a little under the measured 1.17: a line too many, never one too few
MAX_ROW_HEIGHT = 409  # Excel's limit


def column_rule(ws, first: str, title: str, error: str, last: str | None = None, **rule) -> None:
    """A data-validation `rule` (openpyxl's type, operator, formula1) on the data rows (2 to MAX_ROWS)
    of columns `first` to `last`: Excel refuses other input with `error` under `title`, blanks pass."""
    dv = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle=title, error=error, **rule)
    dv.add(f"{first}2:{last or first}{MAX_ROWS}")
    ws.add_data_validation(dv)


def text_lines(text, width: float) -> int:
    """Lines a wrapped cell of `width` needs for `text`: each paragraph on its own lines; vowel
    and tone marks sit above or below a letter and take no width."""
    per_line = max(1.0, width * CHARS_PER_WIDTH)
    paragraphs = str(text or "").split("\n")
    return sum(
        max(1, math.ceil(sum(1 for ch in part if unicodedata.category(ch) != "Mn") / per_line)) for part in paragraphs
    )


def row_height(lines: int) -> float:
    return min(MAX_ROW_HEIGHT, max(1, lines) * LINE_HEIGHT)
