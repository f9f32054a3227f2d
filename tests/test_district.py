"""The district roll-up (issue 18): a folder of submissions (tests/district_sample.py) rolled up
into district.xlsx, read back and checked against numbers computed here from the organisations'
own masters with openpyxl, never through the code under test."""

import shutil
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.district.job import make_district, memo_path
from pipeline.office.soffice import find_soffice
from pipeline.render.excel.recalc import recalculate
from tests.district_sample import DONDAENG, MISSING, USED_FILES, make_district_folder, sources_of

needs_lo = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
# -- Thai dictionary order, worked out by hand: เทศบาล… (ท) before องค์การ… (อ); ไก่ (ก) before บ้าน (บ);
#    กุด (ก) before โคก (ค) before หนอง (ห). Code-point order would put every เ… and โ… last. --
THAI_ORDER = [
    "เทศบาลตำบลไก่คำ",
    "เทศบาลตำบลบ้านใหม่",
    "องค์การบริหารส่วนตำบลกุดจิก",
    "องค์การบริหารส่วนตำบลโคกสำโรง",
    "องค์การบริหารส่วนตำบลหนองบัว",
]
REPORTED = {"เทศบาลตำบลบ้านใหม่", "องค์การบริหารส่วนตำบลกุดจิก", "องค์การบริหารส่วนตำบลหนองบัว"}
PROJECTS, BUDGET = "จำนวนโครงการ จำแนกตามมิติ", "งบประมาณตามแผน (บาท) จำแนกตามมิติ"
RESULTS, MONEY = "ผลการดำเนินงาน (จำนวนโครงการ)", "งบประมาณ (บาท) ในรอบที่รายงาน"
STATUS_LABELS = {
    c.STATUS_DONE: "แล้วเสร็จ",
    c.STATUS_IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    c.STATUS_NOT_STARTED: "ยังไม่ดำเนินการ",
    c.STATUS_FAILED: "ดำเนินการไม่ได้",
}
MONEY_LABELS = {
    c.MonitoringCol.PLANNED: "ตามแผน",
    c.MonitoringCol.APPROVED: "ตามข้อบัญญัติ",
    c.MonitoringCol.SPENT: "เบิกจ่ายจริง",
}


@pytest.fixture(scope="module")
def rolled(tmp_path_factory):
    base = tmp_path_factory.mktemp("district")
    folder = make_district_folder(base / "ส่งมา")
    out = base / "out" / "district.xlsx"
    result = make_district(folder, out, pdf=find_soffice() is not None)
    return folder, out, result


# -- what the inputs say, read with openpyxl --


def _rows(path: Path, sheet: str):
    ws = load_workbook(path, data_only=True)[sheet]
    headers = [cell.value for cell in ws[1]]
    for values in ws.iter_rows(min_row=2, values_only=True):
        if any(v is not None for v in values):
            yield dict(zip(headers, values))


def expected_plan(folder: Path) -> dict:
    """(organisation, year) -> {"projects": {มิติ: n}, "budget": {มิติ: Decimal}}."""
    out = defaultdict(lambda: {"projects": Counter(), "budget": defaultdict(Decimal)})
    for name, path in sources_of(folder).items():
        for r in _rows(path, c.SHEET_YEARLY):
            entry = out[(name, r[c.YearlyCol.YEAR])]
            entry["projects"][r[c.YearlyCol.DIMENSION]] += 1
            entry["budget"][r[c.YearlyCol.DIMENSION]] += Decimal(str(r[c.YearlyCol.BUDGET] or 0))
    return out


def expected_monitoring(folder: Path, year: int = 2566, round_: int = 12) -> dict:
    """organisation -> status counts and money of the round (every project has its row)."""
    out = {}
    for name, path in sources_of(folder).items():
        rows = (
            [
                r
                for r in _rows(path, c.SHEET_MONITORING)
                if r[c.MonitoringCol.YEAR] == year and r[c.MonitoringCol.ROUND] == round_
            ]
            if c.SHEET_MONITORING in load_workbook(path, read_only=True).sheetnames
            else []
        )
        if not rows:
            continue
        figures = Counter(r[c.MonitoringCol.STATUS] for r in rows)
        for header in MONEY_LABELS:
            figures[header] = sum(Decimal(str(r[header] or 0)) for r in rows)
        out[name] = figures
    return out


def percent(done, total) -> float:
    return float((Decimal(done) * 100 / Decimal(total)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def flag(value: float) -> str:
    return "เขียว" if value >= 80 else "ส้ม" if value >= 50 else "แดง"  # -- annual: green ≥ 80, orange 50–79 --


# -- what district.xlsx says --


def overview(path: Path) -> tuple[dict, dict]:
    """(organisation, year) -> {(group, label): value}, and year -> the total row's, as stored."""
    ws = load_workbook(path, data_only=True)["ภาพรวม"]
    columns, group = {}, ""
    for col in range(1, ws.max_column + 1):
        group = ws.cell(3, col).value or group
        columns[col] = (group, ws.cell(4, col).value)
    lines, totals = {}, {}
    for row in range(5, ws.max_row + 1):
        first = ws.cell(row, 1).value
        values = {columns[col]: ws.cell(row, col).value for col in range(3, ws.max_column + 1)}
        if isinstance(first, int):
            lines[(ws.cell(row, 2).value, first)] = values
        elif isinstance(first, str) and first.startswith("รวม พ.ศ."):
            totals[int(first.split()[2])] = values
    return lines, totals


def test_every_organisation_and_year_has_the_numbers_of_its_own_file(rolled):
    _, out, result = rolled
    lines, _ = overview(out)
    plan = expected_plan(rolled[0])
    assert set(lines) == set(plan)
    for key, want in plan.items():
        got = lines[key]
        for dim in (1, 2, 3, 4):
            assert got[(PROJECTS, f"มิติ {dim}")] == want["projects"][dim], key
            assert Decimal(str(got[(BUDGET, f"มิติ {dim}")])) == want["budget"][dim], key
        assert got[(PROJECTS, "รวม")] == sum(want["projects"].values())
        assert Decimal(str(got[(BUDGET, "รวม")])) == sum(want["budget"].values())
    assert {u.organisation: u.file for u in result.rollup.used} == USED_FILES


def test_monitoring_of_the_latest_round_with_percent_and_flag(rolled):
    _, out, _ = rolled
    lines, totals = overview(out)
    monitoring = expected_monitoring(rolled[0])
    assert set(monitoring) == REPORTED
    for name, want in monitoring.items():
        got = lines[(name, 2566)]
        assert got[(RESULTS, "รอบ")] == "ประจำปี"
        for status, label in STATUS_LABELS.items():
            assert got[(RESULTS, label)] == want[status], (name, status)
        pct = percent(want[c.STATUS_DONE], sum(want[s] for s in STATUS_LABELS))
        assert got[(RESULTS, "ร้อยละ แล้วเสร็จ")] == pct
        assert got[(RESULTS, "ระดับสี")] == flag(pct)
        for header, label in MONEY_LABELS.items():
            assert Decimal(str(got[(MONEY, label)])) == want[header]
    for name in set(THAI_ORDER) - REPORTED:
        assert lines[(name, 2566)][(RESULTS, "รอบ")] == "ไม่รายงาน"
        assert lines[(name, 2566)][(RESULTS, "แล้วเสร็จ")] is None
    total = totals[2566]
    done = sum(m[c.STATUS_DONE] for m in monitoring.values())
    counted = sum(m[s] for m in monitoring.values() for s in STATUS_LABELS)
    assert total[(RESULTS, "แล้วเสร็จ")] == done
    assert total[(RESULTS, "ร้อยละ แล้วเสร็จ")] == percent(done, counted)
    assert Decimal(str(total[(MONEY, "เบิกจ่ายจริง")])) == sum(m[c.MonitoringCol.SPENT] for m in monitoring.values())


def test_year_totals_are_formulas_whose_stored_results_are_the_sums(rolled):
    _, out, _ = rolled
    _, totals = overview(out)
    plan = expected_plan(rolled[0])
    for year in range(2566, 2571):
        want = [v for (name, y), v in plan.items() if y == year]
        for dim in (1, 2, 3, 4):
            assert totals[year][(PROJECTS, f"มิติ {dim}")] == sum(v["projects"][dim] for v in want)
            assert Decimal(str(totals[year][(BUDGET, f"มิติ {dim}")])) == sum(v["budget"][dim] for v in want)
    formulas = load_workbook(out)["ภาพรวม"]
    total_rows = [r for r in range(5, formulas.max_row + 1) if str(formulas.cell(r, 1).value).startswith("รวม")]
    assert len(total_rows) == 5
    assert all(str(formulas.cell(r, 3).value).startswith("=SUM(C") for r in total_rows)
    # -- pandas with python-calamine (no formula engine) reads the same stored totals --
    frame = pd.read_excel(out, sheet_name="ภาพรวม", engine="calamine", header=None)
    first_total = frame[frame[0].astype(str).str.startswith("รวม พ.ศ. 2566")].iloc[0]
    assert first_total[2] == totals[2566][(PROJECTS, "มิติ 1")]


def test_dimension_sheet_adds_up_the_district_by_year(rolled):
    _, out, _ = rolled
    ws = load_workbook(out, data_only=True)["มิติ"]
    plan = expected_plan(rolled[0])
    tables = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "ปีงบประมาณ"]
    assert len(tables) == 2
    for header, kind in zip(tables, ("projects", "budget")):
        for row in range(header + 1, header + 6):
            year = ws.cell(row, 1).value
            for dim in (1, 2, 3, 4):
                want = sum(v[kind][dim] for (_, y), v in plan.items() if y == year)
                assert Decimal(str(ws.cell(row, dim + 1).value)) == Decimal(want), (kind, year, dim)
    assert load_workbook(out)["มิติ"]._charts


def test_organisations_in_thai_dictionary_order_within_each_year(rolled):
    _, out, _ = rolled
    ws = load_workbook(out, data_only=True)["ภาพรวม"]
    names = [ws.cell(r, 2).value for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == 2567]
    assert names == THAI_ORDER
    assert names != sorted(names)


def test_problems_name_the_file_and_the_cell(rolled):
    _, out, _ = rolled
    ws = load_workbook(out)["ปัญหา"]
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=4)]
    found = {(r[1], r[2] or "", r[4]) for r in rows}
    assert ("ดอนแดง.xlsx", f"{c.SHEET_YEARLY}!F3", "budget-not-a-number") in found
    assert ("ดอนแดง.xlsx", "", "submission-invalid") in found
    assert ("เสีย.xlsx", "", "file-corrupt") in found
    assert ("ซ้ำ/หนองบัว-เก่า.xlsx", "", "submission-superseded") in found
    assert ("ประกาศ.docx", "", "file-not-workbook") in found
    files = {r[1] for r in rows}
    assert not any("__MACOSX" in f or "~$" in f for f in files)  # -- junk and lock files are not submissions --
    budget = next(r for r in rows if r[4] == "budget-not-a-number")
    assert "ยังไม่ทราบ" in budget[6] and budget[7]  # -- the value typed, and how to fix it --
    assert budget[5] == DONDAENG


def test_the_missing_organisation_and_the_missing_rounds_are_listed(rolled):
    _, out, _ = rolled
    ws = load_workbook(out)["ยังไม่ส่ง"]
    rows = {(r[1], r[2]): r[3] for r in ws.iter_rows(min_row=4, values_only=True)}
    assert rows[(MISSING, None)] == "ยังไม่ส่งไฟล์"
    assert "ข้อผิดพลาด" in rows[(DONDAENG, None)]
    for name in ("เทศบาลตำบลไก่คำ", "องค์การบริหารส่วนตำบลโคกสำโรง"):
        assert rows[(name, 2566)] == "ยังไม่มีผลการดำเนินงานประจำปี ปีงบประมาณ 2566"
    assert len(rows) == 4


def test_print_setup_and_text_stored_as_text(rolled):
    _, out, _ = rolled
    wb = load_workbook(out)
    assert wb.sheetnames == ["ภาพรวม", "มิติ", "ยังไม่ส่ง", "ปัญหา", "ไฟล์ที่ใช้"]
    for ws in wb.worksheets:
        assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth) == ("landscape", 9, 1)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows
    assert wb["ภาพรวม"].print_title_rows == "$3:$4"
    names = [wb["ภาพรวม"].cell(r, 2) for r in range(5, 10)]
    assert all(cell.data_type == "s" for cell in names)


@needs_lo
def test_stored_results_agree_with_libreoffice(rolled, tmp_path):
    _, out, _ = rolled
    copy = tmp_path / "district.xlsx"
    shutil.copyfile(out, copy)
    assert recalculate([copy]) is True  # -- LibreOffice computes a copy without our results --
    ours, theirs = load_workbook(out, data_only=True), load_workbook(copy, data_only=True)
    formulas = load_workbook(out)
    compared = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    a, b = ours[ws.title][cell.coordinate].value, theirs[ws.title][cell.coordinate].value
                    assert a == pytest.approx(b) if isinstance(a, (int, float)) else a == b, (ws.title, cell.coordinate)
                    compared += 1
    assert compared > 150  # -- every total of ภาพรวม and มิติ --


def test_the_memo_says_the_numbers_in_thai_digits(rolled):
    _, out, result = rolled
    docx = memo_path(out)
    assert docx in result.files
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "บันทึกข้อความ" in text and "จึงเรียนมาเพื่อโปรดทราบ" in text
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖" in text  # -- the latest year with monitoring rows --
    assert "จำนวน ๕ แห่ง จากทั้งหมด ๗ แห่ง" in text
    plan = expected_plan(rolled[0])
    projects = sum(sum(v["projects"].values()) for (_, y), v in plan.items() if y == 2566)
    assert f"รวม {projects} โครงการ".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) in text
    assert MISSING in text
    assert not any(ch.isascii() and ch.isdigit() for ch in text.replace("district.xlsx", ""))


@needs_lo
def test_the_memo_pdf_is_one_page(rolled):
    from pypdf import PdfReader

    _, out, result = rolled
    pdf = memo_path(out, ".pdf")
    assert pdf in result.files
    assert len(PdfReader(pdf).pages) == 1


def test_the_memo_is_valid_ooxml(rolled):
    from openxml_audit import OpenXmlValidator, ValidationSeverity  # the `test` extra

    _, out, _ = rolled
    result = OpenXmlValidator(max_errors=0).validate(memo_path(out))
    assert [str(e) for e in result.errors if e.severity is ValidationSeverity.ERROR] == []


def test_the_six_month_round_when_asked_with_its_own_flags(rolled, tmp_path):
    folder, _, _ = rolled
    result = make_district(folder, tmp_path / "district.xlsx", round_=6, pdf=False)
    assert result.rollup.rounds == {2566: 6, 2567: None, 2568: None, 2569: None, 2570: None}
    lines, _ = overview(tmp_path / "district.xlsx")
    for name, want in expected_monitoring(folder, round_=6).items():
        got = lines[(name, 2566)]
        assert got[(RESULTS, "รอบ")] == "6 เดือน"
        pct = percent(want[c.STATUS_DONE], sum(want[s] for s in STATUS_LABELS))
        assert got[(RESULTS, "ร้อยละ แล้วเสร็จ")] == pct
        # -- 6 months: green ≥ 50, orange 20–49, red < 20 --
        assert got[(RESULTS, "ระดับสี")] == ("เขียว" if pct >= 50 else "ส้ม" if pct >= 20 else "แดง")
