"""What staff legitimately type is not a problem: Thai dates, marks from the known set, formulas
with a value Excel computed."""

import shutil
import subprocess
from datetime import date

import pytest

from pipeline import contract as c
from pipeline.validate import validate_workbook
from tests.broken import make_broken, put, setting_row

BUDGET = "งบประมาณ (บาท)"


def _problems_at(report, sheet, cell):
    return [p.code for p in report.problems if p.sheet == sheet and p.cell == cell]


@pytest.mark.parametrize("text", ["30 กันยายน 2565", "30 ก.ย. 65", "๓๐ กันยายน พ.ศ. ๒๕๖๕", date(2022, 9, 30)])
def test_announcement_date_forms_are_understood(text, tmp_path, master_path):
    def mutate(wb):
        wb[c.SHEET_SETTINGS].cell(setting_row(wb, "วันที่ประกาศ"), 2, text)

    path = make_broken(tmp_path, "thai-date", mutate, source=master_path)
    report = validate_workbook(path)
    assert not [p for p in report.problems if p.sheet == c.SHEET_SETTINGS]


@pytest.mark.parametrize("mark", sorted(c.QUARTER_TRUE_MARKS) + [1])
def test_known_quarter_marks(mark, tmp_path, master_path):
    path = make_broken(tmp_path, "mark", lambda wb: put(wb, c.SHEET_YEARLY, 2, "ไตรมาส 1", mark), source=master_path)
    assert _problems_at(validate_workbook(path), c.SHEET_YEARLY, "G2") == []


def test_a_problem_is_reported_once_with_its_value(tmp_path, master_path):
    path = make_broken(tmp_path, "budget", lambda wb: put(wb, c.SHEET_YEARLY, 7, BUDGET, "๒๐,๐๐๐"), source=master_path)
    report = validate_workbook(path)
    [problem] = [p for p in report.problems if p.cell == "F7"]
    assert (problem.code, problem.severity, problem.row, problem.column, problem.value) == (
        "budget-as-text",
        "warning",
        7,
        BUDGET,
        "๒๐,๐๐๐",
    )
    assert problem.message.startswith(f"{c.SHEET_YEARLY}!F7: ") and "20,000" in problem.message


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_formula_with_a_computed_value_is_read(tmp_path, master_path):
    """LibreOffice recalculates and stores the result, as Excel does on save."""
    path = make_broken(
        tmp_path, "formula", lambda wb: put(wb, c.SHEET_YEARLY, 2, BUDGET, "=10000*2"), source=master_path
    )
    out = tmp_path / "recalculated"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    report = validate_workbook(out / path.name)
    assert "formula-no-value" not in report.codes()
    assert _problems_at(report, c.SHEET_YEARLY, "F2") == []
