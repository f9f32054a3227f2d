"""`pipeline init` with a plan in it (issue 20): a new organisation's master that validates once a
project is added, for each kind of organisation; the next plan from the real master, which stays
byte for byte as it was."""

import json

import pytest
from docx import Document
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import main
from pipeline.validate import validate_workbook
from pipeline.workbook.new_plan import DIMENSIONS, PLACEHOLDERS, organisation
from pipeline.workbook.reader import read_plan
from tests.broken import digest
from tests.conftest import MASTER

YEARS = range(2571, 2576)
KINDS = [  # (typed, the organisation's full name, the signer's title)
    ("เทศบาลตำบลบ้านใหม่", "เทศบาลตำบลบ้านใหม่", "นายกเทศมนตรีตำบลบ้านใหม่"),
    ("อบต.หนองบัว", "องค์การบริหารส่วนตำบลหนองบัว", "นายกองค์การบริหารส่วนตำบลหนองบัว"),
    ("องค์การบริหารส่วนจังหวัดนครราชสีมา", "องค์การบริหารส่วนจังหวัดนครราชสีมา", "นายกองค์การบริหารส่วนจังหวัดนครราชสีมา"),
]


def add_one_project(path):
    """One project with its details and a row in each plan year, typed as a clerk would."""
    wb = load_workbook(path)
    P = c.ProjectCol
    values = {
        P.CODE: "P01",
        P.SEQ: 1,
        P.NAME: "โครงการส่งเสริมคุณธรรมและจริยธรรม",
        P.DIMENSION: 1,
        P.RATIONALE: "เพื่อเสริมสร้างวัฒนธรรมสุจริตในองค์กร",
        P.OBJECTIVES: "เพื่อส่งเสริมคุณธรรม",
        P.TARGET_GROUP: "บุคลากร จำนวน 40 คน",
        P.METHOD: "จัดอบรม",
        P.RESPONSIBLE: "สำนักปลัด",
        P.OUTPUTS: "บุคลากรเข้าร่วม",
        P.OUTCOMES: "บุคลากรมีคุณธรรม",
    }
    wb[c.SHEET_PROJECTS].append([values[h] for h in c.PROJECT_HEADERS])
    for year in YEARS:
        wb[c.SHEET_YEARLY].append([year, 1, "P01", values[P.NAME], 1, 10000, "✓", "✓", None, None, None])
    wb.save(path)


@pytest.mark.parametrize(("typed", "name", "title"), KINDS)
def test_a_new_organisation_validates_once_a_project_is_added_and_runs(typed, name, title, tmp_path, capsys):
    path = tmp_path / "ใหม่.xlsx"
    assert main(["init", str(path), "--org", typed, "--years", "2571-2575", "--signer", "นายสมชาย ใจดี"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == [f"สร้างสมุดงานหลัก: {path}", f"{name}: ผู้ลงนาม นายสมชาย ใจดี ตำแหน่ง {title}"]
    plan = read_plan(path)
    assert plan.dimensions == list(DIMENSIONS)
    assert (plan.settings.start_year, plan.settings.end_year) == (2571, 2575)
    assert plan.settings.announce_date.isoformat() == "2027-09-30"  # ๓๐ กันยายน ๒๕๗๐
    assert name in plan.settings.announcement_body[1] and "พ.ศ. ๒๕๗๑ - ๒๕๗๕" in plan.settings.announcement_body[1]
    assert name in plan.settings.preface[0]
    assert {p.code for p in validate_workbook(path).errors} == {"sheet-empty"}

    add_one_project(path)
    assert main(["validate", str(path)]) == 0
    report = validate_workbook(path)
    assert [p.code for p in report.problems] == ["setting-placeholder"]  # -- the reporter's name, a warning --
    assert PLACEHOLDERS["reporter"][0] in report.problems[0].message

    out_dir = tmp_path / "out"
    assert main(["run", str(path), "--out", str(out_dir), "--no-pdf", "-q"]) == 0
    paragraphs = [p.text for p in Document(str(out_dir / "ประกาศ.docx")).paragraphs]
    assert f"ประกาศ{name}" in paragraphs
    assert "(นายสมชาย ใจดี)" in paragraphs and title in paragraphs
    assert "ประกาศ ณ วันที่ ๓๐ กันยายน พ.ศ. ๒๕๗๐" in paragraphs
    assert len(list((out_dir / "2573").glob("ลำดับที่ 01 *.docx"))) == 1


def test_without_a_signer_a_placeholder_stands_and_is_warned_about(tmp_path, capsys):
    path = tmp_path / "m.xlsx"
    assert main(["init", str(path), "--org", "ทต.บ้านใหม่", "--years", "๒๕๗๑–๒๕๗๕", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["organisation"] == "เทศบาลตำบลบ้านใหม่" and result["years"] == [2571, 2575]
    assert result["todo"] == ["setting-placeholder", "rows-empty"]
    add_one_project(path)
    placeholders = [p for p in validate_workbook(path).problems if p.code == "setting-placeholder"]
    assert [p.cell for p in placeholders] == ["B6", "B9"] and all(p.severity == "warning" for p in placeholders)


def test_a_title_with_the_years_is_warned_about(tmp_path, capsys):
    path = tmp_path / "m.xlsx"
    title = "แผนปฏิบัติการป้องกันการทุจริต 2571 - 2575"
    assert main(["init", str(path), "--org", "อบต.หนองบัว", "--years", "2571-2575", "--title", title]) == 0
    assert "มีปีของแผนอยู่แล้ว" in capsys.readouterr().out
    problems = [p for p in validate_workbook(path).problems if p.code == "plan-title-years"]
    assert len(problems) == 1 and problems[0].severity == "warning" and problems[0].value == title


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--org", "บริษัทบ้านใหม่", "--years", "2571-2575"], "ผิดพลาด: ไม่รู้จักประเภทของหน่วยงาน 'บริษัทบ้านใหม่'"),
        (["--org", "เทศบาลตำบลบ้านใหม่", "--years", "2575-2571"], "ผิดพลาด: ปีของแผน '2575-2571' ไม่ถูกต้อง"),
        (["--org", "เทศบาลตำบลบ้านใหม่"], "ผิดพลาด: ระบุปีของแผนด้วย --years เช่น --years 2571-2575"),
        (["--signer", "นายสมชาย ใจดี"], "ผิดพลาด: --signer ใช้คู่กับ --org หรือ --from เท่านั้น"),
    ],
)
def test_what_cannot_be_done_as_typed_is_a_usage_error_and_writes_nothing(argv, message, tmp_path, capsys):
    path = tmp_path / "m.xlsx"
    assert main(["init", str(path), *argv]) == 2
    assert capsys.readouterr().err.splitlines()[0] == message
    assert not path.exists()


def test_organisation_kinds():
    assert organisation("อบจ. นครราชสีมา").signer_position == "นายกองค์การบริหารส่วนจังหวัดนครราชสีมา"
    assert organisation("เทศบาลเมืองบ้านไผ่").signer_position == "นายกเทศมนตรีเมืองบ้านไผ่"
    assert organisation("เทศบาลนครขอนแก่น").signer_position == "นายกเทศมนตรีนครขอนแก่น"
    assert organisation("เมืองพัทยา").signer_position == "นายกเมืองพัทยา"


# -- the next plan --


def test_init_from_the_real_master_carries_the_projects_and_leaves_it_as_it_was(tmp_path, capsys):
    before = digest(MASTER)
    path = tmp_path / "แผน 2571-2575.xlsx"
    assert main(["init", str(path), "--from", str(MASTER), "--years", "2571-2575"]) == 0
    assert digest(MASTER) == before
    assert capsys.readouterr().out.startswith(f"สร้างแผนถัดไป: {path} จาก {MASTER}")
    old, new = read_plan(MASTER), read_plan(path)
    assert len(new.projects) == 15 and new.projects == old.projects  # -- every text kept --
    assert new.settings.years == list(YEARS)
    last = [(r.order, r.project_code, r.budget, r.quarters) for r in old.rows_for(2570)]
    for year in YEARS:
        assert [(r.order, r.project_code, r.budget, r.quarters) for r in new.rows_for(year)] == last
    assert {r.year for r in new.rows} == set(YEARS)
    wb = load_workbook(path)
    assert wb[c.SHEET_MONITORING].max_row == 1  # -- headers only: no monitoring rows --
    assert new.settings.announce_date is None and new.settings.data_as_of is None
    assert new.settings.organisation == old.settings.organisation and new.settings.signer == old.settings.signer
    assert "(พ.ศ. ๒๕๗๑ - ๒๕๗๕)" in new.settings.announcement_body[0]
    assert "๒๕๖๖" not in " ".join(new.settings.announcement_body)
    assert "พุทธศักราช ๒๕๖๐" in new.settings.announcement_body[0]  # -- not the plan's years: kept --
    assert {p.code for p in validate_workbook(path).errors} == {"setting-empty"}  # -- the two dates --


def test_init_from_with_empty_years_and_default_years(tmp_path):
    path = tmp_path / "next.xlsx"
    assert main(["init", str(path), "--from", str(MASTER), "--empty-years"]) == 0
    plan = read_plan(path)
    assert plan.settings.years == list(YEARS) and plan.rows == [] and len(plan.projects) == 15


def test_init_from_never_writes_over_the_current_master(tmp_path, capsys):
    path = tmp_path / "master.xlsx"
    path.write_bytes(MASTER.read_bytes())
    before = digest(path)
    assert main(["init", str(path), "--from", str(path), "--force"]) == 3
    assert "แผนปัจจุบัน" in capsys.readouterr().err
    assert digest(path) == before
