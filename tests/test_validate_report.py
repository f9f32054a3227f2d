"""The real master validates; the report is the same in the library, the JSON and the Excel file."""

import io
import json
import shutil
import zipfile
from urllib.parse import unquote

from openpyxl import load_workbook
from rich.console import Console

from pipeline import contract as c
from pipeline.cli import main
from pipeline.cli.validate_cmd import print_report
from pipeline.validate import validate_workbook, write_report_xlsx
from pipeline.validate.messages import MESSAGES
from pipeline.workbook.writer import plan_workbook, save_workbook
from tests.broken import digest, make_broken, put


def test_master_is_valid_with_the_warnings_the_real_plan_deserves(master_path, capsys):
    before = digest(master_path)
    assert main(["validate", str(master_path)]) == 0
    out = capsys.readouterr().out
    report = validate_workbook(master_path)
    assert report.valid and report.errors == []
    twice = [p for p in report.warnings if p.code == "project-twice-in-year"]
    assert len(twice) == 1 and twice[0].sheet == c.SHEET_YEARLY and "2569" in twice[0].message
    assert twice[0].cell in out and "project-twice-in-year" in out
    lines = out.splitlines()
    assert lines[0] == f"ตรวจ {master_path}: ข้อผิดพลาด 0 รายการ, คำเตือน 1 รายการ"
    assert lines[1].strip() == f"{c.SHEET_YEARLY}: ผิดพลาด 0, คำเตือน 1"
    assert lines[-1] == "ผ่าน: ไม่มีข้อผิดพลาด สร้างเอกสารได้"
    assert report.stats["plan_years"] == [2566, 2567, 2568, 2569, 2570]
    assert report.stats["rows_per_year"]["2569"] == 16
    assert digest(master_path) == before


def test_small_plan_is_clean(tmp_path, small_plan):
    path = tmp_path / "small.xlsx"
    save_workbook(plan_workbook(small_plan), path)
    report = validate_workbook(path)
    assert report.problems == [] and report.valid


def test_json_equals_the_library_report(master_path, capsys):
    assert main(["validate", str(master_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == validate_workbook(master_path).to_dict()


def test_every_problem_finds_everything_at_once(tmp_path, master_path, capsys):
    def many(wb):
        put(wb, c.SHEET_YEARLY, 2, "งบประมาณ (บาท)", "ยี่สิบ")
        put(wb, c.SHEET_YEARLY, 4, "ไตรมาส 1", "?")
        put(wb, c.SHEET_PROJECTS, 2, "ชื่อโครงการ", None)
        wb[c.SHEET_SETTINGS]["B3"] = 1999

    path = make_broken(tmp_path, "many-defects", many, source=master_path)
    assert main(["validate", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = {(p["code"], p["cell"]) for p in report["problems"]}
    assert {
        ("budget-not-a-number", "F2"),
        ("quarter-mark-unknown", "G4"),
        ("project-name-empty", "C2"),
        ("year-invalid", "B3"),
    } <= found
    assert report["errors"] == len([p for p in report["problems"] if p["severity"] == "error"])


def test_terminal_table_groups_by_sheet_errors_first(tmp_path, master_path):
    def two(wb):
        put(wb, c.SHEET_YEARLY, 2, "งบประมาณ (บาท)", "20,000")  # warning, row 2
        put(wb, c.SHEET_YEARLY, 9, "งบประมาณ (บาท)", "ยี่สิบ")  # error, row 9

    report = validate_workbook(make_broken(tmp_path, "two", two, source=master_path))
    buffer = io.StringIO()
    print_report(report, console=Console(file=buffer, width=250, color_system=None))
    text = buffer.getvalue()
    assert f"ข้อผิดพลาด {len(report.errors)} รายการ, คำเตือน {len(report.warnings)} รายการ" in text
    assert f"{c.SHEET_YEARLY}: ผิดพลาด 1, คำเตือน {len(report.warnings)}" in text
    assert text.index("budget-not-a-number") < text.index("budget-as-text")
    assert "ไม่ผ่าน" in text and "Traceback" not in text


def test_english_rendering(tmp_path, master_path, capsys):
    path = make_broken(
        tmp_path, "budget-in-words", lambda wb: put(wb, c.SHEET_YEARLY, 2, "งบประมาณ (บาท)", "ยี่สิบ"), source=master_path
    )
    assert main(["validate", str(path), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "budget 'ยี่สิบ' is not a number" in out
    lines = out.splitlines()
    assert lines[0] == f"checked {path}: 1 errors, 1 warnings"
    assert lines[-1] == "invalid: fix the errors above first"


def test_every_code_has_a_thai_fix_and_english():
    for code, msg in MESSAGES.items():
        assert msg.severity in ("error", "warning"), code
        assert msg.th and msg.fix and msg.en, code


def test_excel_report_links_every_problem_to_its_cell(tmp_path, master_path, capsys):
    """Relative links: they survive moving the report and the master together, and carry no
    user's folder."""
    master = tmp_path / "งาน" / "inputs" / "แผน 2566.xlsx"
    master.parent.mkdir(parents=True)
    shutil.copyfile(master_path, master)
    out = tmp_path / "งาน" / "outputs" / "validation.xlsx"
    assert main(["validate", str(master), "--report", str(out)]) == 0
    moved = tmp_path / "ส่งอำเภอ"
    shutil.move(tmp_path / "งาน", moved)  # -- zipped, e-mailed, unzipped elsewhere --
    report = validate_workbook(moved / "inputs" / master.name)
    ws = load_workbook(moved / "outputs" / out.name)[c.VALIDATION_SHEET]
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == len(report.problems)
    for row, problem in zip(rows, report.problems):
        assert row[4].value == problem.code and row[3].value == f"{problem.sheet}!{problem.cell}"
        target = unquote(row[3].hyperlink.target)
        assert target == "../inputs/แผน 2566.xlsx"
        assert (moved / "outputs" / target).resolve() == (moved / "inputs" / master.name).resolve()
        assert row[3].hyperlink.location == f"'{problem.sheet}'!{problem.cell}"
    with zipfile.ZipFile(moved / "outputs" / out.name) as package:
        rels = package.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        sheet = package.read("xl/worksheets/sheet1.xml").decode()
    assert 'TargetMode="External"' in rels and "file:" not in rels and str(tmp_path) not in rels
    assert 'orientation="landscape"' in sheet and 'fitToWidth="1"' in sheet and 'fitToPage="1"' in sheet


def test_excel_report_keeps_a_typed_formula_as_text(tmp_path, master_path):
    path = make_broken(
        tmp_path, "formula", lambda wb: put(wb, c.SHEET_YEARLY, 2, "งบประมาณ (บาท)", "=1/0"), source=master_path
    )
    out = write_report_xlsx(validate_workbook(path), tmp_path / "validation.xlsx")
    values = [r[5].value for r in load_workbook(out)[c.VALIDATION_SHEET].iter_rows(min_row=2)]
    assert "=1/0" in values
    cell = next(r[5] for r in load_workbook(out)[c.VALIDATION_SHEET].iter_rows(min_row=2) if r[5].value == "=1/0")
    assert cell.data_type == "s"


def test_report_is_never_written_over_the_master(tmp_path, master_path, capsys):
    copy = make_broken(tmp_path, "master", lambda wb: None, source=master_path)
    before = digest(copy)
    assert main(["validate", str(copy), "--report", str(copy)]) == 3
    assert "จะไม่เขียนรายงานทับสมุดงานหลัก" in capsys.readouterr().err
    assert digest(copy) == before


def test_summary_and_other_sheets_are_ignored(tmp_path, master_path):
    def extra(wb):
        ws = wb.create_sheet(c.summary_sheet_name(2566))
        ws["A1"], ws["B1"] = "  ข้อความมีช่องว่าง ", "=SUM(X1:X9)"
        ws.merge_cells("A2:C3")
        wb.create_sheet("บันทึกของฉัน")["A1"] = "#REF!"

    report = validate_workbook(make_broken(tmp_path, "extra-sheets", extra, source=master_path))
    assert report.to_dict()["problems"] == validate_workbook(master_path).to_dict()["problems"]
