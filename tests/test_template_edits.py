"""Templates staff open and save again keep working: a corpus of edits to the shipped templates,
each run over the real master with `pipeline run --templates DIR` on a folder holding only the
edited files (the others fall back to the shipped ones) and read back. An edit that keeps the tags
gives the text of the shipped templates; a wrong one stops the run with a message naming the
template, paragraph and tag, what is wrong, and where the shipped template is."""

import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from images import solid_png
from pypdf import PdfReader
from template_edits import edited_folder, replace_text, resave, run, split_tag, texts

from pipeline.office import soffice as office
from pipeline.render.word.docx_fast import SHIPPED_DIR
from pipeline.render.word.linebreak import visible

needs_soffice = pytest.mark.skipif(office.find_soffice() is None, reason="LibreOffice not installed")
TEMPLATES = ["announcement.docx", "year_table.docx", "project_sheet.docx", "planbook.docx", "monitoring_report.docx"]
TITLE = '{{ ("เรื่อง ประกาศใช้" ~ plan_title)|balance }}'  # the one shipped tag with quotes in it
ANNOUNCEMENT, BOOK = "ประกาศ.docx", "แผนปฏิบัติการป้องกันการทุจริต 2566-2570.docx"
FIRST_YEAR = "2566"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> dict[str, list[str]]:
    """The documents the shipped templates give (paragraph texts per file)."""
    out = tmp_path_factory.mktemp("shipped") / "out"
    code, summary, err = run(out, SHIPPED_DIR)
    assert code == 0, err
    assert "no-emblem" in summary["notices"]
    return texts(out)


def sheets(documents: dict) -> list[str]:
    return [name for name in documents if name.startswith(f"{FIRST_YEAR}/ลำดับที่")]


# -- resaved by LibreOffice Writer: `"` in text becomes &quot;, which must not reach Jinja --


@needs_soffice
def test_templates_resaved_by_writer_give_the_same_documents_with_pdf(tmp_path):
    resaved = tmp_path / "writer"
    resave(resaved, TEMPLATES)
    assert b"&quot;" in _part(resaved / "announcement.docx")  # what broke the run (issue 23)
    code, _, err = run(tmp_path / "base", SHIPPED_DIR, pdf=True)
    assert code == 0, err
    code, summary, err = run(tmp_path / "out", resaved, pdf=True)
    assert code == 0, err
    assert texts(tmp_path / "out") == texts(tmp_path / "base")
    pdfs = sorted(p.relative_to(tmp_path / "base") for p in (tmp_path / "base").rglob("*.pdf"))
    assert pdfs and pdfs == sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*.pdf"))
    for name in pdfs:
        assert _pdf_text(tmp_path / "out" / name) == _pdf_text(tmp_path / "base" / name), name
    assert len(PdfReader(tmp_path / "out" / "ประกาศ.pdf").pages) == 1


@needs_soffice
def test_templates_resaved_as_odt_and_then_as_docx_give_the_same_text(tmp_path, shipped):
    resaved = tmp_path / "odt"
    resave(resaved, TEMPLATES, via_odt=True)
    code, _, err = run(tmp_path / "out", resaved)
    assert code == 0, err
    assert texts(tmp_path / "out") == shipped


# -- a tag retyped: curly quotes from Word's AutoFormat, or the quotes as XML references --


@pytest.mark.parametrize(
    "quoted",
    [
        "(“เรื่อง ประกาศใช้” ~ plan_title)",  # Word's AutoFormat as you type
        "(‘เรื่อง ประกาศใช้’ ~ plan_title)",
        "(&quot;เรื่อง ประกาศใช้&quot; ~ plan_title)",  # LibreOffice writes " so
        "(&#34;เรื่อง ประกาศใช้&#34; ~ plan_title)",
        "(&#x22;เรื่อง ประกาศใช้&#x22; ~ plan_title)",
        "(&apos;เรื่อง ประกาศใช้&apos; ~ plan_title)",
    ],
)
def test_a_tag_retyped_with_other_quotes_gives_the_same_text(tmp_path, shipped, quoted):
    folder = edited_folder(tmp_path / "t", "announcement.docx")
    replace_text(folder / "announcement.docx", TITLE, "{{ " + quoted + "|balance }}")
    code, _, err = run(tmp_path / "out", folder)
    assert code == 0, err
    assert texts(tmp_path / "out") == shipped


def test_an_ampersand_typed_in_a_tag_prints_as_one(tmp_path, shipped):
    folder = edited_folder(tmp_path / "t", "announcement.docx")
    replace_text(folder / "announcement.docx", TITLE, '{{ ("เรื่อง R&amp;D ประกาศใช้" ~ plan_title)|balance }}')
    code, _, err = run(tmp_path / "out", folder)
    assert code == 0, err
    text = visible("\n".join(texts(tmp_path / "out")[ANNOUNCEMENT]))
    assert "เรื่อง R&D ประกาศใช้" in text and "&amp;" not in text


# -- a tag split over runs: a spelling mark, or half of it made bold --


@pytest.mark.parametrize(
    "name, tag, pieces, bold_from, spelling",
    [
        ("announcement.docx", "{{ plan_years }}", ["{{ ", "plan_years", " }}"], None, True),
        ("announcement.docx", "{{ signer_position }}", ["{{ signer_", "position }}"], 1, False),
        ("project_sheet.docx", "{%p for item in objectives %}", ["{%p for item in ", "objectives", " %}"], None, True),
        ("project_sheet.docx", "{{ name }}", ["{{ na", "me }}"], 1, False),
        ("year_table.docx", "{{ r.name }}", ["{", "{ r.na", "me }}"], 2, False),  # the braces apart too
    ],
)
def test_a_tag_split_over_runs_gives_the_same_text(tmp_path, shipped, name, tag, pieces, bold_from, spelling):
    folder = edited_folder(tmp_path / "t", name)
    split_tag(folder / name, tag, pieces, bold_from=bold_from, spelling=spelling)
    assert tag not in _part(folder / name).decode("utf-8")
    code, _, err = run(tmp_path / "out", folder)
    assert code == 0, err
    assert texts(tmp_path / "out") == shipped


# -- a paragraph of fixed text, a picture, the page margins --


def test_paragraphs_added_with_fixed_text_are_printed_where_they_were_added(tmp_path, shipped):
    folder = edited_folder(tmp_path / "t", "announcement.docx", "project_sheet.docx")
    sheet_line, announcement_line = "ตรวจทานแล้วโดยปลัด อบต.", "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"
    doc = Document(str(folder / "project_sheet.docx"))
    doc.add_paragraph(sheet_line)
    doc.save(folder / "project_sheet.docx")
    doc = Document(str(folder / "announcement.docx"))
    closing = next(p for p in doc.paragraphs if p.text == "จึงประกาศมาให้ทราบโดยทั่วกัน")
    closing.insert_paragraph_before(announcement_line)
    doc.save(folder / "announcement.docx")
    code, _, err = run(tmp_path / "out", folder)
    assert code == 0, err
    got = texts(tmp_path / "out")
    expected = dict(shipped)
    for name in expected:
        if "/ลำดับที่" in name:
            expected[name] = shipped[name] + [sheet_line]
    at = shipped[ANNOUNCEMENT].index("จึงประกาศมาให้ทราบโดยทั่วกัน")
    expected[ANNOUNCEMENT] = shipped[ANNOUNCEMENT][:at] + [announcement_line] + shipped[ANNOUNCEMENT][at:]
    # -- the book holds the announcement and the first year's sheets: the lines come with them --
    assert got[BOOK].count(announcement_line) == 1
    assert got[BOOK].count(sheet_line) == len(sheets(shipped)) > 0
    expected[BOOK] = got[BOOK]
    assert [t for t in got[BOOK] if t not in (sheet_line, announcement_line)] == shipped[BOOK]
    assert got == expected


def test_a_picture_pasted_in_the_announcement_is_its_emblem(tmp_path, shipped):
    folder = edited_folder(tmp_path / "t", "announcement.docx")
    doc = Document(str(folder / "announcement.docx"))
    doc.add_picture(str(solid_png(tmp_path / "emblem.png", 30, 30)), height=Cm(3))
    doc.paragraphs[0]._p.addprevious(doc.paragraphs[-1]._p)  # pasted at the top, above the title
    doc.save(folder / "announcement.docx")
    code, summary, err = run(tmp_path / "out", folder)
    assert code == 0, err
    assert "no-emblem" not in summary["notices"]
    got = texts(tmp_path / "out")
    assert {n: [t for t in v if t] for n, v in got.items()} == {n: [t for t in v if t] for n, v in shipped.items()}
    for name in (ANNOUNCEMENT, BOOK):
        images = [
            Document(str(tmp_path / "out" / name)).part.related_parts[blip.get(qn("r:embed"))]
            for blip in Document(str(tmp_path / "out" / name)).element.body.iter(qn("a:blip"))
        ]
        assert len(images) == 1 and images[0].blob.startswith(b"\x89PNG"), name


def test_changed_page_margins_are_in_every_document_made_from_the_template(tmp_path, shipped):
    folder = edited_folder(tmp_path / "t", "project_sheet.docx")
    doc = Document(str(folder / "project_sheet.docx"))
    before = _margins(doc.sections[0])
    section = doc.sections[0]
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = (
        Cm(2.5),
        Cm(1.5),
        Cm(2),
        Cm(2),
    )
    doc.save(folder / "project_sheet.docx")
    edited = _margins(Document(str(folder / "project_sheet.docx")).sections[0])
    assert edited != before
    code, _, err = run(tmp_path / "out", folder)
    assert code == 0, err
    assert texts(tmp_path / "out") == shipped
    made = [n for n in shipped if "/ลำดับที่" in n]
    assert made and all(_margins(Document(str(tmp_path / "out" / n)).sections[-1]) == edited for n in made)
    book = [_margins(s) for s in Document(str(tmp_path / "out" / BOOK)).sections]
    assert book.count(edited) == len(sheets(shipped))


# -- wrong edits: the run stops and says where, what, and how to go back --

UNPAIRED = '{{ ("เรื่อง ประกาศใช้ ~ plan_title)|balance }}'
ENDFOR = "<w:p><w:pPr/><w:r><w:t>{%p endfor %}</w:t></w:r></w:p>"


@pytest.mark.parametrize(
    "name, old, new, paragraph, tag, words",
    [
        ("announcement.docx", TITLE, UNPAIRED, 3, UNPAIRED, ["เครื่องหมายคำพูด", "ไม่ครบคู่"]),
        ("announcement.docx", "{{ signer }}", "{{ signr }}", 14, "{{ signr }}", ["ไม่มีข้อมูลชื่อนี้", "«({{ signr }})»"]),
        (
            "announcement.docx",
            "{{ signer_position }}",
            "{{ signer_position\u200b}}",
            15,
            "{{ signer_position\u200b}}",
            ["ZERO WIDTH SPACE", "มองไม่เห็น"],
        ),
        # -- the first {%p endfor %} paragraph deleted: the loop it closed is named, not the end of the file --
        ("project_sheet.docx", ENDFOR, "", 4, "{%p for text in rationale %}", ["ไม่มีแท็กปิด endfor"]),
        ("year_table.docx", "{{ r.name }}", "{{ r.nmae }}", None, "{{ r.nmae }}", ["ในตาราง", ".nmae"]),
        ("year_table.docx", "{{ reporter }}", "{{ reporter|shout }}", None, "{{ reporter|shout }}", ["|shout"]),
    ],
)
def test_a_wrong_edit_is_named_with_its_paragraph_and_the_way_back(tmp_path, name, old, new, paragraph, tag, words):
    folder = edited_folder(tmp_path / "t", name)
    replace_text(folder / name, old, new)
    out = tmp_path / "out"
    code, summary, _ = run(out, folder)
    assert code == 4
    code, _, err = run(out, folder, as_json=False)  # -- the lines staff read --
    assert code == 4
    error = summary["error"]
    assert err == f"ผิดพลาด: {error['message']}\nวิธีแก้: {error['hint']}\n"
    assert (error["code"], error["template"], error["tag"]) == ("template-broken", name, tag)
    if paragraph:
        assert error["paragraph"] == paragraph
        assert f"ย่อหน้าที่ {paragraph}" in err
    else:  # -- in a table: the number is checked against the template itself --
        assert _paragraph_holding(folder / name, tag) == error["paragraph"]
    assert err.startswith(f"ผิดพลาด: แม่แบบ {name} ย่อหน้าที่ {error['paragraph']}")
    for word in [tag, *words]:
        assert word in err
    assert f"คัดลอก {SHIPPED_DIR / name} มาทับ {folder / name}" in err  # the shipped template, and where
    assert not (out / ANNOUNCEMENT).exists()


def test_a_folder_with_only_the_emblem_takes_every_template_from_the_shipped_ones(tmp_path, shipped):
    folder = tmp_path / "t"
    folder.mkdir()
    solid_png(folder / "garuda.png", 30, 30)
    code, summary, err = run(tmp_path / "out", folder)
    assert code == 0, err
    assert "no-emblem" not in summary["notices"]
    assert texts(tmp_path / "out") == shipped
    assert next(Document(str(tmp_path / "out" / ANNOUNCEMENT)).element.body.iter(qn("a:blip")), None) is not None


def _part(path, name="word/document.xml") -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def _pdf_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _margins(section) -> tuple:
    return (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)


def _paragraph_holding(path, tag) -> int:
    paragraphs = list(Document(str(path)).element.body.iter(qn("w:p")))
    return next(i for i, p in enumerate(paragraphs, 1) if tag in "".join(t.text or "" for t in p.iter(qn("w:t"))))
