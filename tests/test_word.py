"""Word output: every generated document is reopened with python-docx and read."""

import re
import zipfile
from datetime import UTC
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from pipeline.render.word.linebreak import visible
from pipeline.render.word.word import render_documents
from pipeline.workbook.reader import read_plan
from tests.conftest import MASTER, SOURCE


@pytest.fixture(scope="module")
def real_out(tmp_path_factory) -> tuple[Path, list[Path]]:
    from tests.conftest import MASTER

    if not MASTER.exists():
        pytest.fail("inputs/master.xlsx is missing")
    out = tmp_path_factory.mktemp("word")
    return out, render_documents(read_plan(MASTER), out)


def text_of(path: Path) -> str:
    doc = Document(str(path))
    parts = [visible(p.text) for p in doc.paragraphs]
    for table in doc.tables:
        parts += [visible(c.text) for row in table.rows for c in row.cells]
    return "\n".join(parts)


def test_every_document_reopens_with_content(real_out):
    out, paths = real_out
    assert len(paths) == 1 + 5 + (15 + 15 + 15 + 15 + 15) + 1  # 2569 lists one project twice
    for path in paths:
        assert path.is_file() and out in path.parents
        assert zipfile.ZipFile(path).testzip() is None
        assert len(text_of(path)) > 100, path


def test_project_sheet_8_in_2566(real_out):
    out, _ = real_out
    doc = Document(str(out / "2566" / "ลำดับที่ 08 โครงการจัดเวทีประชาคม.docx"))
    lines = [visible(p.text) for p in doc.paragraphs]
    assert lines[0] == "ลำดับที่ ๘"
    assert lines[1] == "๑. ชื่อโครงการ : โครงการจัดเวทีประชาคม"
    assert "งบประมาณ จำนวน ๒๐,๐๐๐ บาท (สองหมื่นบาทถ้วน)" in lines
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๖" in lines
    headings = [t for t in lines if re.match(r"^[๑-๙]\. ", t)]
    assert [h.split(".")[0] for h in headings] == list("๑๒๓๔๕๖๗๘๙")
    assert lines.index("ผลผลิต") < lines.index("ผลลัพธ์")
    objectives = lines[lines.index("๓. วัตถุประสงค์") + 1 : lines.index("๔. กลุ่มเป้าหมาย")]
    assert [o.split("\t")[0] for o in objectives] == ["๑)", "๒)", "๓)", "๔)", "๕)", "๖)"]
    # one output only: printed without a number, as in the plan book
    output = lines[lines.index("ผลผลิต") + 1]
    assert output.startswith("\tมีการจัดประชุมเวทีประชาคม")


def test_no_budget_and_other_year(real_out):
    out, _ = real_out
    text = text_of(out / "2568" / "ลำดับที่ 08 โครงการจัดเวทีประชาคม.docx")
    assert "ดำเนินการโดยไม่ใช้งบประมาณ" in text and "ปีงบประมาณ พ.ศ. ๒๕๖๘" in text


def test_project_listed_twice_gets_one_sheet_with_the_sum(real_out):
    out, _ = real_out
    sheets = sorted((out / "2569").glob("ลำดับที่ 08 *"))
    assert len(sheets) == 1
    assert "งบประมาณ จำนวน ๔๐,๐๐๐ บาท (สี่หมื่นบาทถ้วน)" in text_of(sheets[0])


def test_year_table_2570(real_out):
    out, _ = real_out
    doc = Document(str(out / "2570" / "ตาราง 2570.docx"))
    rows = doc.tables[0].rows
    data = rows[3:-1]
    assert len(data) == 15
    # -- the title is the table's first row, so it repeats on every page with the header --
    assert visible(rows[0].cells[0].text) == "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2570 ของ องค์การบริหารส่วนตำบลโคกสำโรง"
    assert [visible(c.text) for c in rows[1].cells][:4] == ["ลำดับ", "รายการโครงการ (ตั้งต้น)", "มิติ", "งบประมาณ (บาท)"]
    assert [visible(c.text) for c in rows[2].cells][4:8] == ["1", "2", "3", "4"]
    assert [visible(c.text) for c in data[0].cells][:8] == [
        "1",
        "โครงการเผยแพร่ประชาสัมพันธ์ความรู้ด้านกฎหมายและระเบียบที่เกี่ยวข้องกับการปฏิบัติงาน"
        "ให้แก่บุคลากรองค์กรปกครองส่วนท้องถิ่น ผู้บริหารและสมาชิกสภาท้องถิ่น",
        "1",
        "0.00",
        "☑",
        "☑",
        "☑",
        "",
    ]
    assert [visible(c.text) for c in rows[-1].cells][3:8] == ["0.00", "15", "15", "15", "11"]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for row in rows[:3]:  # title and header rows repeat on every page
        assert row._tr.trPr.find(f"{w}tblHeader") is not None
    for row in rows[3:]:  # no row breaks across pages
        assert row._tr.trPr.find(f"{w}cantSplit") is not None
    text = "\n".join(visible(p.text) for p in doc.paragraphs)
    assert "** ข้อมูล ณ วันที่ 07 กรกฎาคม 2566" in text
    assert "ชื่อ - สกุล ผู้ออกรายงาน นายสายลม พุฒนาราช" in text
    assert "มิติ 4 การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น" in text
    section = doc.sections[0]
    assert section.page_width > section.page_height  # landscape


def test_year_2566_total(real_out):
    out, _ = real_out
    rows = Document(str(out / "2566" / "ตาราง 2566.docx")).tables[0].rows
    assert [visible(c.text) for c in rows[-1].cells][3:8] == ["20,000.00", "15", "15", "15", "14"]


def test_announcement(real_out):
    out, _ = real_out
    doc = Document(str(out / "ประกาศ.docx"))
    lines = [visible(p.text) for p in doc.paragraphs if visible(p.text)]
    assert lines[:3] == [
        "ประกาศองค์การบริหารส่วนตำบลโคกสำโรง",
        "เรื่อง ประกาศใช้แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส",
        "(พ.ศ. ๒๕๖๖ - ๒๕๗๐) ขององค์การบริหารส่วนตำบลโคกสำโรง",
    ]
    assert "ประกาศ ณ วันที่ ๓๐ กันยายน พ.ศ. ๒๕๖๕" in lines
    assert lines[-3:] == ["ประกาศ ณ วันที่ ๓๐ กันยายน พ.ศ. ๒๕๖๕", "(นางกิติพร แต่งช่อม)", "นายกองค์การบริหารส่วนตำบลโคกสำโรง"]
    assert "จึงประกาศมาให้ทราบโดยทั่วกัน" in lines
    sec = doc.sections[0]
    assert round(sec.left_margin.cm, 1) == 3.0 and round(sec.right_margin.cm, 1) == 2.0
    assert round(sec.page_width.cm, 1) == 21.0 and round(sec.page_height.cm, 1) == 29.7
    assert doc.paragraphs[1].style.name == "Doc Title"
    assert doc.paragraphs[1].alignment is None and doc.paragraphs[1].style.paragraph_format.alignment == 1


def test_fonts_include_complex_script_attributes():
    doc = Document(str(Path(__file__).resolve().parent.parent / "templates" / "announcement.docx"))
    rpr = doc.styles["Normal"].element.rPr
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = rpr.find(f"{w}rFonts")
    assert fonts.get(f"{w}cs") == fonts.get(f"{w}ascii") == "TH SarabunPSK"
    assert rpr.find(f"{w}szCs").get(f"{w}val") == "32" and rpr.find(f"{w}sz").get(f"{w}val") == "32"


def _plan_book_text(path: Path) -> str:
    return re.sub(r"\s+", "", text_of(path))


def _source_content_lines() -> list[str]:
    """The source's announcement and project-sheet lines, minus headings and item numbers."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    ann_end = next(i for i, t in enumerate(lines) if t.startswith("แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2566"))
    sheets_start = next(i for i, t in enumerate(lines) if t.strip() == "ลำดับที่ ๑")
    wanted = []
    for line in lines[:ann_end] + lines[sheets_start:]:
        text = re.sub(r"^\s*-?\s*[๐-๙]+[.)]\s*", "", line.strip())  # "- ๑)", "๒." numbering
        text = re.sub(r"^ชื่อโครงการ\s*:", "", text)
        text = re.sub(r"<(https?://[^<>\s]+)>", r"\1", text)  # the importer drops the < >
        text = re.sub(r"\((?=[๐-๙]+\.[๐-๙]+\))", "", text)  # "(๓.๒)" is kept as "๓.๒)"
        if re.fullmatch(r"ลำดับที่ [๐-๙]+", text) or not text.strip():
            continue
        wanted.append(text)
    return wanted


def test_plan_book_holds_every_source_line(real_out):
    out, paths = real_out
    book = paths[-1]
    assert book.name == "แผนปฏิบัติการป้องกันการทุจริต 2566-2570.docx"
    generated = _plan_book_text(book)
    missing = []
    for line in _source_content_lines():
        # -- the source prints the budget without a thousands comma: ๒๐๐๐๐; we print ๒๐,๐๐๐ --
        squeezed = re.sub(r"\s+", "", line)
        if squeezed not in generated and squeezed not in generated.replace(",", ""):
            missing.append(line)
    assert missing == []


def test_plan_book_structure(real_out):
    _, paths = real_out
    doc = Document(str(paths[-1]))
    sections = doc.sections
    assert len(sections) == 1 + 1 + 5 + 15  # front matter, announcement, tables, sheets
    assert [s.page_width > s.page_height for s in sections[:8]] == [False, False] + [True] * 5 + [False]
    heads = [visible(p.text) for p in doc.paragraphs if re.fullmatch(r"ลำดับที่ [๐-๙]+", visible(p.text))]
    assert heads == [f"ลำดับที่ {n}" for n in "๑ ๒ ๓ ๔ ๕ ๖ ๗ ๘ ๙ ๑๐ ๑๑ ๑๒ ๑๓ ๑๔ ๑๕".split()]
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๗" not in text_of(paths[-1])  # first year's sheets only
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    front, announcement = sections[0], sections[1]
    assert front._sectPr.find(f"{w}footerReference") is None  # the front matter: no number
    assert announcement._sectPr.find(f"{w}pgNumType").get(f"{w}start") == "1"
    assert announcement.different_first_page_header_footer  # its page: counted, not numbered
    assert not "".join(p.text for p in announcement.first_page_footer.paragraphs).strip()
    for s in sections[1:]:
        assert s._sectPr.find(f"{w}pgNumType").get(f"{w}fmt") == "thaiNumbers"
        assert s.footer.paragraphs[0]._p.xpath("string(.//w:instrText)").strip() == "PAGE"


def test_year_selection_skips_plan_book(small_plan, tmp_path):
    paths = render_documents(small_plan, tmp_path, years=[2567])
    names = sorted(p.relative_to(tmp_path).as_posix() for p in paths)
    assert names == [
        "2567/ตาราง 2567.docx",
        "2567/ลำดับที่ 01 มาตรการ NO Gift Policy.docx",
        "2567/ลำดับที่ 02 โครงการจัดเวทีประชาคม.docx",
        "2567/ลำดับที่ 03 โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต.docx",
        "ประกาศ.docx",
    ]


def test_unknown_year_is_a_clean_error(small_plan, tmp_path):
    from pipeline.errors import PipelineError

    with pytest.raises(PipelineError, match="2580"):
        render_documents(small_plan, tmp_path, years=[2580])


def test_hostile_project_name_stays_inside(small_plan, tmp_path):
    small_plan.projects[0].name = "../../CON:x"
    paths = render_documents(small_plan, tmp_path / "out")
    for p in paths:
        assert (tmp_path / "out") in p.parents
    name = sorted(p.name for p in (tmp_path / "out" / "2566").iterdir())[1]
    assert name == "ลำดับที่ 01 . . CON x.docx" and ".." not in name


def test_small_plan_numbers_and_budget(small_plan, tmp_path):
    small_plan.rows[1].budget = Decimal("1500.50")
    paths = render_documents(small_plan, tmp_path)
    sheet = next(p for p in paths if p.name.startswith("ลำดับที่ 02") and p.parent.name == "2566")
    assert "งบประมาณ จำนวน ๑,๕๐๐.๕๐ บาท (หนึ่งพันห้าร้อยบาทห้าสิบสตางค์)" in text_of(sheet)


def test_document_properties_are_the_organisations(real_out):
    """No sample properties from the python-docx template (2013-12-23, "generated by python-docx",
    "Microsoft Macintosh Word", its thumbnail): title, the organisation as author, the run's time."""
    from datetime import datetime, timedelta

    from pipeline.render.word.docprops import APPLICATION

    out, paths = real_out
    org = read_plan(MASTER).settings.organisation
    titles = {}
    for path in paths:
        props = Document(str(path)).core_properties
        assert props.author == org and props.last_modified_by == org, path
        assert props.comments == "" and "python-docx" not in (props.comments or ""), path
        for when in (props.created, props.modified):
            assert when is not None and abs(datetime.now(UTC) - when.replace(tzinfo=UTC)) < timedelta(minutes=10)
        app = zipfile.ZipFile(path).read("docProps/app.xml").decode("utf-8")
        assert f"<Application>{APPLICATION}</Application>" in app and "Microsoft" not in app
        assert not any("thumbnail" in n for n in zipfile.ZipFile(path).namelist())  # python-docx's picture
        titles[path.name] = props.title
    assert titles["ประกาศ.docx"] == f"ประกาศ{org} เรื่อง แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส"
    assert titles["ตาราง 2566.docx"].endswith("พ.ศ. 2566")
    assert titles["แผนปฏิบัติการป้องกันการทุจริต 2566-2570.docx"].endswith("(พ.ศ. ๒๕๖๖ - ๒๕๗๐)")
    sheet = next(p for p in paths if p.name.startswith("ลำดับที่ 06"))
    assert titles[sheet.name] == "ลำดับที่ ๖ มาตรการจัดการเรื่องร้องทุกข์/ร้องเรียนขององค์การบริหารส่วนตำบลโคกสำโรง"
