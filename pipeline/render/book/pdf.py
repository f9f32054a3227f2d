"""The plan book's PDF, assembled from the PDFs of its parts with page numbers in Thai digits.

LibreOffice prints Word's Thai page-number formats as Arabic digits (`thaiNumbers` is not imported)
or as Thai letters (`\\* ThaiArabic` becomes ก ข ค), so a PDF converted from the plan book's .docx
would number its pages 1 2 3. The parts are converted anyway; joining their PDFs and stamping
๑ ๒ ๓ at the foot of each page gives the right numbers and saves LibreOffice a 70-page document.
"""

import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.office.fonts import installed_font
from pipeline.text.thai import thai_digits

FONT_SIZE = 16
FOOT_MARGIN_PT = 28  # baseline of the page number above the bottom edge
_FONT_NAMES = ("TH SarabunPSK", "TH Sarabun New", "Laksaman")
_WINDOWS_FONTS = ("THSarabunNew.ttf", "THSarabun.ttf", "THSarabunPSK.ttf")


def find_thai_font() -> Path | None:
    """A TrueType font with Thai digits: the TH SarabunPSK set-up fetched (pipeline.office.fonts), TH Sarabun
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


@dataclass
class Bookmark:
    title: str
    page: int  # 0-based index in the joined PDF
    children: list["Bookmark"] = field(default_factory=list)


def assemble_pdf(
    parts: list[Path],
    target: Path,
    font: Path,
    *,
    first_numbered: int = 0,
    unnumbered: frozenset[int] = frozenset(),
    bookmarks: list[Bookmark] = (),
    title: str = "",
    author: str = "",
    right_texts: dict | None = None,
) -> Path:
    """Join `parts` in order into `target`, numbering the pages ๑, ๒, … at the foot, centred.

    Page index `first_numbered` is ๑ (the front matter before it has no number); indexes in
    `unnumbered` are counted but not printed on. `bookmarks` become the PDF's outline.
    `right_texts` {page index: [(right x, baseline, text)]} are printed too (the สารบัญ's numbers)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(str(part), import_outline=False)
    numbers = {i: i - first_numbered + 1 for i in range(first_numbered, len(writer.pages)) if i not in unnumbered}
    right_texts = right_texts or {}
    overlay = PdfReader(io.BytesIO(_page_numbers(writer.pages, numbers, font, right_texts)))
    for i, page in enumerate(writer.pages):
        if i in numbers or i in right_texts:
            page.merge_page(overlay.pages[i])
    for mark in bookmarks:
        parent = writer.add_outline_item(title=mark.title, page_number=mark.page)
        for child in mark.children:
            writer.add_outline_item(title=child.title, page_number=child.page, parent=parent)
    writer.add_metadata({"/Title": title, "/Author": author, "/Producer": "pipeline (LibreOffice, pypdf)"})
    if bookmarks:
        writer.page_mode = "/UseOutlines"  # the reader opens with the bookmarks shown
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        writer.write(out)
    return target


def _page_numbers(pages, numbers: dict[int, int], font: Path, right_texts: dict) -> bytes:
    """One overlay page per book page; those in `numbers` carry their number in Thai digits.
    The canvas starts in the Thai font, so no unembedded Helvetica is referenced."""

    def paint(index, sheet, _name):
        if index in numbers:
            width = float(pages[index].mediabox.width)
            sheet.drawCentredString(width / 2, FOOT_MARGIN_PT, thai_digits(numbers[index]))
        for right, baseline, text in right_texts.get(index, ()):
            sheet.drawRightString(right, baseline, text)

    return draw_overlay(pages, font, paint)


_LEADER = re.compile(r"\.{3,}\s*$")


def contents_lines(pdf: Path, numbers: list[str], right_pt: float) -> dict | None:
    """Where the สารบัญ's `numbers` go: right-aligned at `right_pt` on the lines whose dot leaders
    end there, in reading order, as assemble_pdf's `right_texts` (page index of `pdf`). None when
    the leaders are not one per number."""
    from pypdf import PdfReader

    lines = []  # (page index, baseline) of each leader
    for index, page in enumerate(PdfReader(pdf).pages):
        found: list[float] = []

        def visit(text, cm, tm, _font, _size, found=found):  # -- this page's list --
            if _LEADER.search(text):
                found.append(cm[1] * tm[4] + cm[3] * tm[5] + cm[5])

        page.extract_text(visitor_text=visit)
        lines += [(index, y) for y in sorted({round(y, 1) for y in found}, reverse=True)]  # top down
    if len(lines) != len(numbers):
        return None
    placed: dict[int, list] = {}
    for (index, y), number in zip(lines, numbers):
        placed.setdefault(index, []).append((right_pt, y, number))
    return placed


def draw_overlay(pages, font: Path, paint) -> bytes:
    """One overlay page per page, in the Thai font; `paint(index, canvas, font_name)` draws on it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    name = f"pagenum-{font.stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font)))
    buf = io.BytesIO()
    sheet = canvas.Canvas(buf, initialFontName=name, initialFontSize=FONT_SIZE)
    for index, page in enumerate(pages):
        sheet.setPageSize((float(page.mediabox.width), float(page.mediabox.height)))
        sheet.setFont(name, FONT_SIZE)
        paint(index, sheet, name)
        sheet.showPage()
    sheet.save()
    return buf.getvalue()
