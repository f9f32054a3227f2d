"""A plan book whose tables list more projects than it has project sheets (issue 10, item 1):
import gives every table project a โครงการ row and a code, validation warns, run makes what it can."""

import json

from docx import Document
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import main
from pipeline.render.word.linebreak import visible
from tests.conftest import SOURCE

NEW_ROW = "16\tโครงการใหม่ที่ยังไม่มีหน้ารายละเอียด\t2\t0.00\t☑\t☑\t\t\t\n"
LAST_2566_ROW = (
    "15\tมาตรการจัดให้มีระบบและช่องทางการรับเรื่องร้องเรียนเกี่ยวกับการทุจริตขององค์การบริหารส่วนตำบลโคกสำโรง\t4\t0.00\t☑\t☑\t☑\t☑\t\n"
)


def three_sheet_book(tmp_path):
    """The real plan book with only project sheets ๑-๓ and one more row in the 2566 table."""
    text = SOURCE.read_text(encoding="utf-8")
    assert "ลำดับที่ ๔\n" in text and LAST_2566_ROW in text
    text = text.split("ลำดับที่ ๔\n")[0].replace(LAST_2566_ROW, LAST_2566_ROW + NEW_ROW, 1)
    path = tmp_path / "three-sheets.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_then_run_succeeds_with_only_some_project_sheets(tmp_path, capsys):
    master, out = tmp_path / "master.xlsx", tmp_path / "out"
    assert main(["import", str(three_sheet_book(tmp_path)), "-o", str(master)]) == 0
    imported = capsys.readouterr().out
    assert "project-without-sheet" in imported

    wb = load_workbook(master)
    projects = list(wb[c.SHEET_PROJECTS].iter_rows(min_row=2, values_only=True))
    yearly = list(wb[c.SHEET_YEARLY].iter_rows(min_row=2, values_only=True))
    codes = {p[0] for p in projects}
    assert len(projects) == 16 and len(codes) == 16  # 15 in the tables + the new one
    assert all(row[2] in codes for row in yearly)  # every row has a known code
    with_details = [p for p in projects if any(p[4:])]
    assert len(with_details) == 3
    new = next(p for p in projects if p[2] == "โครงการใหม่ที่ยังไม่มีหน้ารายละเอียด")
    assert new[3] == 2 and not any(new[4:])

    assert main(["validate", str(master), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert sum(p["code"] == "project-no-details" for p in report["problems"]) == 13
    assert not [p for p in report["problems"] if p["code"] == "section-required-empty"]

    assert main(["run", str(master), "--out", str(out), "--no-pdf", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    sheets_2566 = sorted(p.name for p in (out / "2566").glob("ลำดับที่ *.docx"))
    assert len(sheets_2566) == 3
    assert (out / "2566" / "ตาราง 2566.docx").exists() and (out / "summary.xlsx").exists()
    table = Document(out / "2566" / "ตาราง 2566.docx")
    assert any(
        "โครงการใหม่ที่ยังไม่มีหน้ารายละเอียด" in visible(cell.text) for t in table.tables for r in t.rows for cell in r.cells
    )
    assert len(summary["empty_sheets"]) == 13 and "โครงการใหม่ที่ยังไม่มีหน้ารายละเอียด" in [
        p["name"] for p in summary["empty_sheets"]
    ]
    assert main(["run", str(master), "--out", str(out), "--no-pdf"]) == 0
    assert "ยังไม่มีรายละเอียด 13 โครงการ" in capsys.readouterr().out
