"""Thai page numbers in a header, in LibreOffice's PDFs.

The ประกาศ's pages after the first carry "- ๒ -" at the top: a PAGE field in a header, in a section
numbered `thaiNumbers`. Word prints ๒; LibreOffice 7.4 prints 2. So LibreOffice converts a copy
whose header keeps its paragraphs (and so its height) but not their text, and the number is
stamped in the Thai font where the header's line sits.
"""

import io
import re
import zipfile
from pathlib import Path

from pipeline.render.book.pdf import FONT_SIZE, draw_overlay
from pipeline.text.thai import thai_digits

HEADER_TEXT = "- {} -"
ASCENT = 0.95  # TH SarabunPSK's first baseline below the header's top, in em
_HEADER = re.compile(r"word/header\d*\.xml")
_RUNS = re.compile(rb"<w:r[ >].*?</w:r>", re.S)


def has_thai_page_header(docx: Path) -> bool:
    """A header with a PAGE field in a section numbered in Thai digits, not on the first page.
    A file that is not a .docx is not one (LibreOffice then says it cannot convert it)."""
    try:
        with zipfile.ZipFile(docx) as z:
            headers = [n for n in z.namelist() if _HEADER.fullmatch(n)]
            if not headers:
                return False
            body = z.read("word/document.xml")
            return (
                b'w:fmt="thaiNumbers"' in body
                and b"<w:titlePg" in body
                and any(b" PAGE " in z.read(n) for n in headers)
            )
    except (zipfile.BadZipFile, KeyError):
        return False


def header_place(docx: Path) -> tuple[float, float, float]:
    """(header's distance from the top, left margin, right margin) in points, from the last
    section's w:pgMar (twips)."""
    with zipfile.ZipFile(docx) as z:
        margins = re.findall(rb"<w:pgMar [^>]*>", z.read("word/document.xml"))[-1]

    def get(key: bytes, default: float) -> float:
        found = re.search(rb"w:" + key + rb'="(\d+)"', margins)
        return int(found.group(1)) / 20 if found else default

    return get(b"header", 36.0), get(b"left", 72.0), get(b"right", 72.0)


def without_header_text(name: str, data: bytes) -> bytes:
    """A package member as LibreOffice gets it: a header keeps its paragraphs but not their runs."""
    return _RUNS.sub(b"", data) if _HEADER.fullmatch(name) else data


def stamp_header_numbers(pdf: Path, font: Path, place: tuple[float, float, float]) -> Path:
    """ "- ๒ -", "- ๓ -" … centred on the header's line (`place`: see header_place) on every page
    after the first."""
    top_pt, left_pt, right_pt = place
    # -- most are one page: LibreOffice writes its page objects uncompressed, counting them is quick --
    if len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) < 2:
        return pdf
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(pdf)

    def paint(index, sheet, _name):
        if index:
            width, height = float(reader.pages[index].mediabox.width), float(reader.pages[index].mediabox.height)
            sheet.drawCentredString(
                (left_pt + width - right_pt) / 2,
                height - top_pt - ASCENT * FONT_SIZE,
                HEADER_TEXT.format(thai_digits(index + 1)),
            )

    overlay = PdfReader(io.BytesIO(draw_overlay(reader.pages, font, paint)))
    writer = PdfWriter(clone_from=reader)
    for page, number in zip(writer.pages[1:], overlay.pages[1:]):
        page.merge_page(number)
    with open(pdf, "wb") as out:
        writer.write(out)
    return pdf
