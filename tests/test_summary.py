"""The summary workbook: formulas as written, totals after LibreOffice recalculates, layout."""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.errors import OutputBlocked
from pipeline.office.soffice import find_soffice
from pipeline.render.excel.recalc import recalculate
from pipeline.render.excel.summary import SUMMARY_MARK, TOTAL_LABEL, write_summary
from pipeline.workbook.reader import read_plan
from pipeline.workbook.writer import save_workbook
from tests.conftest import make_small_plan

FIXTURES = Path(__file__).parent / "fixtures" / "summary"
needs_lo = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")

# -- the "done when": budget total and per-quarter counts per year of the real master --
EXPECTED = {
    2566: (20000, (15, 15, 15, 14)),
    2567: (20000, (15, 15, 14, 15)),
    2568: (0, (15, 15, 15, 15)),
    2569: (40000, (16, 16, 16, 15)),
    2570: (0, (15, 15, 15, 11)),
}
INJECTIONS = ["=1+1", "+SUM(1,2)", "-3+4", "@SUM(1,2)", '=HYPERLINK("http://x","y")']


def total_row(ws) -> list:
    for row in ws.iter_rows():
        if any(cell.value == TOTAL_LABEL for cell in row):
            return list(row)
    raise AssertionError(f"no {TOTAL_LABEL} row in {ws.title}")


def year_totals(path: Path) -> dict:
    wb = load_workbook(path, data_only=True)
    out = {}
    for year in EXPECTED:
        row = total_row(wb[c.summary_sheet_name(year)])
        out[year] = (row[3].value, tuple(cell.value for cell in row[4:8]))
    return out


@needs_lo
def test_totals_are_formulas_and_libreoffice_computes_the_expected_numbers(master_path, tmp_path):
    path = write_summary(read_plan(master_path), tmp_path / "summary.xlsx")
    raw = load_workbook(path)
    for year in EXPECTED:
        row = total_row(raw[c.summary_sheet_name(year)])
        assert row[3].data_type == "f" and row[3].value.startswith("=SUM(D3:D")
        assert all(cell.data_type == "f" and cell.value.startswith("=COUNTIF(") for cell in row[4:8])
    assert year_totals(path) == EXPECTED  # computed in Python and stored with the formulas (issue 18)

    assert recalculate([path]) is True
    assert year_totals(path) == EXPECTED
    row = total_row(load_workbook(path)[c.summary_sheet_name(2569)])
    assert row[3].value.startswith("=SUM(")  # still a formula after LibreOffice saved it
    assert row[3].number_format == "#,##0.00"
    ws = load_workbook(path)[c.summary_sheet_name(2566)]  # print setup survives LibreOffice's save
    assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth) == ("landscape", 9, 1)
    assert ws.print_title_rows == "$1:$2" and ws["B3"].font.name == "TH SarabunPSK"
    assert ws.freeze_panes == "A3"  # our file keeps its frozen header rows; only values were added
    assert load_workbook(path)[c.OVERVIEW_SHEET]._charts  # and its chart


@needs_lo
def test_overview_counts_and_budgets_per_dimension(master_path, tmp_path):
    path = write_summary(read_plan(master_path), tmp_path / "summary.xlsx")
    formulas = load_workbook(path)[c.OVERVIEW_SHEET]
    texts = [cell.value for row in formulas.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert any(t.startswith("=COUNTIFS('สรุป 2566'!$C$3:$C$17,1)") for t in texts)
    assert any(t.startswith("=SUMIFS('สรุป 2569'!$D$3:$D$18,'สรุป 2569'!$C$3:$C$18,3)") for t in texts)
    assert formulas._charts, "the standalone overview has its chart"
    recalculate([path])
    ws = load_workbook(path, data_only=True)[c.OVERVIEW_SHEET]
    totals = [[cell.value for cell in row] for row in ws.iter_rows() if row[0].value == TOTAL_LABEL]
    assert totals[0][1:6] == [35, 20, 11, 10, 76]  # projects per มิติ, all years
    assert totals[1][1:6] == [0, 0, 80000, 0, 80000]  # budget per มิติ, all years


@needs_lo
def test_changing_a_budget_in_the_master_changes_the_total(master_path, tmp_path):
    master = tmp_path / "master.xlsx"
    shutil.copyfile(master_path, master)
    wb = load_workbook(master)
    ws = wb[c.SHEET_YEARLY]
    budget_col = c.YEARLY_HEADERS.index("งบประมาณ (บาท)") + 1
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == 2568)
    row[budget_col - 1].value = 12345.5
    save_workbook(wb, master)
    path = write_summary(read_plan(master), tmp_path / "summary.xlsx")
    recalculate([path])
    assert year_totals(path)[2568][0] == 12345.5


def test_formulas_match_the_golden_snippet(tmp_path):
    path = write_summary(make_small_plan(), tmp_path / "summary.xlsx")
    wb = load_workbook(path)
    lines = [
        f"{ws.title}!{cell.coordinate} {cell.value}"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    expected = (FIXTURES / "small-plan-formulas.txt").read_text(encoding="utf-8").splitlines()
    assert lines == expected


def test_layout_title_headers_marks_and_print_setup(tmp_path):
    plan = make_small_plan()
    wb = load_workbook(write_summary(plan, tmp_path / "summary.xlsx"))
    assert wb.sheetnames == ["สรุป 2566", "สรุป 2567", "สรุปรวม"]
    ws = wb["สรุป 2566"]
    assert ws["A1"].value == "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2566 ของ องค์การบริหารส่วนตำบลทดสอบ"
    assert [cell.value for cell in ws[2]] == [
        "ลำดับ",
        "รายการโครงการ (ตั้งต้น)",
        "มิติ",
        "งบประมาณ (บาท)",
        "ไตรมาส 1",
        "ไตรมาส 2",
        "ไตรมาส 3",
        "ไตรมาส 4",
        "หมายเหตุ",
    ]
    assert [cell.value for cell in ws[3]][:8] == [
        1,
        "มาตรการ NO Gift Policy",
        2,
        0,
        SUMMARY_MARK,
        SUMMARY_MARK,
        SUMMARY_MARK,
        SUMMARY_MARK,
    ]
    assert ws["H5"].value is None  # P03 has no fourth quarter
    assert ws["D4"].value == 20000 and ws["D4"].number_format == "#,##0.00"
    texts = [cell.value for row in ws.iter_rows(min_row=6) for cell in row if isinstance(cell.value, str)]
    assert "ข้อมูล ณ วันที่ 07 กรกฎาคม 2566" in texts  # as the e-plan tables print it
    assert "ผู้ออกรายงาน นายรายงาน ทดสอบ" in texts
    assert "มิติที่ 4 การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น" in texts
    for sheet in wb.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        # -- a short year sheet is one page tall (its legend under the total); the overview as needed --
        tall = 1 if sheet.title.startswith(c.SUMMARY_SHEET_PREFIX) else 0
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == tall
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$2"
    assert {cell.font.name for row in ws.iter_rows() for cell in row if cell.value is not None} == {"TH SarabunPSK"}


def test_staff_text_that_looks_like_a_formula_is_stored_as_text(tmp_path):
    plan = make_small_plan()
    for row, text in zip(plan.rows, INJECTIONS):
        row.name, row.note = text, text
    path = write_summary(plan, tmp_path / "summary.xlsx")
    ws = load_workbook(path)["สรุป 2566"]
    for cell in [ws["B3"], ws["B4"], ws["B5"], ws["I3"], ws["I4"], ws["I5"]]:
        assert cell.data_type == "s", cell.coordinate
        assert cell.value in INJECTIONS
    assert ws["B3"].quotePrefix  # Excel keeps it text even after an edit


@needs_lo
def test_formula_looking_text_does_not_compute_in_libreoffice(tmp_path):
    plan = make_small_plan()
    for row, text in zip(plan.rows, INJECTIONS):
        row.name = text
    path = write_summary(plan, tmp_path / "summary.xlsx")
    recalculate([path])
    values = load_workbook(path, data_only=True)
    names = [values[c.summary_sheet_name(y)][f"B{n}"].value for y in (2566, 2567) for n in (3, 4, 5)]
    assert names == INJECTIONS + [r.name for r in plan.rows[5:6]]


def test_a_year_without_rows_still_has_valid_formulas(tmp_path):
    plan = make_small_plan()
    plan.rows = [r for r in plan.rows if r.year == 2566]
    ws = load_workbook(write_summary(plan, tmp_path / "summary.xlsx"))["สรุป 2567"]
    row = total_row(ws)
    assert row[3].value == "=SUM(D3:D3)"


def test_budget_is_written_as_a_number(tmp_path):
    plan = make_small_plan()
    plan.rows[0].budget = Decimal("1234.50")
    ws = load_workbook(write_summary(plan, tmp_path / "summary.xlsx"))["สรุป 2566"]
    assert ws["D3"].data_type == "n" and ws["D3"].value == 1234.5


def test_an_open_summary_is_refused_and_left_alone(tmp_path):
    path = write_summary(make_small_plan(), tmp_path / "summary.xlsx")
    before = path.read_bytes()
    (tmp_path / "~$summary.xlsx").write_bytes(b"owner")
    with pytest.raises(OutputBlocked) as err:
        write_summary(make_small_plan(), path)
    assert "~$summary.xlsx" in err.value.message and "Excel" in err.value.message
    assert path.read_bytes() == before
