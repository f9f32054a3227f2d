"""The documents' form, read back from the PDFs LibreOffice makes: the ประกาศ is one signable page
with the Garuda, long bodies continue with "- ๒ -", no heading ends a page, tables keep their title,
header and rows together, and wide budgets fit their column."""

import json
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from conftest import MASTER
from docx import Document
from images import solid_png
from pdf_pages import page_count, page_foot, page_head, page_texts, stranded_headings

from pipeline.cli import main
from pipeline.office import soffice as office
from pipeline.render.word.linebreak import visible
from pipeline.render.word.word import TEMPLATES_DIR, render_documents
from pipeline.workbook.reader import read_plan

pytestmark = pytest.mark.skipif(
    office.find_soffice() is None or shutil.which("pdfimages") is None, reason="LibreOffice/poppler not installed"
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def to_pdf(docx, out):
    return office.convert([docx], "pdf", out)[0]


@pytest.fixture
def emblem_templates(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, folder)
    solid_png(folder / "garuda.png", 50, 60, rgb=(200, 150, 0))
    return folder


def test_real_announcement_with_emblem_is_one_page_with_the_image_on_top(emblem_templates, tmp_path):
    plan = read_plan(MASTER)
    docx = render_documents(plan, tmp_path / "out", years=[2566], templates_dir=emblem_templates)[0]
    pdf = to_pdf(docx, tmp_path / "pdf")
    assert page_count(pdf) == 1
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert [line.split()[0] for line in images] == ["1"]  # one image, on page 1
    image, title_top = placed_image(pdf, tmp_path)
    pt_per_cm = 72 / 2.54
    assert abs(image["height"] - 3.0 * pt_per_cm) < 1  # 3 cm tall
    assert abs(image["top"] - 1.5 * pt_per_cm) < 2  # at the top margin
    centre = image["left"] + image["width"] / 2
    assert abs(centre - (3.0 * pt_per_cm + (21.0 - 5.0) * pt_per_cm / 2)) < 2  # centred on the text
    assert image["top"] + image["height"] <= title_top + 1  # above the title
    text = page_texts(pdf)[0]
    assert "ประกาศ ณ วันที่" in text and "(นางกิติพร แต่งช่อม)" in text


def placed_image(pdf, folder):
    """The first image's box and the first text line's top, in points (pdftohtml -xml, zoom 1)."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-zoom", "1", "-stdout", str(pdf), "img"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    box = re.search(r'<image top="(\d+)" left="(\d+)" width="(\d+)" height="(\d+)"', xml)
    text_top = re.search(r'<text top="(\d+)"', xml).group(1)
    return dict(zip(("top", "left", "width", "height"), map(float, box.groups()))), float(text_top)


def test_emblem_is_three_cm_tall(emblem_templates, small_plan, tmp_path):
    docx = render_documents(small_plan, tmp_path / "out", templates_dir=emblem_templates)[0]
    extent = Document(str(docx)).element.body.find(
        ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
    )
    assert int(extent.get("cy")) == 3 * 360000  # EMU per cm
    assert int(extent.get("cx")) == 3 * 360000 * 50 // 60  # proportional width


def test_long_announcement_continues_with_page_number_and_keeps_the_signature(small_plan, tmp_path):
    from pipeline.render.pdf.convert import make_pdfs

    small_plan.settings.announcement_body = ["ย่อหน้าทดสอบความยาวของประกาศ " * 25] * 6
    docx = render_documents(small_plan, tmp_path / "out")[0]
    pdf = make_pdfs([docx])[0]
    pages = page_texts(pdf)
    assert len(pages) >= 2
    assert not re.match(r"\s*-\s*[1๑]", pages[0])  # no number on the first page
    for number in range(2, len(pages) + 1):  # "- ๒ -" on top, Thai digits
        assert re.fullmatch(f"-\\s*{'๐๑๒๓๔๕๖๗๘๙'[number]}\\s*-", page_head(pdf, number))
    last = pages[-1]
    # -- the signature block never stands alone: the closing line comes with it --
    assert "จึงประกาศมาให้ทราบโดยทั่วกัน" in last and "(นางทดสอบ ลงนาม)" in last
    sect = Document(str(docx)).sections[0]
    assert sect.different_first_page_header_footer
    assert sect._sectPr.find(f"{W}pgNumType").get(f"{W}fmt") == "thaiNumbers"  # Word prints ๒
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    assert main(["run", str(MASTER), "--out", str(out), "-q"]) == 0
    return out


def test_no_page_of_any_pdf_ends_with_a_heading(full_run):
    pdfs = sorted(full_run.rglob("*.pdf"))
    assert len(pdfs) > 80
    stranded = {p.name: s for p in pdfs if (s := stranded_headings(p))}
    assert stranded == {}


def test_year_table_fits_two_pages_with_title_on_each(full_run):
    pdf = full_run / "2566" / "ตาราง 2566.pdf"
    pages = page_texts(pdf)
    assert len(pages) == 2
    for page in pages:
        assert "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2566" in page and "งบประมาณ (บาท)" in page


def test_largest_budget_fits_on_one_line(small_plan, tmp_path):
    small_plan.rows[0].budget = Decimal("99999999.99")
    paths = render_documents(small_plan, tmp_path / "out", years=[2566])
    pdf = to_pdf(paths[1], tmp_path / "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "99,999,999.99" in text


BOOK = "แผนปฏิบัติการป้องกันการทุจริต 2566-2570"


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def outline(reader) -> list[tuple[str, int]]:
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title, reader.get_destination_page_number(item)

    return list(walk(reader.outline))


def test_book_has_bookmarks_for_every_part_and_project_and_its_metadata(full_run):
    from pypdf import PdfReader

    reader = PdfReader(full_run / f"{BOOK}.pdf")
    assert reader.metadata.title == ("แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ. ๒๕๖๖ - ๒๕๗๐)")
    assert reader.metadata.author == "องค์การบริหารส่วนตำบลโคกสำโรง"
    marks = outline(reader)
    pages = page_texts(full_run / f"{BOOK}.pdf")
    titles = [t for t, _ in marks]
    assert titles[:3] == ["คำนำ", "สารบัญ", "ประกาศใช้แผน"]
    for title, index in marks[:2]:  # the front matter's headings open their pages
        assert pages[index].split()[0] == title and index < marks[2][1]
    assert [t for t in titles if t.startswith("แผนปฏิบัติการ")] == [
        f"แผนปฏิบัติการป้องกันการทุจริต พ.ศ. {y}" for y in "๒๕๖๖ ๒๕๖๗ ๒๕๖๘ ๒๕๖๙ ๒๕๗๐".split()
    ]
    sheets = [(t, i) for t, i in marks if t.startswith("ลำดับที่")]
    assert len(sheets) == 15
    for title, index in sheets:  # each bookmark opens its project's first page
        assert squeezed(pages[index]).startswith(squeezed(" ".join(title.split()[:2])))
    assert "ประกาศองค์การบริหารส่วนตำบลโคกสำโรง" in squeezed(pages[marks[2][1]])


def test_contents_page_numbers_match_the_pages(full_run):
    from pypdf import PdfReader

    doc = Document(str(full_run / f"{BOOK}.docx"))
    entries = [visible(p.text).split("\t") for p in doc.paragraphs if p.style.name in ("Contents 1", "Contents 2")]
    assert len(entries) == 1 + 5 + 1 + 15
    pdf = full_run / f"{BOOK}.pdf"
    pages = page_texts(pdf)
    marks = dict(outline(PdfReader(pdf)))
    first = marks["ประกาศใช้แผน"]  # the page the book numbers ๑
    contents = squeezed("".join(pages[:first]))
    for title, number in entries:
        index = first + int(arabic(number)) - 1
        assert marks[title] == index, title
        if index != first:  # the ประกาศ's page carries no number
            assert page_foot(pdf, index + 1) == number
        assert re.search(re.escape(squeezed(title)) + r"\.*" + number, contents), title
    assert page_foot(pdf, first + 1) != "๑"


def arabic(thai: str) -> str:
    return thai.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))


def test_book_docx_renders_to_the_same_pages_as_the_book_pdf(full_run, tmp_path):
    rendered = to_pdf(full_run / f"{BOOK}.docx", tmp_path)
    assert page_count(rendered) == page_count(full_run / f"{BOOK}.pdf")


def test_book_fonts_are_all_embedded(full_run):
    fonts = subprocess.run(
        ["pdffonts", str(full_run / f"{BOOK}.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and not [f for f in fonts if "Helvetica" in f or f.split()[-5] != "yes"]


def test_run_takes_templates_and_emblem_from_another_folder(emblem_templates, tmp_path, capsys):
    out = tmp_path / "with"
    assert (
        main(["run", str(MASTER), "--out", str(out), "--no-pdf", "--json", "--templates", str(emblem_templates)]) == 0
    )
    assert json.loads(capsys.readouterr().out)["notices"] == []
    doc = Document(str(out / "ประกาศ.docx"))
    assert len(doc.element.body.xpath(".//a:blip/@r:embed")) == 1


def test_run_without_an_emblem_warns_where_to_put_it(tmp_path, capsys):
    folder = tmp_path / "plain"
    shutil.copytree(TEMPLATES_DIR, folder)
    assert (
        main(["run", str(MASTER), "--out", str(tmp_path / "json"), "--no-pdf", "--json", "--templates", str(folder)])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["notices"] == ["no-emblem"]
    assert main(["run", str(MASTER), "--out", str(tmp_path / "text"), "--no-pdf", "--templates", str(folder)]) == 0
    printed = squeezed(capsys.readouterr().out)  # the console wraps long lines
    assert (
        squeezed(f"คำเตือน (no-emblem): ประกาศยังไม่มีตราครุฑ (เว้นที่ว่าง ๓ ซม. ไว้): วางรูปชื่อ garuda.png ไว้ในโฟลเดอร์ {folder}")
        in printed
    )
    garuda = Document(str(tmp_path / "text" / "ประกาศ.docx")).paragraphs[0]
    assert garuda.style.name == "Garuda" and garuda.style.paragraph_format.line_spacing is None
    assert garuda.paragraph_format.line_spacing.cm == pytest.approx(3.0, abs=0.01)  # the space stays


def test_an_emblem_pasted_into_the_template_is_used_and_garuda_png_is_not_added(emblem_templates, small_plan, tmp_path):
    from images import solid_png

    pasted = Document(str(emblem_templates / "announcement.docx"))
    pasted.paragraphs[0].add_run().add_picture(str(solid_png(tmp_path / "pasted.png", 4, 4)))
    pasted.save(str(emblem_templates / "announcement.docx"))
    notices = []
    docx = render_documents(small_plan, tmp_path / "out", templates_dir=emblem_templates, notices=notices)[0]
    assert notices == []
    blips = Document(str(docx)).element.body.xpath(".//a:blip/@r:embed")
    assert len(blips) == 1  # the pasted picture only, not garuda.png as well


def test_layout_lives_in_the_templates_styles():
    for name in ("announcement.docx", "project_sheet.docx", "year_table.docx", "planbook.docx"):
        styles = Document(str(TEMPLATES_DIR / name)).styles
        assert styles["Normal"].paragraph_format.widow_control is True
        for heading in (
            "Doc Title",
            "Section Head",
            "Sub Head",
            "Front Head",
            "Closing",
            "Date Line",
            "Signature",
            "Garuda",
            "Title Rule",
        ):
            assert styles[heading].paragraph_format.keep_with_next is True, (name, heading)
        for body in ("Body Para", "Section Text"):
            assert styles[body].element.pPr.find(f"{W}jc").get(f"{W}val") == "both"
        for item in ("List Item", "List Item 2", "List Item 3"):  # flush left: searchable (test_pdf_text)
            assert styles[item].element.pPr.find(f"{W}jc").get(f"{W}val") == "left"
