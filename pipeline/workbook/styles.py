"""How the cells of the workbooks we write look: TH SarabunPSK 16 pt, boxed, money and Thai dates."""

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

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
MAX_ROWS = 2000  # reach of the dropdowns below the data
