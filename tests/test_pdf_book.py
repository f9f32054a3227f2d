"""Assembling the plan book's PDF: parts in order, every page numbered in Thai digits."""

import shutil
import subprocess

import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from pipeline.render.book.pdf import assemble_pdf, find_thai_font

pytestmark = pytest.mark.skipif(
    find_thai_font() is None or shutil.which("pdftotext") is None, reason="no Thai TrueType font or poppler"
)


def make_pdf(path, pages, size=(595, 842)):
    sheet = canvas.Canvas(str(path), pagesize=size)
    for i in range(pages):
        sheet.drawString(72, size[1] - 100, f"{path.stem} page {i + 1}")
        sheet.showPage()
    sheet.save()
    return path


def test_parts_are_joined_in_order_and_numbered(tmp_path):
    parts = [
        make_pdf(tmp_path / "first.pdf", 2),
        make_pdf(tmp_path / "wide.pdf", 1, (842, 595)),
        make_pdf(tmp_path / "last.pdf", 1),
    ]
    book = assemble_pdf(parts, tmp_path / "book.pdf", find_thai_font())
    reader = PdfReader(book)
    assert len(reader.pages) == 4
    assert float(reader.pages[2].mediabox.width) == 842  # the landscape part stays landscape
    for number, expected in enumerate(["first page 1", "first page 2", "wide page 1", "last page 1"], 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(book), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[0] == expected
        assert lines[-1] == "๑๒๓๔"[number - 1]


def test_the_font_found_has_thai_digits():
    font = find_thai_font()
    assert font.suffix.lower() == ".ttf" and font.is_file()


def test_a_plan_book_template_with_a_header_is_converted_whole(tmp_path, small_plan):
    from docx import Document

    from pipeline.render.word.word import TEMPLATES_DIR, render_documents

    plain = []
    render_documents(small_plan, tmp_path / "plain", book_out=plain)
    assert [p.path.name for p in plain[0].parts][:2] == ["ประกาศ.docx", "ตาราง 2566.docx"]
    assert len(plain[0].parts) == 1 + 2 + 3 and plain[0].plain_frame
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    book = Document(templates / "planbook.docx")
    book.sections[0].header.paragraphs[0].text = "หัวกระดาษของเล่มแผน"  # on every page of the book
    book.save(templates / "planbook.docx")
    with_header = []
    render_documents(small_plan, tmp_path / "header", templates_dir=templates, book_out=with_header)
    assert not with_header[0].plain_frame  # so make_pdfs lets LibreOffice convert the whole book


def test_contents_numbers_are_placed_where_the_dot_leaders_end(tmp_path):
    from pipeline.render.book.pdf import contents_lines

    pdf = tmp_path / "front.pdf"
    sheet = canvas.Canvas(str(pdf), pagesize=(595, 842))
    for y, title in ((700, "first part"), (680, "second part")):
        sheet.drawString(85, y, title + " " + "." * 40)
    sheet.showPage()
    sheet.save()
    assert contents_lines(pdf, ["๑", "๒", "๓"], 538) is None  # 2 lines, 3 numbers
    placed = contents_lines(pdf, ["๑", "๑๒"], 538)
    assert placed == {0: [(538, 700.0, "๑"), (538, 680.0, "๑๒")]}
    book = assemble_pdf([pdf], tmp_path / "book.pdf", find_thai_font(), first_numbered=1, right_texts=placed)
    lines = [
        ln.split()
        for ln in subprocess.run(
            ["pdftotext", "-layout", str(book), "-"], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        if ln.strip()
    ]
    assert [ln[-1] for ln in lines] == ["๑", "๑๒"]  # on their own lines


def test_front_matter_headings_are_bookmarked_only_where_the_pdf_shows_them(tmp_path, small_plan):
    from pipeline.render.book.parts import _front_marks
    from pipeline.render.book.planbook import front_headings
    from pipeline.render.word.word import render_documents

    books = []
    render_documents(small_plan, tmp_path / "out", book_out=books)
    front = books[0].write_front(tmp_path / "front.docx")
    assert front_headings(front) == ["คำนำ", "สารบัญ"]
    # -- a PDF without named destinations (LibreOffice before 7.4): no front bookmarks, no error --
    assert _front_marks(PdfReader(make_pdf(tmp_path / "front.pdf", 3)), front) == []
