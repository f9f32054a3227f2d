"""Monitoring (issue 13): the contract additions, `pipeline monitor init`, the aggregates.

The sample fill (tests/monitoring_sample.py) goes into a copy of the real master; the committed
master is never changed. Outputs of `pipeline run` are read back in test_monitoring_outputs.py.
"""

import shutil
import stat
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import main
from pipeline.model import flag
from pipeline.monitor.aggregate import summarise
from pipeline.monitor.init import init_round
from pipeline.monitor.reader import read_progress
from pipeline.validate import validate_workbook
from pipeline.workbook.reader import read_plan
from tests.broken import digest, monitoring_row, rezip
from tests.conftest import ROOT
from tests.monitoring_sample import EXPECTED

OLD_MASTER = ROOT / "tests" / "fixtures" / "monitoring" / "master-before-monitoring.xlsx"
H = c.MONITORING_HEADERS


def copy(source, tmp_path, name="master.xlsx"):
    path = tmp_path / name
    shutil.copyfile(source, path)
    return path


def cell(ws, row, header):
    return ws.cell(row, H.index(header) + 1)


# -- the contract --


def test_new_master_has_the_sheet_with_dropdowns_and_empty_ita_settings(master_path):
    wb = load_workbook(master_path)
    ws = wb[c.SHEET_MONITORING]
    assert wb.sheetnames == list(c.CONTRACT_SHEETS)
    assert tuple(x.value for x in ws[1]) == H and ws.max_row == 1
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists["H2"] == '"' + ",".join(c.STATUSES) + '"'
    assert lists["I2"] == '"' + ",".join(c.REASONS) + '"'
    assert lists["B2"] == '"6,12"'
    settings = {r[0].value: r[1].value for r in wb[c.SHEET_SETTINGS].iter_rows(min_row=2)}
    # -- the plan book has no ITA codes, and the master is exactly its import: left for staff --
    assert [settings[k.label] for k in c.ITA_SETTING_KEYS] == [None, None, None]


def test_master_made_before_monitoring_stays_valid(tmp_path, capsys):
    assert c.SHEET_MONITORING not in load_workbook(OLD_MASTER).sheetnames
    report = validate_workbook(OLD_MASTER)
    assert report.valid
    assert report.codes() == ["project-twice-in-year"]  # the same single warning as before
    assert read_progress(OLD_MASTER) == []
    out = tmp_path / "out"
    assert main(["run", str(OLD_MASTER), "--out", str(out), "--no-pdf", "--year", "2566", "-q"]) == 0
    assert not list(out.rglob("รายงาน*")) and not (out / c.PUBLISH_FOLDER).exists()
    assert not [n for n in load_workbook(out / "summary.xlsx").sheetnames if n.startswith(c.MONITORING_SHEET_PREFIX)]


# -- pipeline monitor init --


def test_init_adds_every_project_of_the_year_once_with_name_and_planned_budget(master_path, tmp_path, capsys):
    master = copy(master_path, tmp_path)
    before = master.read_bytes()
    assert main(["monitor", "init", str(master), "--year", "2569", "--round", "12"]) == 0
    assert "เพิ่มแถวผลการดำเนินงาน ปี 2569 ประจำปี 15 โครงการ" in capsys.readouterr().out
    backups = list(tmp_path.glob("master.backup-*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == before
    plan = read_plan(master)
    rows = read_progress(master)
    assert sorted(r.code for r in rows) == sorted({r.project_code for r in plan.rows_for(2569)})
    forum = next(r for r in rows if r.code == "P08")  # listed twice in 2569: one row, both budgets
    assert forum.planned == sum(r.budget for r in plan.rows_for(2569) if r.project_code == "P08")
    assert forum.name == plan.project("P08").name and forum.round == 12 and forum.year == 2569
    assert validate_workbook(master).valid


def test_init_never_overwrites_a_typed_cell_and_fills_only_blanks(master_path, tmp_path):
    master = copy(master_path, tmp_path)
    init_round(master, 2566, 6)
    wb = load_workbook(master)
    ws = wb[c.SHEET_MONITORING]
    row = monitoring_row(wb, 6, "P08")
    cell(ws, row, "สถานะ").value = c.STATUS_DONE
    cell(ws, row, "ชื่อโครงการ").value = "ชื่อที่เจ้าหน้าที่พิมพ์เอง"
    cell(ws, row, "งบประมาณตามแผน (บาท)").value = None
    wb.save(master)
    result = init_round(master, 2566, 6)
    assert result.added == [] and result.filled == 1 and result.backup is not None
    ws = load_workbook(master)[c.SHEET_MONITORING]
    assert ws.max_row == 16
    assert cell(ws, row, "สถานะ").value == c.STATUS_DONE
    assert cell(ws, row, "ชื่อโครงการ").value == "ชื่อที่เจ้าหน้าที่พิมพ์เอง"
    assert cell(ws, row, "งบประมาณตามแผน (บาท)").value == 20000
    unchanged = digest(master)
    assert init_round(master, 2566, 6).backup is None and digest(master) == unchanged  # nothing to do


def test_init_gives_an_old_master_the_sheet(tmp_path):
    master = copy(OLD_MASTER, tmp_path)
    result = init_round(master, 2566, 12)
    assert len(result.added) == 15
    wb = load_workbook(master)
    assert wb.sheetnames[-1] == c.SHEET_MONITORING
    assert any(dv.formula1.startswith('"ยังไม่') for dv in wb[c.SHEET_MONITORING].data_validations.dataValidation)


@pytest.mark.parametrize("lock", ["~$master.xlsx", ".~lock.master.xlsx#"])
def test_init_refuses_an_open_master_and_leaves_it_intact(master_path, tmp_path, lock, capsys):
    master = copy(master_path, tmp_path)
    (tmp_path / lock).write_text("owner", encoding="utf-8")
    before = digest(master)
    assert main(["monitor", "init", str(master), "--year", "2566", "--round", "6"]) == 3
    assert "กำลังเปิดอยู่" in capsys.readouterr().err
    assert digest(master) == before and not list(tmp_path.glob("*.backup-*"))


def test_init_refuses_a_read_only_master(master_path, tmp_path, capsys):
    master = copy(master_path, tmp_path)
    master.chmod(stat.S_IREAD)
    try:
        assert main(["monitor", "init", str(master), "--year", "2566", "--round", "6"]) == 3
        assert "อ่านอย่างเดียว" in capsys.readouterr().err
    finally:
        master.chmod(stat.S_IREAD | stat.S_IWRITE)


def test_init_refuses_when_openpyxl_would_drop_a_picture(master_path, tmp_path, capsys):
    master = rezip(tmp_path, "master.xlsx", master_path, add={"xl/media/image1.png": b"\x89PNG\r\n\x1a\n"})
    before = digest(master)
    assert main(["monitor", "init", str(master), "--year", "2566", "--round", "6"]) == 3
    err = capsys.readouterr().err
    assert "รูปภาพ" in err and "ไม่ถูกแก้ไข" in err and "Traceback" not in err
    assert digest(master) == before


def test_init_refuses_a_year_without_projects_and_a_plan_with_errors(master_path, tmp_path, capsys):
    master = copy(master_path, tmp_path)
    assert main(["monitor", "init", str(master), "--year", "2575", "--round", "6"]) == 1
    assert "ปี 2575 ไม่มีโครงการ" in capsys.readouterr().err
    wb = load_workbook(master)
    wb[c.SHEET_YEARLY]["F2"] = "ยี่สิบ"  # budget-not-a-number: an error in the plan itself
    wb.save(master)
    before = digest(master)
    assert main(["monitor", "init", str(master), "--year", "2566", "--round", "6"]) == 1
    assert "ข้อผิดพลาด 1 รายการ" in capsys.readouterr().err
    assert digest(master) == before


# -- the sample and what it adds up to --


def test_the_sample_fill_is_clean(sample_master):
    report = validate_workbook(sample_master)
    assert report.codes() == ["project-twice-in-year"]


@pytest.mark.parametrize("round_", [6, 12])
def test_summary_numbers_agree_with_the_rows(sample_master, round_):
    plan, rows = read_plan(sample_master), read_progress(sample_master)
    s = summarise(plan, rows, 2566, round_)
    mine = [r for r in rows if r.round == round_]
    expected = EXPECTED[round_]
    assert s.total.projects == len(mine) == expected["projects"]
    for attr, status in (
        ("done", c.STATUS_DONE),
        ("in_progress", c.STATUS_IN_PROGRESS),
        ("not_started", c.STATUS_NOT_STARTED),
        ("failed", c.STATUS_FAILED),
    ):
        assert getattr(s.total, attr) == sum(r.status == status for r in mine) == expected[attr]
        assert sum(getattr(line, attr) for line in s.lines) == getattr(s.total, attr)
    assert s.total.spent == sum(r.spent or 0 for r in mine) == expected["spent"]
    assert s.total.approved == Decimal(20000)
    assert sorted(p.code for p, _ in s.projects) == sorted(r.code for r in mine)


def test_percent_and_flag(sample_master):
    plan, rows = read_plan(sample_master), read_progress(sample_master)
    annual, half = summarise(plan, rows, 2566, 12), summarise(plan, rows, 2566, 6)
    assert (annual.percent_done, annual.flag) == (Decimal("80.00"), "green")  # 12 / 15
    assert (half.percent_done, half.percent_started, half.flag) == (Decimal("33.33"), Decimal("86.67"), "orange")


@pytest.mark.parametrize(
    "round_, percent, colour",
    [
        (6, 50, "green"),
        (6, 49.99, "orange"),
        (6, 20, "orange"),
        (6, 19.99, "red"),
        (12, 80, "green"),
        (12, 79.99, "orange"),
        (12, 50, "orange"),
        (12, 49.99, "red"),
    ],
)
def test_flag_thresholds(round_, percent, colour):
    assert flag(round_, percent) == colour


def test_init_writes_by_header_when_staff_inserted_a_column(master_path, tmp_path):
    master = copy(master_path, tmp_path)
    wb = load_workbook(master)
    wb[c.SHEET_MONITORING].insert_cols(1)
    wb[c.SHEET_MONITORING]["A1"] = "หมายเหตุของฉัน"
    wb.save(master)
    init_round(master, 2566, 6)
    ws = load_workbook(master)[c.SHEET_MONITORING]
    assert ws["A2"].value is None and ws["B2"].value == 2566 and ws["C2"].value == 6
    assert [r.code for r in read_progress(master)][:1] == [ws["D2"].value]


def test_init_refuses_a_monitoring_sheet_with_a_renamed_header(master_path, tmp_path, capsys):
    master = copy(master_path, tmp_path)
    wb = load_workbook(master)
    wb[c.SHEET_MONITORING]["C1"] = "รหัส"
    wb.save(master)
    before = digest(master)
    assert main(["monitor", "init", str(master), "--year", "2566", "--round", "6"]) == 1
    assert "ผลการดำเนินงาน!C1" in capsys.readouterr().err
    assert digest(master) == before
