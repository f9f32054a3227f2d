"""The smaller points of following the guide literally: a project added as the guide describes
validates clean, an older master gets the ITA setting rows, `run --lang en`, the serve address."""

import shutil

from broken import make_broken, put, rows_where
from conftest import MASTER, ROOT
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import main
from pipeline.validate import validate_workbook
from pipeline.web import server
from pipeline.workbook.reader import read_plan

OLD_MASTER = ROOT / "tests" / "fixtures" / "monitoring" / "master-before-monitoring.xlsx"


def test_a_yearly_row_without_name_and_dimension_takes_the_projects(tmp_path):
    def leave_empty(wb):
        put(wb, c.SHEET_YEARLY, 2, c.YearlyCol.NAME, None)
        put(wb, c.SHEET_YEARLY, 2, c.YearlyCol.DIMENSION, None)

    path = make_broken(tmp_path, "row-without-name.xlsx", leave_empty, source=MASTER)
    report = validate_workbook(path)
    assert [p.code for p in report.problems if p.row == 2 and p.sheet == c.SHEET_YEARLY] == []
    plan, original = read_plan(path), read_plan(MASTER)
    assert plan.rows[0].dimension == original.rows[0].dimension is not None
    assert plan.rows[0].name == original.rows[0].name


def test_a_different_dimension_is_still_warned_about(tmp_path):
    path = make_broken(
        tmp_path, "dim.xlsx", lambda wb: put(wb, c.SHEET_YEARLY, 2, c.YearlyCol.DIMENSION, 4), source=MASTER
    )
    assert "row-dimension-differs" in validate_workbook(path).codes()


def test_monitor_init_adds_the_ita_rows_an_older_master_lacks(tmp_path, capsys):
    path = tmp_path / "old.xlsx"
    shutil.copyfile(OLD_MASTER, path)
    assert main(["monitor", "init", str(path), "--year", "2566", "--round", "6"]) == 0
    assert "ตัวชี้วัด ITA" in capsys.readouterr().out
    wb = load_workbook(path)
    labels = [row[0].value for row in wb[c.SHEET_SETTINGS].iter_rows(min_row=2)]
    assert [k.label for k in c.ITA_SETTING_KEYS] == [label for label in labels if label.startswith("ตัวชี้วัด ITA")]
    assert main(["monitor", "init", str(path), "--year", "2566", "--round", "6"]) == 0  # -- never twice --
    assert len(rows_where(load_workbook(path), c.SHEET_SETTINGS, c.SettingsCol.KEY, "ตัวชี้วัด ITA แผน")) == 1


def test_a_missing_ita_row_is_named_with_the_cell_to_add_it(tmp_path, sample_master):
    def drop_ita_rows(wb):
        ws = wb[c.SHEET_SETTINGS]
        for row in sorted(range(2, ws.max_row + 1), reverse=True):
            if str(ws.cell(row, 1).value or "").startswith("ตัวชี้วัด ITA"):
                ws.delete_rows(row)

    path = make_broken(tmp_path, "no-ita.xlsx", drop_ita_rows, source=sample_master)
    missing = [p for p in validate_workbook(path).problems if p.code == "ita-setting-missing"]
    assert missing and all(p.cell.startswith("A") and p.sheet == c.SHEET_SETTINGS for p in missing)
    last = load_workbook(path)[c.SHEET_SETTINGS].max_row
    assert missing[0].cell == f"A{last + 1}"


def test_run_takes_lang_en(tmp_path, capsys):
    assert main(["run", str(tmp_path / "missing.xlsx"), "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("error: file not found")


def test_serve_names_this_machine_for_colleagues():
    assert server._this_machine()
