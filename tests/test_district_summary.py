"""Issue 18's other half: every workbook we write carries its formulas' results without LibreOffice
(pipeline.render.excel.formulas computes them; recalc.store_values stores them), so pandas,
python-calamine and the district roll-up read the totals of a `--no-pdf` run; where LibreOffice
runs, its recalculation agrees."""

import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from pipeline import contract as c
from pipeline.office.soffice import find_soffice
from pipeline.render.excel.formulas import computed_values
from pipeline.render.excel.recalc import recalculate, store_values
from pipeline.render.excel.summary import TOTAL_LABEL
from pipeline.render.excel.writeback import write_back
from pipeline.run.job import run_pipeline
from pipeline.workbook.reader import read_plan

needs_lo = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
# -- the real master's yearly totals: budget and the per-quarter counts (as tests/test_summary.py) --
SEED = {
    2566: (20000, (15, 15, 15, 14)),
    2567: (20000, (15, 15, 14, 15)),
    2568: (0, (15, 15, 15, 15)),
    2569: (40000, (16, 16, 16, 15)),
    2570: (0, (15, 15, 15, 11)),
}


@pytest.fixture(scope="module")
def no_pdf_run(tmp_path_factory, sample_master):
    """`pipeline run --no-pdf` of the real master with the sample 2566 monitoring fill."""
    out = tmp_path_factory.mktemp("run") / "outputs"
    assert run_pipeline(sample_master, out, pdf=False).exit_code == 0
    return out / "summary.xlsx"


def test_a_no_pdf_summary_read_with_pandas_shows_the_yearly_totals(no_pdf_run):
    for year, (budget, quarters) in SEED.items():
        frame = pd.read_excel(no_pdf_run, sheet_name=c.summary_sheet_name(year), engine="calamine", header=None)
        total = frame[frame[1] == TOTAL_LABEL].iloc[0]
        assert total[3] == budget, year
        assert tuple(total[4:8]) == quarters, year


def test_the_overview_and_the_monitoring_tables_have_their_totals_too(no_pdf_run):
    overview = pd.read_excel(no_pdf_run, sheet_name=c.OVERVIEW_SHEET, engine="calamine", header=None)
    totals = overview[overview[0] == TOTAL_LABEL]
    assert list(totals.iloc[0][1:6]) == [35, 20, 11, 10, 76]  # -- projects per มิติ, all years --
    assert list(totals.iloc[1][1:6]) == [0, 0, 80000, 0, 80000]  # -- budget per มิติ --
    monitoring = pd.read_excel(no_pdf_run, sheet_name=c.monitoring_sheet_name(2566), engine="calamine", header=None)
    rounds = monitoring[monitoring[0] == "รวม"]
    # -- tests/monitoring_sample.py: 6 months 5 done of 15, spent 8,000; the year 12 done, spent 18,500 --
    assert list(rounds.iloc[0][1:3]) == [15, 5] and rounds.iloc[0][8] == 8000
    assert list(rounds.iloc[1][1:3]) == [15, 12] and rounds.iloc[1][8] == 18500
    percent = monitoring[monitoring[0] == "ร้อยละของโครงการที่ดำเนินการแล้วเสร็จ"][2].tolist()
    assert percent == [pytest.approx(33.33), pytest.approx(80.0)]


@needs_lo
def test_libreoffice_recalculation_agrees_with_the_stored_results(no_pdf_run, tmp_path):
    copy = tmp_path / "summary.xlsx"
    shutil.copyfile(no_pdf_run, copy)
    assert recalculate([copy])  # -- LibreOffice computes a copy that holds no results of ours --
    ours, theirs = load_workbook(no_pdf_run, data_only=True), load_workbook(copy, data_only=True)
    compared = 0
    for ws in load_workbook(no_pdf_run).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    a, b = ours[ws.title][cell.coordinate].value, theirs[ws.title][cell.coordinate].value
                    assert a is not None and a == pytest.approx(b), (ws.title, cell.coordinate, a, b)
                    compared += 1
    assert compared > 150


@needs_lo
def test_libreoffice_computes_rather_than_keeping_a_stored_result(tmp_path):
    """The check above means something: a wrong stored result is replaced by LibreOffice's."""
    wb = Workbook()
    wb.active["A1"], wb.active["A2"], wb.active["A3"] = 2, 3, "=SUM(A1:A2)"
    path = tmp_path / "wrong.xlsx"
    wb.save(path)
    store_values(path, {"Sheet": {"A3": 99}})
    assert load_workbook(path, data_only=True).active["A3"].value == 99
    recalculate([path])
    assert load_workbook(path, data_only=True).active["A3"].value == 5


def test_write_back_without_libreoffice_stores_the_summary_results(master_path, tmp_path):
    master = tmp_path / "master.xlsx"
    shutil.copyfile(master_path, master)
    result = write_back(master, read_plan(master), recalculate=False)
    assert result.recalculated is False
    frame = pd.read_excel(master, sheet_name=c.summary_sheet_name(2569), engine="calamine", header=None)
    assert frame[frame[1] == TOTAL_LABEL].iloc[0][3] == 40000
    for backup in tmp_path.glob("master.backup-*.xlsx"):
        backup.unlink()


# -- the evaluator itself: the formulas our writers use, as Excel computes them --


def results(cells: dict) -> dict:
    wb = Workbook()
    ws = wb.active
    ws.title = "สรุป 'ก'"
    other = wb.create_sheet("ข้อมูล")
    for ref, value in cells.items():
        sheet, _, a1 = ref.rpartition("!")
        (other if sheet == "ข้อมูล" else ws)[a1] = value
    return computed_values(wb)


def test_criteria_sums_counts_and_rounding():
    got = results(
        {
            "ข้อมูล!A1": 1,
            "ข้อมูล!A2": 2,
            "ข้อมูล!A3": 1,
            "ข้อมูล!B1": 10.5,
            "ข้อมูล!B2": 20,
            "ข้อมูล!B3": "ข้อความ",
            "ข้อมูล!C1": "เสร็จ",
            "ข้อมูล!C2": "เสร็จ",
            "ข้อมูล!C3": "ยัง",
            "A1": "=SUMIFS(ข้อมูล!$B$1:$B$3,ข้อมูล!$A$1:$A$3,1)",
            "A2": '=COUNTIFS(ข้อมูล!A1:A3,1,ข้อมูล!C1:C3,"เสร็จ")',
            "A3": '=COUNTIF(ข้อมูล!C1:C3,"<>เสร็จ")',
            "A4": "=ROUND(2/3*100,2)",
            "A5": "=ROUND(2.675,2)",
            "A6": "=IF(A7=0,0,ROUND(A2/A7*100,2))",
            "A8": '=IF(A4>=50,"เขียว",IF(A4>=20,"ส้ม","แดง"))',
            "A9": "=SUM(ข้อมูล!B1:B3)+-1",
            "A10": "=SUMIFS(ข้อมูล!B1:B1,ข้อมูล!A1:A1,1)",
        }
    )["สรุป 'ก'"]
    assert got["A1"] == 10.5  # -- text in a summed range is skipped --
    assert got["A2"] == 1 and got["A3"] == 1
    assert got["A4"] == 66.67 and got["A5"] == 2.68  # -- half away from zero, on the number as typed --
    assert got["A6"] == 0  # -- the branch dividing by an empty cell is never computed --
    assert got["A8"] == "เขียว"
    assert got["A9"] == 29.5 and got["A10"] == 10.5


def test_a_quoted_sheet_name_and_a_chain_of_formulas():
    wb = Workbook()
    a = wb.active
    a.title = "สรุป 2566"
    b = wb.create_sheet("ภาพรวม")
    a["A1"], a["A2"], a["A3"] = 5, 7, "=SUM(A1:A2)"
    b["A1"] = "='สรุป 2566'!A3*2"
    b["A2"] = "=SUM(A1:A1)"
    assert computed_values(wb) == {"สรุป 2566": {"A3": 12}, "ภาพรวม": {"A1": 24, "A2": 24}}


@pytest.mark.parametrize("formula", ["=VLOOKUP(1,A1:A2,1)", "=A1:A2", '=COUNTIF(A1:A2,"*x")+"x"', "=A1/0"])
def test_a_formula_it_cannot_compute_is_refused_not_guessed(formula):
    wb = Workbook()
    wb.active["A1"], wb.active["A2"], wb.active["B1"] = 1, 2, formula
    with pytest.raises(ValueError):
        computed_values(wb)


def test_the_summary_stores_exactly_what_the_evaluator_computes(tmp_path, master_path):
    from pipeline.render.excel.summary import write_summary

    path = write_summary(read_plan(master_path), tmp_path / "summary.xlsx")
    stored = load_workbook(path, data_only=True)
    computed = computed_values(load_workbook(path))
    assert computed and all(
        stored[sheet][ref].value == value for sheet, cells in computed.items() for ref, value in cells.items()
    )
    assert Path(path).is_file()
