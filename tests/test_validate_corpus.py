"""The corpus: the real master with one named defect each. Every case asserts the exact code and
cell reported, the exit code of `pipeline validate`, and that the input file was not touched."""

import json
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

import pytest

from pipeline import contract as c
from pipeline.cli import main
from tests.broken import column, digest, get, make_broken, monitoring_row, put, ref, rows_where, setting_row

S, D, P, Y, M = c.SHEET_SETTINGS, c.SHEET_DIMENSIONS, c.SHEET_PROJECTS, c.SHEET_YEARLY, c.SHEET_MONITORING
VALUE = c.SETTINGS_HEADERS[1]


class Case(NamedTuple):
    name: str
    mutate: Callable  # wb -> None
    code: str
    sheet: str
    cell: Callable | str  # wb -> A1 (computed on the broken workbook) or a literal
    exit: int
    source: str = "master"  # "sample": the master with the 2566 monitoring fill (tests/monitoring_sample.py)


def setting(label, value):
    return lambda wb: put(wb, S, setting_row(wb, label), VALUE, value)


def setting_cell(label):
    return lambda wb: ref(S, setting_row(wb, label), VALUE)


def date_as_general_number(label):
    # -- a serial number in a date-formatted cell IS a date; in a General cell it is just a number --
    def mutate(wb):
        cell = wb[S][ref(S, setting_row(wb, label), VALUE)]
        cell.value, cell.number_format = 45114, "General"

    return mutate


def delete_setting(label):
    return lambda wb: wb[S].delete_rows(setting_row(wb, label))


def clear_year(year):
    def mutate(wb):
        for r in reversed(rows_where(wb, Y, "ปีงบประมาณ", year)):
            wb[Y].delete_rows(r)

    return mutate


def twice_in_2566(wb):
    for header in ("รหัสโครงการ", "ชื่อโครงการ", "มิติ"):
        put(wb, Y, 3, header, get(wb, Y, 2, header))


def add_unused_project(wb):
    wb[P].append(["P99", 99, "โครงการที่ไม่มีในแผนรายปี", 1, *(["ข้อความ"] * len(c.PROJECT_SECTIONS))])


def reorder_marks(text: str) -> str:
    # -- tone mark typed before sara u: renders the same, but is not NFC --
    return text + " ผ\u0e49\u0e39"


def rename_header(sheet, header, new):
    return lambda wb: wb[sheet].__setitem__(f"{column(sheet, header)}1", new)


def clear(sheet, row, *headers):
    def mutate(wb):
        for header in headers:
            put(wb, sheet, row, header, None)

    return mutate


def far_below(sheet, value, row=1048576):
    # -- Ctrl+Down then a keystroke: one cell at the sheet's last row --
    return lambda wb: wb[sheet].cell(row, len(c.HEADERS[sheet]), value)


def stray_space_everywhere(wb):
    for sheet in c.INPUT_SHEETS:
        far_below(sheet, " ")(wb)


def no_details(row):
    return clear(P, row, *c.PROJECT_SECTIONS)


def empty_workbook(wb):
    for ws in list(wb.worksheets):
        wb.remove(ws)
    wb.create_sheet("Sheet1")


CASES = [
    # -- structure --
    Case("missing-sheet", lambda wb: wb.remove(wb[D]), "sheet-missing", D, "", 1),
    Case("sheet-renamed-with-space", lambda wb: setattr(wb[Y], "title", "แผน รายปี"), "sheet-missing", Y, "", 1),
    Case("header-renamed", rename_header(Y, "งบประมาณ (บาท)", "งบประมาณ"), "header-renamed", Y, "F1", 1),
    Case("header-missing", lambda wb: wb[Y].delete_cols(len(c.YEARLY_HEADERS)), "header-missing", Y, "", 1),
    Case(
        "header-duplicate",
        lambda wb: wb[P].cell(1, len(c.PROJECT_HEADERS) + 1, "มิติ"),
        "header-duplicate",
        P,
        f"{chr(ord('A') + len(c.PROJECT_HEADERS))}1",
        1,
    ),
    Case(
        "extra-unnamed-column",
        lambda wb: wb[Y].cell(5, len(c.YEARLY_HEADERS) + 1, "ลืมใส่หัว"),
        "column-unnamed",
        Y,
        f"{chr(ord('A') + len(c.YEARLY_HEADERS))}5",
        0,
    ),
    Case("empty-workbook", empty_workbook, "workbook-empty", "", "", 1),
    Case("yearly-sheet-empty", lambda wb: wb[Y].delete_rows(2, wb[Y].max_row), "sheet-empty", Y, "", 1),
    # -- settings --
    Case("setting-missing", delete_setting("ผู้ลงนาม"), "setting-missing", S, "", 1),
    Case("setting-empty", setting("หน่วยงาน", None), "setting-empty", S, setting_cell("หน่วยงาน"), 1),
    Case("year-in-christian-era", setting("ปีเริ่มต้นแผน", 2023), "year-invalid", S, setting_cell("ปีเริ่มต้นแผน"), 1),
    Case("year-as-words", setting("ปีสิ้นสุดแผน", "สองพันห้าร้อย"), "year-invalid", S, setting_cell("ปีสิ้นสุดแผน"), 1),
    Case("years-reversed", setting("ปีเริ่มต้นแผน", 2571), "year-order", S, setting_cell("ปีสิ้นสุดแผน"), 1),
    Case("date-impossible", setting("วันที่ประกาศ", "31 กันยายน 2565"), "date-invalid", S, setting_cell("วันที่ประกาศ"), 1),
    Case("date-as-number", date_as_general_number("ข้อมูล ณ วันที่"), "date-as-number", S, setting_cell("ข้อมูล ณ วันที่"), 0),
    Case(
        "announced-too-late",
        setting("วันที่ประกาศ", date(2022, 10, 15)),
        "announce-date-late",
        S,
        setting_cell("วันที่ประกาศ"),
        0,
    ),
    Case(
        "setting-unknown",
        lambda wb: wb[S].append(["ชื่อเล่น", "x"]),
        "setting-unknown",
        S,
        lambda wb: f"A{wb[S].max_row}",
        0,
    ),
    # -- dimensions --
    Case("dimension-missing", lambda wb: wb[D].delete_rows(5), "dimension-missing", D, "", 1),
    Case("dimension-duplicate", lambda wb: wb[D].__setitem__("A3", 1), "dimension-duplicate", D, "A3", 1),
    Case("dimension-unnamed", lambda wb: wb[D].__setitem__("B5", None), "dimension-name-empty", D, "B5", 1),
    Case("dimension-five", lambda wb: wb[D].append([5, "มิติเกิน"]), "dimension-invalid", D, "A6", 1),
    # -- projects --
    Case(
        "project-code-duplicate",
        lambda wb: put(wb, P, 3, "รหัส", get(wb, P, 2, "รหัส")),
        "project-code-duplicate",
        P,
        "A3",
        1,
    ),
    Case("project-code-empty", clear(P, 2, "รหัส"), "project-code-empty", P, "A2", 1),
    Case(
        "project-seq-duplicate",
        lambda wb: put(wb, P, 3, "ลำดับที่", get(wb, P, 2, "ลำดับที่")),
        "project-seq-duplicate",
        P,
        "B3",
        1,
    ),
    Case("project-seq-words", lambda wb: put(wb, P, 2, "ลำดับที่", "หนึ่ง"), "project-seq-invalid", P, "B2", 1),
    Case("project-name-empty", clear(P, 2, "ชื่อโครงการ"), "project-name-empty", P, "C2", 1),
    Case("project-dimension-unknown", lambda wb: put(wb, P, 2, "มิติ", 7), "project-dimension-unknown", P, "D2", 1),
    Case("objectives-empty", clear(P, 2, "วัตถุประสงค์"), "section-required-empty", P, ref(P, 2, "วัตถุประสงค์"), 1),
    Case("method-empty", clear(P, 4, "วิธีดำเนินการ"), "section-required-empty", P, ref(P, 4, "วิธีดำเนินการ"), 1),
    Case("outcomes-empty", clear(P, 2, "ผลลัพธ์"), "section-empty", P, ref(P, 2, "ผลลัพธ์"), 0),
    Case("project-unused", add_unused_project, "project-unused", P, lambda wb: f"A{wb[P].max_row}", 0),
    # -- yearly rows --
    Case("year-outside-plan", lambda wb: put(wb, Y, 2, "ปีงบประมาณ", 2575), "year-outside-plan", Y, "A2", 1),
    Case("fiscal-year-as-words", lambda wb: put(wb, Y, 2, "ปีงบประมาณ", "ปีหน้า"), "year-not-a-number", Y, "A2", 1),
    Case("year-without-rows", clear_year(2570), "year-empty", Y, "", 1),
    Case("row-code-unknown", lambda wb: put(wb, Y, 2, "รหัสโครงการ", "P77"), "row-code-unknown", Y, "C2", 1),
    Case("row-code-empty", clear(Y, 2, "รหัสโครงการ"), "row-code-empty", Y, "C2", 1),
    Case("row-name-differs", lambda wb: put(wb, Y, 2, "ชื่อโครงการ", "ชื่ออื่น"), "row-name-differs", Y, "D2", 0),
    Case("row-dimension-differs", lambda wb: put(wb, Y, 2, "มิติ", 4), "row-dimension-differs", Y, "E2", 0),
    Case("order-duplicate", lambda wb: put(wb, Y, 3, "ลำดับ", 1), "order-duplicate", Y, "B3", 1),
    Case("order-gap", lambda wb: wb[Y].delete_rows(3), "order-gap", Y, "B3", 1),
    Case("order-zero", lambda wb: put(wb, Y, 2, "ลำดับ", 0), "order-invalid", Y, "B2", 1),
    Case("budget-as-text", lambda wb: put(wb, Y, 2, "งบประมาณ (บาท)", "20,000"), "budget-as-text", Y, "F2", 0),
    Case("budget-thai-digits", lambda wb: put(wb, Y, 2, "งบประมาณ (บาท)", "๒๐,๐๐๐"), "budget-as-text", Y, "F2", 0),
    Case("budget-with-baht", lambda wb: put(wb, Y, 2, "งบประมาณ (บาท)", "20000 บาท"), "budget-as-text", Y, "F2", 0),
    Case("budget-in-words", lambda wb: put(wb, Y, 2, "งบประมาณ (บาท)", "ยี่สิบ"), "budget-not-a-number", Y, "F2", 1),
    Case("budget-negative", lambda wb: put(wb, Y, 2, "งบประมาณ (บาท)", -5), "budget-negative", Y, "F2", 1),
    Case("budget-negative-text", lambda wb: put(wb, Y, 2, "งบประมาณ (บาท)", "-5"), "budget-negative", Y, "F2", 1),
    Case("quarter-mark-unknown", lambda wb: put(wb, Y, 2, "ไตรมาส 2", "ok"), "quarter-mark-unknown", Y, "H2", 1),
    Case("no-quarter-marked", clear(Y, 2, "ไตรมาส 1", "ไตรมาส 2", "ไตรมาส 3", "ไตรมาส 4"), "quarters-none", Y, "G2", 0),
    Case("project-twice-in-year", twice_in_2566, "project-twice-in-year", Y, "C3", 0),
    # -- cells --
    Case(
        "text-spaces",
        lambda wb: put(wb, Y, 2, "ชื่อโครงการ", f" {get(wb, Y, 2, 'ชื่อโครงการ')} "),
        "text-spaces",
        Y,
        "D2",
        0,
    ),
    Case(
        "text-not-nfc",
        lambda wb: put(wb, P, 2, "กลุ่มเป้าหมาย", reorder_marks(get(wb, P, 2, "กลุ่มเป้าหมาย"))),
        "text-not-nfc",
        P,
        ref(P, 2, "กลุ่มเป้าหมาย"),
        0,
    ),
    Case(
        "formula-without-value", lambda wb: put(wb, Y, 2, "งบประมาณ (บาท)", "=10000*2"), "formula-no-value", Y, "F2", 1
    ),
    Case("cell-error-value", lambda wb: put(wb, Y, 2, "งบประมาณ (บาท)", "#REF!"), "cell-error", Y, "F2", 1),
    Case("merged-cells", lambda wb: wb[Y].merge_cells("D2:D3"), "merged-cells", Y, "D2", 1),
    # -- issue 10: what real offices do to the workbook --
    Case("stray-space-last-row", far_below(Y, " "), None, Y, "", 0),
    Case("stray-space-every-sheet", stray_space_everywhere, None, Y, "", 0),
    Case("value-after-long-gap", far_below(Y, "x", 5000), "rows-after-gap", Y, f"{column(Y, 'หมายเหตุ')}5000", 1),
    Case("value-far-below", far_below(P, "ดูหน้า 2"), "rows-after-gap", P, f"{column(P, 'ผลลัพธ์')}1048576", 1),
    Case(
        "announce-date-buddhist-era",
        setting("วันที่ประกาศ", date(2565, 9, 30)),
        "date-buddhist-era",
        S,
        setting_cell("วันที่ประกาศ"),
        1,
    ),
    Case(
        "data-date-buddhist-era",
        setting("ข้อมูล ณ วันที่", date(3109 - 543, 7, 7)),
        "date-buddhist-era",
        S,
        setting_cell("ข้อมูล ณ วันที่"),
        1,
    ),
    Case(
        "announce-date-text-twice-buddhist",
        setting("วันที่ประกาศ", "30 กันยายน 3108"),
        "date-buddhist-era",
        S,
        setting_cell("วันที่ประกาศ"),
        1,
    ),
    Case("setting-far-below", far_below(S, "หมายเหตุของฉัน"), "rows-after-gap", S, f"{column(S, VALUE)}1048576", 1),
    Case("project-without-details", no_details(3), "project-no-details", P, "A3", 0),
    Case("budget-three-decimals", lambda wb: put(wb, Y, 2, "งบประมาณ (บาท)", 10000 / 3), "budget-decimals", Y, "F2", 0),
    Case("budget-half-satang", lambda wb: put(wb, Y, 2, "งบประมาณ (บาท)", 2.675), "budget-decimals", Y, "F2", 0),
    Case(
        "budget-text-decimals", lambda wb: put(wb, Y, 2, "งบประมาณ (บาท)", "3,333.333"), "budget-decimals", Y, "F2", 0
    ),
    Case(
        "excel-escape-in-signer",
        setting("ผู้ลงนาม", "(นางกิติพร_x000B_แต่งช่อม)"),
        "text-invisible",
        S,
        setting_cell("ผู้ลงนาม"),
        0,
    ),
    Case(
        "carriage-return-escape-in-name",
        lambda wb: put(wb, P, 2, "ชื่อโครงการ", f"{get(wb, P, 2, 'ชื่อโครงการ')}_x000D_"),
        "text-invisible",
        P,
        "C2",
        0,
    ),
    Case(
        "zero-width-space-in-code",
        lambda wb: put(wb, Y, 2, "รหัสโครงการ", f"{get(wb, Y, 2, 'รหัสโครงการ')}\u200b"),
        "text-invisible",
        Y,
        "C2",
        0,
    ),
    Case(
        "no-break-space-in-name",
        lambda wb: put(wb, Y, 2, "ชื่อโครงการ", "โครงการ\u00a0" + get(wb, Y, 2, "ชื่อโครงการ")[7:]),
        "text-invisible",
        Y,
        "D2",
        0,
    ),
    Case(
        "control-escape-in-code",
        lambda wb: put(wb, P, 2, "รหัส", f"{get(wb, P, 2, 'รหัส')}_x0007_"),
        "text-invisible",
        P,
        "A2",
        0,
    ),
]


def mon(round_, code, header, value):
    """Put `value` in a monitoring row's cell; the matching `mon_cell` computes where it is."""
    return lambda wb: put(wb, M, monitoring_row(wb, round_, code), header, value)


def mon_cell(round_, code, header):
    return lambda wb: ref(M, monitoring_row(wb, round_, code), header)


def mon_many(*mutations):
    def mutate(wb):
        for m in mutations:
            m(wb)

    return mutate


def drop_monitoring_row(round_, code):
    return lambda wb: wb[M].delete_rows(monitoring_row(wb, round_, code))


def plan_cell_2566(code):
    def cell(wb):
        return ref(
            Y,
            next(r for r in rows_where(wb, Y, "รหัสโครงการ", code) if get(wb, Y, r, "ปีงบประมาณ") == 2566),
            "รหัสโครงการ",
        )

    return cell


SPENT, STATUS, REASON, RESULT, DATE = "เบิกจ่ายจริง (บาท)", "สถานะ", "เหตุที่ดำเนินการไม่ได้", "ผลการดำเนินงาน", "วันที่รายงาน"
MONITORING_CASES = [
    Case("monitoring-year-unknown", mon(6, "P10", "ปีงบประมาณ", 2575), "monitoring-year-unknown", M, "A2", 1, "sample"),
    Case("monitoring-year-as-words", mon(6, "P10", "ปีงบประมาณ", "ปีนี้"), "monitoring-year-invalid", M, "A2", 1, "sample"),
    Case("monitoring-round-3", mon(6, "P09", "รอบ", 3), "monitoring-round-invalid", M, "B3", 1, "sample"),
    Case(
        "monitoring-project-unknown",
        mon(6, "P10", "รหัสโครงการ", "P77"),
        "monitoring-project-unknown",
        M,
        "C2",
        1,
        "sample",
    ),
    Case(
        "monitoring-project-not-in-year",
        mon_many(add_unused_project, mon(6, "P10", "รหัสโครงการ", "P99")),
        "monitoring-project-not-in-year",
        M,
        "C2",
        1,
        "sample",
    ),
    Case(
        "monitoring-row-duplicate", mon(6, "P09", "รหัสโครงการ", "P10"), "monitoring-row-duplicate", M, "C3", 1, "sample"
    ),
    Case(
        "monitoring-project-missing",
        drop_monitoring_row(6, "P09"),
        "monitoring-project-missing",
        Y,
        plan_cell_2566("P09"),
        1,
        "sample",
    ),
    Case(
        "monitoring-status-unknown", mon(6, "P10", STATUS, "เสร็จแล้ว"), "monitoring-status-invalid", M, "H2", 1, "sample"
    ),
    Case("monitoring-status-empty", mon(6, "P10", STATUS, None), "monitoring-status-empty", M, "H2", 0, "sample"),
    Case(
        "monitoring-failed-without-reason",
        mon(12, "P07", REASON, None),
        "monitoring-reason-missing",
        M,
        mon_cell(12, "P07", REASON),
        1,
        "sample",
    ),
    Case(
        "monitoring-reason-unknown",
        mon(12, "P07", REASON, "ฝนตก"),
        "monitoring-reason-invalid",
        M,
        mon_cell(12, "P07", REASON),
        1,
        "sample",
    ),
    Case(
        "monitoring-reason-other-unexplained",
        mon_many(mon(12, "P07", REASON, "อื่น ๆ"), mon(12, "P07", RESULT, None)),
        "monitoring-reason-unexplained",
        M,
        mon_cell(12, "P07", RESULT),
        0,
        "sample",
    ),
    Case(
        "monitoring-done-without-result", mon(6, "P10", RESULT, None), "monitoring-result-empty", M, "J2", 0, "sample"
    ),
    Case(
        "monitoring-spent-negative",
        mon(12, "P08", SPENT, -5),
        "monitoring-amount-invalid",
        M,
        mon_cell(12, "P08", SPENT),
        1,
        "sample",
    ),
    Case(
        "monitoring-spent-in-words",
        mon(12, "P08", SPENT, "ยังไม่เบิก"),
        "monitoring-amount-invalid",
        M,
        mon_cell(12, "P08", SPENT),
        1,
        "sample",
    ),
    Case(
        "monitoring-spent-as-text",
        mon(12, "P08", SPENT, "18,500"),
        "monitoring-amount-as-text",
        M,
        mon_cell(12, "P08", SPENT),
        0,
        "sample",
    ),
    Case(
        "monitoring-spent-over-budget",
        mon(12, "P08", SPENT, 25000),
        "monitoring-spent-over-budget",
        M,
        mon_cell(12, "P08", SPENT),
        0,
        "sample",
    ),
    Case(
        "monitoring-spent-decreased",
        mon(12, "P08", SPENT, 5000),
        "monitoring-spent-decreased",
        M,
        mon_cell(12, "P08", SPENT),
        0,
        "sample",
    ),
    Case(
        "monitoring-date-outside-round",
        mon(6, "P10", DATE, date(2023, 9, 1)),
        "monitoring-date-outside-round",
        M,
        "O2",
        0,
        "sample",
    ),
    Case("monitoring-date-invalid", mon(6, "P10", DATE, "เมื่อวาน"), "monitoring-date-invalid", M, "O2", 1, "sample"),
    Case(
        "ita-code-empty",
        setting("ตัวชี้วัด ITA รอบ 6 เดือน", None),
        "ita-code-empty",
        S,
        setting_cell("ตัวชี้วัด ITA รอบ 6 เดือน"),
        0,
        "sample",
    ),
]
CASES += MONITORING_CASES


def run_json(capsys, path) -> tuple[int, dict]:
    code = main(["validate", str(path), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_corpus_is_large_enough():
    assert len(CASES) >= 30
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_workbook(case, tmp_path, master_path, capsys, request):
    source = request.getfixturevalue("sample_master") if case.source == "sample" else master_path
    path = make_broken(tmp_path, case.name, case.mutate, source=source)
    assert path.name == f"{case.name}.xlsx"
    expected_cell = case.cell(__import__("openpyxl").load_workbook(path)) if callable(case.cell) else case.cell
    before = digest(path)
    code, report = run_json(capsys, path)
    found = [(p["code"], p["sheet"], p["cell"]) for p in report["problems"]]
    assert code == case.exit
    assert digest(path) == before
    if case.code is None:  # -- nothing to report: the same rows as the master, nothing more --
        assert found == [("project-twice-in-year", Y, "C60")]
        assert report["stats"]["yearly_rows"] == 76 and report["stats"]["projects"] == 15
        return
    assert (case.code, case.sheet, expected_cell) in found, found
    assert not [p for p in report["problems"] if p["code"] == "check-failed"]
    problem = next(p for p in report["problems"] if p["code"] == case.code and p["cell"] == expected_cell)
    where = f"{case.sheet}!{expected_cell}" if expected_cell else case.sheet
    assert problem["message"].startswith(f"{where}: " if where else "") and "วิธีแก้" in problem["message"]
