"""ตัวเลขในเอกสาร (issue 20): as typed by default; เลขไทย prints every Arabic digit of the documents
as a Thai one, the staff's text and the e-plan tables alike, except in web addresses, codes and
English words."""

import re
import sys

import pytest
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import main
from pipeline.render.word.digits import thai_digit_xml
from pipeline.render.word.word import make_env
from pipeline.text.digits import repeats_years, thai_digits_in_text
from pipeline.validate import validate_workbook
from tests.conftest import MASTER, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from snapshot_outputs import docx_entries  # noqa: E402 -- every paragraph, cell, header and footer of a .docx

URL = "www.khoksamrong.go.th/ita/2566/O36.pdf"
TYPED = {  # -- P01's sections, typed with Arabic digits, a web address, a code and an English word --
    c.ProjectCol.TARGET_GROUP: f"พนักงาน 30 คน และผู้บริหาร 5 คน ดูผลที่ {URL}",
    c.ProjectCol.METHOD: "1) จัดอบรม 2 ครั้ง\n2) ประเมินผลตามตัวชี้วัด O36 ช่วง COVID-19",
}
DIGITS_LABEL = next(k.label for k in c.SETTING_KEYS if k.field == "digits")


def master_with(tmp_path, digits: str | None):
    wb = load_workbook(MASTER)
    projects = wb[c.SHEET_PROJECTS]
    cols = {cell.value: cell.column for cell in projects[1]}
    row = next(r for r in range(2, projects.max_row + 1) if projects.cell(r, cols[c.ProjectCol.CODE]).value == "P01")
    for header, text in TYPED.items():
        projects.cell(row, cols[header], text)
    if digits is not None:
        settings = wb[c.SHEET_SETTINGS]
        found = [r for r in range(2, settings.max_row + 1) if settings.cell(r, 1).value == DIGITS_LABEL]
        at = found[0] if found else settings.max_row + 1
        settings.cell(at, 1, DIGITS_LABEL)
        settings.cell(at, 2, digits)
    path = tmp_path / f"master-{digits}.xlsx"
    wb.save(path)
    return path


def printed(out_dir) -> list[str]:
    """Every paragraph's text of every .docx of a run (not field codes or link targets)."""
    entries = (entry for f in sorted(out_dir.rglob("*.docx")) for entry in docx_entries(f))
    return [text for where, text in entries if not where.endswith(("/field", "/link"))]


def outside_addresses_and_codes(text: str) -> str:
    """What must have Thai digits: the text without web addresses and words holding Latin letters."""
    text = re.sub(r"(?:https?://|www\.)\S+", " ", text)
    return " ".join(word for word in text.split() if not re.search("[A-Za-z]", word))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("digits")
    out = {}
    for digits in (c.DIGITS_THAI, None):
        master = master_with(base, digits)
        out[digits] = base / f"out-{digits}"
        assert main(["run", str(master), "--out", str(out[digits]), "--no-pdf", "-q"]) == 0
    return out


def test_with_thai_digits_no_arabic_digit_is_left_outside_addresses_and_codes(runs):
    texts = printed(runs[c.DIGITS_THAI])
    left = [t for t in texts if re.search("[0-9]", outside_addresses_and_codes(t))]
    assert left == []
    joined = "\n".join(texts)
    assert "พนักงาน ๓๐ คน และผู้บริหาร ๕ คน" in joined and URL in joined  # -- the address as typed --
    assert "จัดอบรม ๒ ครั้ง" in joined and "O36 ช่วง COVID-19" in joined
    assert "๒๐,๐๐๐.๐๐" in joined and "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ๒๕๖๖" in joined  # -- the e-plan table --
    assert any(re.search("[0-9]", outside_addresses_and_codes(t)) for t in printed(runs[None]))


def test_by_default_the_staffs_digits_are_printed_as_typed(runs):
    joined = "\n".join(printed(runs[None]))
    assert "พนักงาน 30 คน และผู้บริหาร 5 คน" in joined and "20,000.00" in joined
    assert "พนักงาน ๓๐ คน" not in joined


def test_an_unknown_choice_is_a_warning_and_prints_as_typed(tmp_path):
    report = validate_workbook(master_with(tmp_path, "ไทย"))
    unknown = [p for p in report.problems if p.code == "digits-setting-unknown"]
    assert report.valid and len(unknown) == 1 and unknown[0].severity == "warning"
    assert "เลขไทย" in unknown[0].message


@pytest.mark.parametrize(
    ("typed", "printed_as"),
    [
        ("พนักงาน 30 คน", "พนักงาน ๓๐ คน"),
        ("1) จัดอบรม", "๑) จัดอบรม"),
        ("งบประมาณ 20,000.50 บาท ปี 2566-2570", "งบประมาณ ๒๐,๐๐๐.๕๐ บาท ปี ๒๕๖๖-๒๕๗๐"),
        ("ดู https://www.x.go.th/a/2566.pdf และ www.y.go.th/1", "ดู https://www.x.go.th/a/2566.pdf และ www.y.go.th/1"),
        ("ตัวชี้วัด O36, ISO9001 และ COVID-19 ข้อ 3", "ตัวชี้วัด O36, ISO9001 และ COVID-19 ข้อ ๓"),
        ("ส่งที่ saraban1@x.go.th ภายใน 7 วัน", "ส่งที่ saraban1@x.go.th ภายใน ๗ วัน"),
    ],
)
def test_thai_digits_in_text(typed, printed_as):
    assert thai_digits_in_text(typed) == printed_as


def test_only_text_nodes_change_never_tags_references_or_links():
    xml = (
        '<w:p><w:pPr><w:ind w:left="1134"/></w:pPr><w:r><w:t xml:space="preserve">ข้อ 1 &#34;A1&#34; 2</w:t></w:r>'
        '<w:hyperlink r:id="rId5"><w:r><w:t>2566/</w:t></w:r></w:hyperlink></w:p>'
    )
    assert thai_digit_xml(xml) == xml.replace("ข้อ 1", "ข้อ ๑").replace("&#34; 2", "&#34; ๒")


def test_a_title_repeating_the_years():
    assert repeats_years("แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. ๒๕๖๖ - ๒๕๗๐)", 2566, 2570)
    assert repeats_years("แผนปฏิบัติการ 2570", 2566, 2570)
    assert not repeats_years("แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส", 2566, 2570)


def test_the_thai_filter_stays_a_filter_in_either_environment():
    for everywhere in (False, True):
        env = make_env(everywhere)
        assert env.filters["thai"](2566) == "๒๕๖๖" and env.thai_digits is everywhere
