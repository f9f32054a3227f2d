"""The plan book's front matter in the .docx: cover, คำนำ from the ตั้งค่า sheet (or the default),
สารบัญ; balanced titles. (Page numbers against the PDF: tests/test_layout.py.)"""

from docx import Document

from pipeline import contract as c
from pipeline.render.book.preface import default_preface
from pipeline.render.word.balance import balance
from pipeline.render.word.linebreak import visible
from pipeline.render.word.word import render_documents


def front_text(path) -> list[str]:
    doc = Document(str(path))
    return [visible(p.text) for p in doc.paragraphs]


def test_preface_comes_from_the_setting(small_plan, tmp_path):
    small_plan.settings.preface = ["คำนำย่อหน้าแรกที่เจ้าหน้าที่เขียน", "ย่อหน้าที่สอง"]
    lines = front_text(render_documents(small_plan, tmp_path)[-1])
    at = lines.index("คำนำ")
    assert lines[at + 1 : at + 3] == small_plan.settings.preface


def test_empty_preface_gets_the_default_text(small_plan, tmp_path):
    lines = front_text(render_documents(small_plan, tmp_path)[-1])
    default = default_preface(small_plan.settings)
    assert default[0].startswith("องค์การบริหารส่วนตำบลทดสอบได้จัดทำ") and default[0] in lines
    assert lines.index("คำนำ") < lines.index(default[0]) < lines.index("สารบัญ")


def test_cover_and_contents_without_pdf_numbers(small_plan, tmp_path):
    doc = Document(str(render_documents(small_plan, tmp_path)[-1]))
    cover = [visible(p.text) for p in doc.paragraphs if p.style.name == "Cover Title"]
    assert cover[1] == "(พ.ศ. ๒๕๖๖ - ๒๕๖๗)"
    contents = [visible(p.text).split("\t") for p in doc.paragraphs if p.style.name in ("Contents 1", "Contents 2")]
    assert [t for t, _ in contents] == [
        "ประกาศใช้แผน",
        "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ๒๕๖๖",
        "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ๒๕๖๗",
        "รายละเอียดโครงการ แผน พ.ศ. ๒๕๖๖",
        "ลำดับที่ ๑ มาตรการ NO Gift Policy",
        "ลำดับที่ ๒ โครงการจัดเวทีประชาคม",
        "ลำดับที่ ๓ โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต",
    ]
    assert {n for _, n in contents} == {""}  # no PDFs, no page numbers yet


def test_preface_setting_is_optional_in_the_contract():
    key = next(k for k in c.SETTING_KEYS if k.field == "preface")
    assert key.label == "คำนำ" and not key.required


def test_long_title_breaks_into_two_balanced_lines():
    title = "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส"
    assert balance(title) == title  # fits one 16 pt line: unchanged
    two = str(balance(title, 26)).split('</w:t><w:br/><w:t xml:space="preserve">')
    assert two == ["แผนปฏิบัติการป้องกันการทุจริต", "เพื่อยกระดับคุณธรรมและความโปร่งใส"]
    escaped = str(balance("คุณธรรม<ก&ข> " * 5, 26))
    assert "<ก" not in escaped and "&lt;ก&amp;ข&gt;" in escaped  # the value stays text


def test_title_breaks_fall_between_words_not_inside_compounds():
    from pipeline.render.word.balance import word_boundaries

    assert word_boundaries("ท้องถิ่นร้องเรียน") == [len("ท้องถิ่น")]
    assert len("แผนปฏิบัติการป้องกันการทุจริต") in word_boundaries("แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส")
