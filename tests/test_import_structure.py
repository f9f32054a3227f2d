"""The nested structure of the source's project sheets survives the import and the rendering.

Sheets ๑, ๓ and ๖ are the ones whose structure the PDF extraction ran together (issue: "walls of
text"). Each test reads the markers of a section straight from the source text — top-level
numbers "๑)" at the start of a line, sub-numbers "๒.๑)" / "(๓.๒)" and "-" bullets anywhere — and
compares them, in order, with the imported project's lines.
"""

import re

import pytest
from docx import Document

from pipeline.importer import import_planbook
from pipeline.render.word.linebreak import visible
from pipeline.render.word.word import render_documents
from pipeline.text.list_items import outline
from pipeline.text.thai import thai_digits
from tests.conftest import SOURCE

SECTION = re.compile(r"^([๑-๙])\.\s")
TOP = re.compile(r"^(?:-\s*)?(?:([๐-๙]+\))\s*)+")
SUB = re.compile(r"(?<!\S)\(?([๐-๙]+(?:\.[๐-๙]+)+\))|(?<!\S)-(?!\S)")


@pytest.fixture(scope="module")
def plan():
    return import_planbook(SOURCE).plan


def source_section(seq: int, section: int, part: str = "") -> list[str]:
    """The source lines of sheet `seq`'s section (for ๙, of its sub-heading `part`)."""
    lines = [line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = lines.index(f"ลำดับที่ {thai_digits(seq)}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("ลำดับที่ ")), len(lines))
    sheet = lines[start:end]
    begin = next(i for i, line in enumerate(sheet) if line.startswith(f"{thai_digits(section)}. "))
    stop = next((i for i in range(begin + 1, len(sheet)) if SECTION.match(sheet[i])), len(sheet))
    body = sheet[begin + 1 : stop]
    if part:
        body = body[body.index(part) + 1 :]
        body = body[: body.index("ผลลัพธ์")] if "ผลลัพธ์" in body else body
    return [line for line in body if line != "-"]


def source_marks(lines: list[str]) -> list[str]:
    """'๑)', '๒.๑)', '-' in reading order, as the source prints them."""
    marks = []
    for line in lines:
        top = TOP.match(line)
        if top:
            marks.append(top[1])
            line = line[top.end() :]
        marks += [m[1] or "-" for m in SUB.finditer(line)]
    return marks


def imported_marks(items: list[str]) -> list[str]:
    """The same markers as the documents print them (top level numbered in order)."""
    marks, n = [], 0
    for line in outline(items):
        if line.level == 0:
            n += 1
        marks.append(line.mark or f"{thai_digits(n)})")
    return marks


def project(plan, seq):
    return next(p for p in plan.projects if p.seq == seq)


def test_sheet_1_structure(plan):
    p = project(plan, 1)
    assert imported_marks(p.method) == source_marks(source_section(1, 5)) == [f"{thai_digits(i)})" for i in range(1, 7)]
    assert imported_marks(p.objectives) == source_marks(source_section(1, 3))
    # -- section ๒: the long first line's wrapped rest is the same sentence, not a new paragraph --
    assert len(p.rationale) == 3
    assert p.rationale[0].endswith(
        "เห็นแก่ประโยชน์ส่วนรวม เป็นแนวทางหนึ่งในการพัฒนาเพื่อนำไปสู่เป้าหมาย “ประเทศไทยปลอดการทุจริตและประพฤติมิชอบ”"
    )
    assert p.rationale[1].startswith("อีกทั้ง") and p.rationale[2].startswith("องค์การบริหารส่วนตำบลโคกสำโรงเล็งเห็น")
    source_words = re.sub(r"\s+", "", "".join(source_section(1, 2)))
    assert re.sub(r"\s+", "", "".join(p.rationale)) == source_words


def test_sheet_3_structure(plan):
    p = project(plan, 3)
    marks = imported_marks(p.method)
    assert marks == source_marks(source_section(3, 5))
    assert marks == ["๑)", "๒)", "๒.๑)", "๒.๑.๑)", "๒.๑.๒)", "๒.๑.๓)", "๒.๑.๔)", "๒.๑.๕)", "๒.๒)", "๓)", "๔)"]
    assert [line.level for line in outline(p.method)] == [0, 0, 1, 2, 2, 2, 2, 2, 1, 0, 0]
    outputs = imported_marks(p.outputs)
    assert outputs == source_marks(source_section(3, 9, "ผลผลิต"))
    assert outputs == ["๑)", "-", "-", "-", "-", "-", "๒)", "๓)", "๔)"]
    assert p.outputs[1:6] == [
        "- ข้อมูลพื้นฐาน",
        "- การบริหารงาน",
        "- การบริหารเงินงบประมาณ",
        "- การบริหารและพัฒนาทรัพยากรบุคคล",
        "- การส่งเสริมความโปร่งใส",
    ]


def test_sheet_6_structure(plan):
    p = project(plan, 6)
    marks = imported_marks(p.method)
    assert marks == source_marks(source_section(6, 5))
    assert marks[:4] == ["๑)", "๒)", "๓)", "๓.๑)"] and marks.count("-") == 10 and "๓.๒)" in marks
    lines = outline(p.method)
    assert [line.level for line in lines if line.mark == "-"] == [2] * 10  # under ๓.๑) / ๓.๒)
    assert not any(line.text.endswith(" -") or line.text == "" for line in lines)


def test_sub_items_are_indented_in_the_document(plan, tmp_path):
    render_documents(plan, tmp_path, years=[2566])
    doc = Document(str(next((tmp_path / "2566").glob("ลำดับที่ 03 *.docx"))))
    styles = {visible(par.text).split("\t")[0]: par.style.name for par in doc.paragraphs if "\t" in par.text}
    assert styles["๒)"] == "List Item" and styles["๒.๑)"] == "List Item 2"
    assert styles["๒.๑.๑)"] == "List Item 3" and styles["-"] == "List Item 2"
    indent = {
        name: doc.styles[name].paragraph_format.left_indent for name in ("List Item", "List Item 2", "List Item 3")
    }
    assert indent["List Item"] < indent["List Item 2"] < indent["List Item 3"]
