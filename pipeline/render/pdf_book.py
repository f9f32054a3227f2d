"""The plan book's PDF, assembled from the PDFs of its parts with page numbers in Thai digits.

LibreOffice prints Word's Thai page-number formats as Arabic digits (`thaiNumbers` is not imported)
or as Thai letters (`\\* ThaiArabic` becomes ก ข ค), so a PDF converted from the plan book's .docx
would number its pages 1 2 3. The parts are converted anyway; joining their PDFs and stamping
๑ ๒ ๓ at the foot of each page gives the right numbers and saves LibreOffice a 70-page document.
"""
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.fonts import installed_font
from pipeline.thai import thai_digits

FONT_SIZE = 16
FOOT_MARGIN_PT = 28          # baseline of the page number above the bottom edge
_FONT_NAMES = ("TH SarabunPSK", "TH Sarabun New", "Laksaman")
_WINDOWS_FONTS = ("THSarabunNew.ttf", "THSarabun.ttf", "THSarabunPSK.ttf")


def find_thai_font() -> Path | None:
    """A TrueType font with Thai digits: the TH SarabunPSK set-up fetched (pipeline.fonts), TH Sarabun
    on Windows, Laksaman via fontconfig elsewhere."""
    if installed_font() is not None:
        return installed_font()
    if sys.platform == "win32":
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        return next((folder / n for n in _WINDOWS_FONTS if (folder / n).is_file()), None)
    if not shutil.which("fc-match"):
        return None
    for name in _FONT_NAMES:
        found = subprocess.run(["fc-match", "-f", "%{file}", name], capture_output=True, text=True).stdout
        path = Path(found.strip())
        if path.suffix.lower() == ".ttf" and path.is_file() and _has_thai_digits(path):
            return path
    return None


def _has_thai_digits(path: Path) -> bool:
    from reportlab.pdfbase.ttfonts import TTFontFile
    try:
        return all(ord(d) in TTFontFile(str(path)).charToGlyph for d in "๐๑๒๓๔๕๖๗๘๙")
    except Exception:  # a font reportlab cannot read is simply not used
        return False


def assemble_pdf(parts: list[Path], target: Path, font: Path) -> Path:
    """Join `parts` in order into `target`, numbering every page ๑, ๒, … at the foot, centred."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(str(part))
    overlay = PdfReader(io.BytesIO(_page_numbers(writer.pages, font)))
    for page, number in zip(writer.pages, overlay.pages):
        page.merge_page(number)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        writer.write(out)
    return target


def _page_numbers(pages, font: Path) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    name = f"pagenum-{font.stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font)))
    buf = io.BytesIO()
    sheet = canvas.Canvas(buf)
    for number, page in enumerate(pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        sheet.setPageSize((width, height))
        sheet.setFont(name, FONT_SIZE)
        sheet.drawCentredString(width / 2, FOOT_MARGIN_PT, thai_digits(number))
        sheet.showPage()
    sheet.save()
    return buf.getvalue()
