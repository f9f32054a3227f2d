"""Break marks at render time (pipeline.render.word.linebreak) and the tokenizer under them."""

import pytest
from pythainlp.tokenize import word_tokenize
from pythainlp.util import dict_trie

from pipeline.render.word.linebreak import WJ, ZWSP, breakable, printed, visible
from pipeline.text.thai_words import dictionary, words
from pipeline.workbook.reader import read_plan
from tests.conftest import MASTER


def shown(text: str) -> str:
    return breakable(text).replace(ZWSP, "|").replace(WJ, "+")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ท้องถิ่น", "ท้อง+ถิ่น"),
        ("ร้องเรียน", "ร้อง+เรียน"),
        ("สมัครใจ", "สมัคร+ใจ"),
        ("ปราบปราม", "ปราบ+ปราม"),
        ("เผยแพร่", "เผย+แพร่"),
        ("วิริยะ", "วิริยะ"),
        ("การป้องกัน", "การป้องกัน"),  # only the listed words are joined
        # -- nothing right after a vowel or tone mark above/below a letter (ไม่, มี, มิ) --
        ("ไม่มีเรื่องร้องเรียน", "ไม่มีเรื่องร้อง+เรียน"),
        ("มิชอบ", "มิชอบ"),
        ("(นางกิติพร", "(นางกิติพร"),  # a name the dictionary does not know stays whole
        # -- words LibreOffice keeps whole by itself get no joiner (it only made pdftotext read a space) --
        ("เพื่อยกระดับคุณธรรม", "เพื่อยกระดับคุณธรรม"),
        ("จริยธรรม", "จริยธรรม"),
        ("ประชาสัมพันธ์", "ประชาสัมพันธ์"),
        ("ประพฤติมิชอบ", "ประพฤติมิชอบ"),
    ],
)
def test_marks(text, expected):
    assert shown(text) == expected


def test_web_address_is_glued_and_latin_left_alone():
    assert shown("ออนไลน์ https://ggde.nacc.go.th)") == "ออนไลน์ https://+ggde.+nacc.+go.+th)"
    assert breakable("NO Gift Policy") == "NO Gift Policy"


def test_marks_never_change_the_visible_text():
    plan = read_plan(MASTER)
    texts = [t for p in plan.projects for t in (p.name, *p.rationale, *p.method, *p.outputs)]
    assert all(visible(breakable(t)) == t for t in texts)
    # -- never right after a vowel or tone mark above/below a letter (pdftotext would misplace it) --
    marked = "".join(breakable(t) for t in texts)
    assert not any(marked[i] in (ZWSP, WJ) and "\u0e47" <= marked[i - 1] <= "\u0e4e" for i in range(1, len(marked)))


def test_printed_leaves_markup_alone():
    from markupsafe import Markup

    xml = Markup("<w:drawing>ท้องถิ่น</w:drawing>")
    assert printed(xml) is xml and printed(7) == 7 and printed("ท้องถิ่น") == "ท้องถิ่น"  # -- staff's text plain --


def test_small_vocabulary_tokenizes_like_the_full_dictionary():
    plan = read_plan(MASTER)
    full = dict_trie(dictionary())
    texts = [t for p in plan.projects for t in (*p.rationale, *p.objectives, *p.method, *p.outputs)]
    assert [words(t) for t in texts] == [
        word_tokenize(t, custom_dict=full, engine="newmm", keep_whitespace=True) for t in texts
    ]


def test_libreoffice_gets_the_joiner_it_does_not_justify_at(tmp_path, small_plan):
    """The staff's .docx hold no invisible character; the copy LibreOffice converts gets U+FEFF."""
    import zipfile

    from pipeline.render.pdf.convert import _link
    from pipeline.render.word.linebreak import OFFICE_WJ, office_marks
    from pipeline.render.word.word import render_documents

    assert office_marks("<w:t>ท้องถิ่น</w:t>".encode()) == f"<w:t>ท้อง{OFFICE_WJ}ถิ่น</w:t>".encode()
    docs = render_documents(small_plan, tmp_path / "out")
    for doc in docs:
        with zipfile.ZipFile(doc) as package:
            parts = [package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml")]
        assert not any(ch in part for part in parts for ch in (WJ, ZWSP, OFFICE_WJ)), doc.name
    sheet = next(d for d in docs if "ท้องถิ่น".encode() in zipfile.ZipFile(d).read("word/document.xml"))
    copy = _link(sheet, tmp_path / "00000.docx", None)
    with zipfile.ZipFile(sheet) as original, zipfile.ZipFile(copy) as given:
        assert given.read("word/document.xml") == office_marks(original.read("word/document.xml"))
        assert f"ท้อง{OFFICE_WJ}ถิ่น".encode() in given.read("word/document.xml")
        assert WJ.encode() not in given.read("word/document.xml")


def test_a_narrow_column_gets_web_addresses_as_links_that_wrap_after_a_slash_or_before_a_dot():
    from pipeline.render.word.linebreak import office_marks, wrappable

    cell = wrappable("ภาพกิจกรรม & <P10>\nhttps://www.khoksamrong.go.th/ita/P10.pdf ท้องถิ่น")
    assert ZWSP not in cell and WJ not in cell  # -- staff's .docx: plain --
    assert str(cell).startswith("ภาพกิจกรรม &amp; &lt;P10&gt;\n</w:t></w:r><w:hyperlink ")  # escaped text, then the link
    assert 'w:tooltip="https://www.khoksamrong.go.th/ita/P10.pdf"' in cell
    shown = office_marks(f"<w:p><w:r><w:t>{cell}</w:t></w:r></w:p>".encode()).decode().replace(ZWSP, "|")
    shown = shown.replace("\ufeff", "+")  # -- what LibreOffice gets --
    assert '<w:t xml:space="preserve">https://|www|.khoksamrong|.go|.th/|ita/|P10.pdf</w:t>' in shown
    assert shown.endswith(" ท้อง+ถิ่น</w:t></w:r></w:p>")
    assert printed(cell) is cell  # -- Markup: the template prints it as it is --
    assert wrappable(15) == 15


def test_a_link_relationship_keeps_the_address_as_typed():
    from lxml import etree

    from pipeline.render.word.docx_fast import PreparedTemplate
    from pipeline.render.word.hyperlinks import RELS, link, relationships
    from pipeline.render.word.word import TEMPLATES_DIR, make_env

    template = PreparedTemplate.load(TEMPLATES_DIR / "monitoring_report.docx", make_env())
    url = 'https://example.go.th/ita?year=2566&round=6"x'
    rendered = {"word/document.xml": f"<w:p><w:r><w:t>{link(url, 'ดู')}</w:t></w:r></w:p>"}
    rels = etree.fromstring(relationships(template, rendered)[RELS])
    added = [r for r in rels if r.get("TargetMode") == "External"]
    assert [r.get("Target") for r in added] == [url]
    assert f'r:id="{added[0].get("Id")}"' in rendered["word/document.xml"]
    assert relationships(template, {"word/document.xml": "<w:p/>"}) == {}
