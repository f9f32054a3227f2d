"""Amendments (issue 20): recorded with `pipeline amend` and marks in แผนรายปี, checked by
validation, printed as the amendment's ประกาศ with its comparison table; the yearly tables and
summary.xlsx follow the amended plan while the plan's own ประกาศ stays as announced."""

import shutil
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import main
from pipeline.lifecycle import changes as ch
from pipeline.render.excel.summary import TOTAL_LABEL
from pipeline.render.word.amendment import NO_DATE, amendment_context
from pipeline.validate import validate_workbook
from pipeline.workbook.reader import read_plan
from tests.amendment_sample import ADDED, CANCELLED, RAISED, YEAR, columns, make_amended_master, row_of
from tests.broken import digest
from tests.conftest import MASTER

AMENDMENT_DOC = "ประกาศแก้ไขแผน ครั้งที่ 1.docx"
Y, A = c.YearlyCol, c.AmendmentCol


@pytest.fixture(scope="module")
def amended(tmp_path_factory):
    return make_amended_master(tmp_path_factory.mktemp("amended") / "master.xlsx")


@pytest.fixture(scope="module")
def outputs(amended, tmp_path_factory):
    """(the amended master's outputs, the unamended master's), each from one `pipeline run --no-pdf`."""
    base = tmp_path_factory.mktemp("runs")
    assert main(["run", str(amended), "--out", str(base / "amended"), "--no-pdf", "-q"]) == 0
    assert main(["run", str(MASTER), "--out", str(base / "original"), "--no-pdf", "-q"]) == 0
    return base / "amended", base / "original"


def texts(path) -> list[str]:
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs]


def table_rows(path, index: int = 0) -> list[list[str]]:
    table = Document(str(path)).tables[index]
    return [[cell.text for cell in row.cells] for row in table.rows]


# -- what the clerk's master says --


def test_the_amended_master_validates_and_reads_as_the_amended_plan(amended):
    report = validate_workbook(amended)
    assert report.errors == [] and report.codes() == ["project-twice-in-year"]  # -- the real plan's own --
    plan = read_plan(amended)
    assert [(a.number, a.reason != "") for a in plan.amendments] == [(1, True)]
    rows = plan.rows_for(YEAR)
    codes = [r.project_code for r in rows]
    assert len(rows) == 15 and ADDED[0] in codes and CANCELLED not in codes
    assert [r.order for r in rows] == list(range(1, 16))  # -- printed without the cancelled row's gap --
    assert next(r.budget for r in rows if r.project_code == RAISED[0]) == RAISED[1]
    assert sorted(r.project_code for r in plan.cancelled_rows) == sorted([RAISED[0], CANCELLED])


def test_changes_pairs_the_raised_row_and_keeps_the_plan_as_announced(amended):
    plan = read_plan(amended)
    found = ch.changes(plan, 1)
    assert [(x.kind, (x.old or x.new).project_code) for x in found] == [
        (ch.CHANGED, RAISED[0]),
        (ch.CANCELLED, CANCELLED),
        (ch.ADDED, ADDED[0]),
    ]
    changed = found[0]
    assert (changed.old.budget, changed.new.budget) == (Decimal(0), RAISED[1])
    announced = read_plan(MASTER)
    assert [(r.project_code, r.budget) for r in ch.state(plan, 0, YEAR)] == [
        (r.project_code, r.budget) for r in announced.rows_for(YEAR)
    ]
    assert ch.heading_word(found) == "เพิ่มเติม/เปลี่ยนแปลง"


# -- what `pipeline run` prints --


def test_the_amendment_announcement_names_exactly_the_three_changes(outputs):
    amended_out, _ = outputs
    doc = amended_out / AMENDMENT_DOC
    body = texts(doc)
    assert "ประกาศองค์การบริหารส่วนตำบลโคกสำโรง" in body
    assert "(พ.ศ. ๒๕๖๖ - ๒๕๗๐) เพิ่มเติม/เปลี่ยนแปลง ครั้งที่ ๑" in body
    prose = " ".join(body)
    assert "เมื่อวันที่ ๓๐ กันยายน พ.ศ. ๒๕๖๕" in prose  # -- the plan's own ประกาศ --
    assert "เพิ่มเติม ๑ โครงการ เปลี่ยนแปลง ๑ โครงการ และยกเลิก ๑ โครงการ" in prose
    assert "ประกาศ ณ วันที่ ๑๔ มีนาคม พ.ศ. ๒๕๖๘" in body
    assert "นายกองค์การบริหารส่วนตำบลโคกสำโรง" in body
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๘" in body
    assert "รวมปี ๒๕๖๘ จำนวน ๑๕ รายการ งบประมาณ ๔๕,๐๐๐ บาท (เดิม ๑๕ รายการ งบประมาณ ๐ บาท)" in body
    rows = table_rows(doc)[2:]  # -- below the two header rows --
    names = {p.code: p.name for p in read_plan(MASTER).projects} | {ADDED[0]: ADDED[2]}
    assert [r[:6] for r in rows] == [
        ["๑", "เปลี่ยนแปลง", "เดิม", names[RAISED[0]], "๒", "-"],
        ["", "", "ใหม่", names[RAISED[0]], "๒", "๑๕,๐๐๐"],
        ["๒", "ยกเลิก", "เดิม", names[CANCELLED], "๔", "-"],
        ["๓", "เพิ่มเติม", "ใหม่", ADDED[2], "๑", "๓๐,๐๐๐"],
    ]
    assert rows[3][6:] == ["", c.QUARTER_OUTPUT_MARK, c.QUARTER_OUTPUT_MARK, ""]


def test_the_yearly_table_and_summary_agree_with_the_amended_plan(outputs, amended):
    amended_out, _ = outputs
    plan = read_plan(amended)
    table = table_rows(amended_out / str(YEAR) / f"ตาราง {YEAR}.docx")
    data = [r for r in table[3:] if r[0] != "รวมทั้งสิ้น"]
    expected = [(str(r.order), r.name, f"{r.budget:,.2f}") for r in plan.rows_for(YEAR)]
    assert [(r[0], r[1], r[3]) for r in data] == expected
    notes = {r[1]: r[8] for r in data}
    assert notes[ADDED[2]] == "เพิ่มเติม ครั้งที่ 1"
    assert notes[plan.project(RAISED[0]).name] == "เปลี่ยนแปลง ครั้งที่ 1"
    assert sum(1 for note in notes.values() if note) == 2
    assert next(r for r in table if r[0] == "รวมทั้งสิ้น")[3] == "45,000.00"

    ws = load_workbook(amended_out / "summary.xlsx")[c.summary_sheet_name(YEAR)]
    listed = [(row[1].value, row[3].value) for row in ws.iter_rows() if isinstance(row[0].value, int)]
    assert listed == [(r.name, r.budget) for r in plan.rows_for(YEAR)]
    total = next(row for row in ws.iter_rows() if row[1].value == TOTAL_LABEL)
    assert total[3].value.startswith("=SUM(")
    assert sum(Decimal(str(b)) for _, b in listed) == Decimal(45000)


def test_the_plans_own_announcement_is_unchanged(outputs):
    amended_out, original_out = outputs
    assert texts(amended_out / "ประกาศ.docx") == texts(original_out / "ประกาศ.docx")
    assert not (original_out / AMENDMENT_DOC).exists()  # -- a plan never amended has none --


def test_the_new_project_gets_its_sheet_and_the_cancelled_one_none_in_that_year(outputs):
    amended_out, _ = outputs
    seq = read_plan(MASTER).project(CANCELLED).seq
    names = [p.name for p in (amended_out / str(YEAR)).glob("ลำดับที่ *.docx")]
    assert any(name.startswith(f"ลำดับที่ {ADDED[1]:02d} ") for name in names)
    assert not any(name.startswith(f"ลำดับที่ {seq:02d} ") for name in names)  # -- cancelled in 2568 --
    assert any(name.startswith(f"ลำดับที่ {seq:02d} ") for name in (p.name for p in (amended_out / "2569").glob("*")))


# -- the command --


def test_amend_adds_the_sheet_and_columns_once_and_numbers_on(tmp_path, capsys):
    path = tmp_path / "master.xlsx"
    shutil.copyfile(MASTER, path)
    assert main(["amend", str(path), "--date", "15/3/2568", "--reason", "=เหตุผลที่พิมพ์"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"บันทึกการแก้ไขแผนครั้งที่ 1 ใน {path} (เพิ่มแผ่นงาน การแก้ไขแผน และคอลัมน์")
    wb = load_workbook(path)
    ws = wb[c.SHEET_AMENDMENTS]
    assert [cell.value for cell in ws[1]] == list(c.AMENDMENT_HEADERS)
    assert ws["A2"].value == 1 and ws["B2"].value.date().isoformat() == "2025-03-15"
    assert ws["C2"].value == "=เหตุผลที่พิมพ์" and ws["C2"].data_type == "s"  # -- text, never a formula --
    yearly = columns(wb[c.SHEET_YEARLY])
    assert {Y.ADDED_IN, Y.CANCELLED_IN} <= set(yearly) and Y.MISSION not in yearly
    assert [p.code for p in validate_workbook(path).problems if p.code.startswith("amendment-")] == [
        "amendment-no-changes"
    ]
    assert main(["amend", str(path), "--json"]) == 0
    assert '"number": 2' in capsys.readouterr().out
    assert [cell.value for cell in load_workbook(path)[c.SHEET_YEARLY][1]].count(Y.ADDED_IN) == 1
    assert len(list(tmp_path.glob("master.backup-*.xlsx"))) == 2


def test_amend_refuses_a_master_with_errors_and_leaves_it(tmp_path, capsys):
    path = tmp_path / "master.xlsx"
    wb = load_workbook(MASTER)
    wb[c.SHEET_YEARLY]["F2"] = "สองหมื่น"
    wb.save(path)
    before = digest(path)
    assert main(["amend", str(path)]) == 1
    assert "จึงยังไม่บันทึกการแก้ไขแผน" in capsys.readouterr().err
    assert digest(path) == before and not list(tmp_path.glob("*.backup-*"))


def test_amend_reads_a_thai_date_and_refuses_an_unreadable_one(tmp_path, capsys):
    path = tmp_path / "master.xlsx"
    shutil.copyfile(MASTER, path)
    assert main(["amend", str(path), "--date", "31 ก.พ. 68"]) == 2
    assert capsys.readouterr().err.startswith("ผิดพลาด: อ่านวันที่ '31 ก.พ. 68' ไม่ได้")
    assert main(["amend", str(path), "--date", "14 มีนาคม 2568"]) == 0
    assert read_plan(path).amendments[0].announce_date.isoformat() == "2025-03-14"


# -- validation --


def _mutated(tmp_path, amended, name, mutate):
    path = tmp_path / f"{name}.xlsx"
    wb = load_workbook(amended)
    mutate(wb)
    wb.save(path)
    return validate_workbook(path)


def _amendments(wb):
    return wb[c.SHEET_AMENDMENTS]


def _add_amendment(number, day=None, reason="เหตุผล"):
    def mutate(wb):
        ws = _amendments(wb)
        ws.append([number, day, reason])

    return mutate


def _codes(report, prefix="amendment-"):
    return [(p.code, p.severity, p.cell) for p in report.problems if p.code.startswith(prefix)]


def test_an_amendment_without_a_number_is_an_error_without_a_date_a_warning(tmp_path, amended):
    def mutate(wb):
        _amendments(wb)["A2"] = None
        _amendments(wb)["B2"] = None

    report = _mutated(tmp_path, amended, "no-number", mutate)
    found = _codes(report)
    assert ("amendment-number-missing", "error", "A2") in found
    assert ("amendment-date-missing", "warning", "B2") in found  # -- a draft: the ประกาศ leaves a line --
    # -- the marks now name an amendment nobody recorded: a warning on each marked cell --
    assert [f for f in found if f[0] == "amendment-unrecorded"] and all(
        f[1] == "warning" for f in found if f[0] == "amendment-unrecorded"
    )


def test_a_number_that_skips_is_an_error(tmp_path, amended):
    report = _mutated(tmp_path, amended, "skips", _add_amendment(3, "20 เมษายน 2568"))
    assert ("amendment-number-gap", "error", "A3") in _codes(report)
    problem = next(p for p in report.problems if p.code == "amendment-number-gap")
    assert "ข้ามเลข 2" in problem.message


def test_a_change_with_no_amendment_recorded_is_a_warning(tmp_path, amended):
    def mutate(wb):
        ws = wb[c.SHEET_YEARLY]
        cols = columns(ws)
        ws.cell(row_of(ws, cols, 2569, "P01"), cols[Y.CANCELLED_IN], 2)

    report = _mutated(tmp_path, amended, "unrecorded", mutate)
    assert report.valid
    unrecorded = [p for p in report.problems if p.code == "amendment-unrecorded"]
    assert len(unrecorded) == 1 and unrecorded[0].severity == "warning"
    assert "ยกเลิกด้วยการแก้ไขแผนครั้งที่ 2 ซึ่งยังไม่ได้บันทึก" in unrecorded[0].message


def test_bad_marks_dates_and_an_empty_amendment(tmp_path, amended):
    def mutate(wb):
        ws = wb[c.SHEET_YEARLY]
        cols = columns(ws)
        ws.cell(row_of(ws, cols, 2566, "P01"), cols[Y.ADDED_IN], "หนึ่ง")
        row = row_of(ws, cols, 2566, "P02")
        ws.cell(row, cols[Y.ADDED_IN], 1)
        ws.cell(row, cols[Y.CANCELLED_IN], 1)
        _amendments(wb)["B2"] = "1 มกราคม 2565"  # -- before the plan was announced (30 ก.ย. 2565) --
        _add_amendment(2, "1 ตุลาคม 2567", "")(wb)

    found = _codes(_mutated(tmp_path, amended, "bad", mutate))
    codes = [code for code, _, _ in found]
    assert "amendment-mark-invalid" in codes
    assert "amendment-cancel-before-add" in codes
    assert ("amendment-date-early", "error", "B2") in found
    assert ("amendment-no-changes", "warning", "A3") in found
    assert ("amendment-reason-empty", "warning", "C3") in found


def test_a_master_never_amended_has_nothing_to_say(master_path):
    assert _codes(validate_workbook(master_path)) == []
    assert read_plan(master_path).amendments == [] and read_plan(master_path).cancelled_rows == []


def test_monitoring_rows_of_a_cancelled_project_stay_valid(tmp_path, amended):
    """Reported on in the 6-month round, cancelled after: its row is no error; the round asks for the
    projects of the plan as amended."""

    def mutate(wb):
        ws = wb[c.SHEET_MONITORING]
        for code in (CANCELLED, "P16", "P99"):
            ws.append([YEAR, 6, code, None, 0, None, None, c.STATUS_DONE, None, "ดำเนินการแล้ว"])

    report = _mutated(tmp_path, amended, "monitoring", mutate)
    wrong_year = [
        p.value for p in report.problems if p.code in ("monitoring-project-not-in-year", "monitoring-project-unknown")
    ]
    assert wrong_year == ["P99"]
    # -- the round has rows, so the other projects of 2568 as amended are asked for: 15 less P16 --
    assert sum(p.code == "monitoring-project-missing" for p in report.problems) == 14


def test_an_undated_amendment_leaves_a_line_for_the_date(amended):
    plan = read_plan(amended)
    plan.amendments[0].announce_date = None
    context = amendment_context(plan, plan.amendments[0], ch.changes(plan, 1))
    assert context["announce_date"] == NO_DATE and context["signer"] == plan.settings.signer
