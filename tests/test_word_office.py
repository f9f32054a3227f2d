"""The documents open in LibreOffice (converted to PDF) and read right there; the Garuda image."""

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from docx import Document

from pipeline.render.word.word import TEMPLATES_DIR, render_documents

soffice_missing = shutil.which("soffice") is None and shutil.which("libreoffice") is None


def tiny_png(path: Path) -> Path:
    """A 2x2 red PNG, written by hand so the test needs no imaging library."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    path.write_bytes(png)
    return path


def test_garuda_image_in_announcement_and_plan_book(small_plan, tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, folder)
    tiny_png(folder / "garuda.png")
    paths = render_documents(small_plan, tmp_path / "out", templates_dir=folder)
    for path in (paths[0], paths[-1]):
        doc = Document(str(path))
        blips = doc.element.body.xpath(".//a:blip/@r:embed")
        assert len(blips) == 1
        assert doc.part.related_parts[blips[0]].blob.startswith(b"\x89PNG")


@pytest.mark.skipif(soffice_missing, reason="LibreOffice (soffice) is not installed")
def test_documents_open_in_libreoffice(small_plan, tmp_path):
    from pipeline.office.soffice import convert

    small_plan.projects[0].name = "ชื่อ & <ทดสอบ> {{7*7}}"
    paths = render_documents(small_plan, tmp_path / "docx")
    chosen = [paths[0], paths[1], paths[2], paths[-1]]  # announcement, table, sheet, plan book
    pdfs = convert(chosen, "pdf", tmp_path / "pdf")
    texts = [
        subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True, check=True).stdout for p in pdfs
    ]
    squeezed = [re.sub(r"\s+", "", t) for t in texts]  # pdftotext spaces Thai glyphs apart
    assert "ประกาศณวันที่๓๐กันยายนพ.ศ.๒๕๖๕" in squeezed[0]
    assert "รวม" in squeezed[1] and "20,000.00" in squeezed[1]  # tone marks come out reordered
    assert "ชื่อ&<ทดสอบ>{{7*7}}" in squeezed[2]
    book_pages = texts[3].split("\f")
    assert len([p for p in book_pages if p.strip()]) >= 1 + 2 + 3
    fonts = subprocess.run(["pdffonts", str(pdfs[0])], capture_output=True, text=True, check=True).stdout
    assert "Laksaman" in fonts or "Sarabun" in fonts  # the Thai font, not a fallback
