"""Issue 19: any organisation's plan book imports, in the shapes other books are printed in.

Each shape is built from the real book's text (tests/book_shapes.py) with the plan it must give.
For each: `pipeline import` exits 0; the master it writes holds every yearly row (year, ลำดับ,
code, name, มิติ, budget, quarters, note, ภารกิจ) and every project's sections in the right cells;
each part the book lacks is one importer note (and nothing else is noted but what the real book
gets); where validation then finds no error, `pipeline run` succeeds.
"""

import json
import re
import shutil
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import main
from pipeline.importer import import_planbook
from pipeline.importer.tables import title_year
from pipeline.office.soffice import convert, find_soffice
from pipeline.text.legacy import decode_cp874, repair
from pipeline.text.thai_words import unknown_words
from pipeline.workbook.reader import read_plan
from tests import book_shapes as shapes

SHAPES = {
    "municipality": lambda folder: shapes.organisation_kind(folder, "municipality"),
    "city": lambda folder: shapes.organisation_kind(folder, "city"),
    "province": lambda folder: shapes.organisation_kind(folder, "province"),
    "pattaya": lambda folder: shapes.organisation_kind(folder, "pattaya"),
    "guide": lambda folder: shapes.guide(folder, examples=False),
    "guide-examples": lambda folder: shapes.guide(folder, examples=True),
    "multiyear": shapes.multiyear,
    "no-sheets": shapes.no_sheets,
    "no-tables": shapes.no_tables,
    "no-announcement": shapes.no_announcement,
    "legacy": shapes.legacy,
    "legacy-cp874": lambda folder: shapes.legacy(folder, "cp874"),
}
SETTINGS = tuple(
    key.field for key in c.SETTING_KEYS if key.required or key.field == "preface"
)  # -- what a book prints --
needs_pdf = pytest.mark.skipif(
    find_soffice() is None or shutil.which("pdftotext") is None, reason="LibreOffice or poppler is not installed"
)


def squash(text) -> str:
    return re.sub(r"\s+", "", str(text))


def yearly_cells(master) -> list[dict]:
    """The แผนรายปี rows as the master's cells hold them (the printed names, not the projects')."""
    ws = load_workbook(master)[c.SHEET_YEARLY]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def differences(book: shapes.Book, master) -> list[str]:
    """Where the master differs from what the book was built with, one line each."""
    expected, got = book.expected, read_plan(master)
    out = []
    for name in SETTINGS:
        a, b = getattr(expected.settings, name), getattr(got.settings, name)
        if a != b:
            out.append(f"setting {name}: {a!r} != {b!r}")
    if expected.dimensions != got.dimensions:
        out.append(f"dimensions: {expected.dimensions} != {got.dimensions}")
    loose_names, loose_text = "names" in book.loose or "text" in book.loose, "text" in book.loose
    cells = yearly_cells(master)
    if len(cells) != len(expected.rows):
        out.append(f"{len(cells)} yearly rows, not {len(expected.rows)}")
    col = c.YearlyCol
    for r, row in zip(expected.rows, cells):
        want = (r.year, r.order, r.project_code, squash(r.name) if loose_names else r.name, r.dimension)
        have = (row[col.YEAR], row[col.ORDER], row[col.PROJECT_CODE], row[col.NAME], row[col.DIMENSION])
        have = (*have[:3], squash(have[3]) if loose_names else have[3], have[4])
        marks = tuple(bool(row[q]) for q in col.QUARTERS)
        more = (Decimal(str(row[col.BUDGET])), marks, row[col.NOTE] or "", row.get(col.MISSION) or "")
        if want != have or (r.budget, r.quarters, r.note, r.mission) != more:
            out.append(f"row {r.year}/{r.order}: {want, r.budget, r.quarters, r.mission!r} != {have, more}")
    if [(p.code, p.seq) for p in expected.projects] != [(p.code, p.seq) for p in got.projects]:
        out.append(f"projects {[p.code for p in expected.projects]} != {[p.code for p in got.projects]}")
    for p, q in zip(expected.projects, got.projects):
        for attr in ("name", "dimension", *shapes.SECTIONS):
            a, b = getattr(p, attr), getattr(q, attr)
            if attr == "name" and loose_names or attr != "name" and loose_text and attr != "dimension":
                a, b = _squashed(a), _squashed(b)
            if a != b:
                out.append(f"{p.code} {attr}: {a!r} != {b!r}")
    return out


def _squashed(value):
    return [squash(v) for v in value] if isinstance(value, list) else squash(value)


def checked(book: shapes.Book, folder, capsys) -> dict:
    """Import `book` with the CLI; its notes and master as the book says; validate, and run where
    validation finds no error. The validation report."""
    master = folder / "master.xlsx"
    assert main(["import", str(book.path), "-o", str(master), "--json"]) == 0
    imported = json.loads(capsys.readouterr().out)
    assert sorted(a["code"] for a in imported["anomalies"]) == sorted(book.notes)
    assert differences(book, master) == []
    code = main(["validate", str(master), "--json"])
    report = json.loads(capsys.readouterr().out)
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert bool(errors) == book.validation_errors, errors
    assert code == (1 if errors else 0)
    if not errors:
        assert main(["run", str(master), "--out", str(folder / "out"), "--no-pdf", "-q"]) == 0
        assert (folder / "out" / "summary.xlsx").exists()
    return {"master": master, "imported": imported, "report": report, "errors": errors}


@pytest.mark.parametrize("shape", SHAPES)
def test_book_shape_imports(shape, tmp_path, capsys):
    checked(SHAPES[shape](tmp_path), tmp_path, capsys)


# -- what each missing part leaves for validation to point at --


def test_book_without_tables_gets_its_rows_from_the_sheets(tmp_path, capsys):
    done = checked(shapes.no_tables(tmp_path), tmp_path, capsys)
    (note,) = [a for a in done["imported"]["anomalies"] if a["code"] == "tables-missing"]
    assert "15 แถว" in note["message"] and "หัวข้อ ๖" in note["message"]
    flagged = {(p["code"], p["sheet"], p["column"]) for p in done["errors"]}
    # -- what is still to fill: each project's มิติ, the มิติ names, the other years' rows --
    assert ("project-dimension-unknown", c.SHEET_PROJECTS, c.ProjectCol.DIMENSION) in flagged
    assert ("dimension-missing", c.SHEET_DIMENSIONS, c.DimensionCol.NUMBER) in flagged
    assert ("year-empty", c.SHEET_YEARLY, c.YearlyCol.YEAR) in flagged


def test_book_without_announcement_names_the_organisation_from_the_tables(tmp_path, capsys):
    done = checked(shapes.no_announcement(tmp_path), tmp_path, capsys)
    (note,) = [a for a in done["imported"]["anomalies"] if a["code"] == "announcement-missing"]
    assert f"'{shapes.ORG}' อ่านจากชื่อตาราง" in note["message"]
    for label in ("วันที่ประกาศ", "ผู้ลงนาม", "เนื้อความประกาศ"):  # -- the settings still to fill --
        assert [p for p in done["errors"] if p["sheet"] == c.SHEET_SETTINGS and f"'{label}'" in p["message"]], label


def test_multiyear_missions_and_dimensions(tmp_path, capsys):
    """The มิติ of every row is its table's heading; the missions are kept in the ภารกิจ column,
    the project printed beside '๑.๑' under the sub-heading '1.1.1' below it."""
    book = shapes.multiyear(tmp_path)
    done = checked(book, tmp_path, capsys)
    cells = yearly_cells(done["master"])
    first = next(row for row in cells if row[c.YearlyCol.ORDER] == 1 and row[c.YearlyCol.YEAR] == 2566)
    assert first[c.YearlyCol.MISSION].split("\n") == [
        "๑.๑ การป้องกันการทุจริตตามการสร้างวัฒนธรรมสุจริต",
        "1.1.1 โครงการและมาตรการที่ดำเนินการเองภายในหน่วยงาน",
    ]
    assert {row[c.YearlyCol.DIMENSION] for row in cells} == {1, 2, 3, 4}
    assert not any(row[q] for row in cells for q in c.YearlyCol.QUARTERS)
    warnings = {p["code"] for p in done["report"]["problems"]}
    assert "quarters-none" in warnings and "column-unknown" not in warnings
    # -- validation's only errors: the two settings the multi-year layout never prints; with them
    #    typed in, the master (its ภารกิจ column too) validates and runs --
    assert {p["cell"] for p in done["errors"]} == {"B8", "B9"}
    wb = load_workbook(done["master"])
    wb[c.SHEET_SETTINGS]["B8"], wb[c.SHEET_SETTINGS]["B9"] = date(2023, 7, 7), "นายรายงาน ทดสอบ"
    wb.save(done["master"])
    assert main(["validate", str(done["master"])]) == 0
    assert main(["run", str(done["master"]), "--out", str(tmp_path / "out"), "--no-pdf", "-q"]) == 0


# -- no document or message says อบต. for another kind of organisation --


@pytest.mark.parametrize("kind", ["municipality", "city", "pattaya"])
def test_nothing_says_tambon_administration_for_another_kind(kind, tmp_path, capsys):
    book = shapes.organisation_kind(tmp_path, kind)
    done = checked(book, tmp_path, capsys)
    said = [a["message"] for a in done["imported"]["anomalies"]] + [p["message"] for p in done["report"]["problems"]]
    for path in (tmp_path / "out").rglob("*.docx"):
        with zipfile.ZipFile(path) as z:
            said += [re.sub(r"<[^>]+>", "", z.read(n).decode("utf-8")) for n in z.namelist() if n.startswith("word/")]
    assert said and not [text for text in said if "องค์การบริหารส่วนตำบล" in text or re.search(r"อบต\s*\.", text)]
    org, head = shapes.KINDS[kind]
    assert read_plan(done["master"]).settings.signer_position == head
    book_docx = next((tmp_path / "out").glob("แผนปฏิบัติการป้องกันการทุจริต *.docx"))
    with zipfile.ZipFile(book_docx) as z:
        assert f"{org}ได้จัดทำ" in re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))  # -- คำนำ --


# -- a PDF --


@needs_pdf
def test_pdf_book_imports(tmp_path, capsys):
    docx_path = shapes.book_docx(tmp_path / "book.docx")
    (pdf,) = convert([docx_path], "pdf", tmp_path / "pdf")
    book = shapes.Book(pdf, shapes.reference(), shapes.reference_notes(), loose={"text"})
    checked(book, tmp_path, capsys)


def test_pdf_without_pdftotext_is_a_clear_refusal(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("pipeline.importer.pdf_source.shutil.which", lambda name: None)
    (tmp_path / "book.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    out = tmp_path / "master.xlsx"
    assert main(["import", str(tmp_path / "book.pdf"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ผิดพลาด: ") and "pdftotext" in err and "poppler-utils" in err and "Traceback" not in err
    assert not out.exists()


# -- the pieces --


def test_legacy_marks_repaired():
    assert repair("ตัวอย‹าง เสริมสรŒาง") == ("ตัวอย่าง เสริมสร้าง", 2)
    assert repair("ป\uf70bองกัน ก\uf70a\uf701") == ("ป้องกัน กิ่", 4)  # -- and the tone put after the vowel --
    assert repair("น\u0e4d\u0e49\u0e32") == ("น้ำ", 1)
    assert repair("ราคา 100 € ™ ü") == ("ราคา 100 € ™ ü", 0)  # -- only right after a Thai letter --
    assert repair(decode_cp874("ตัวอย".encode("cp874") + b"\x8b" + "าง".encode("cp874"))) == ("ตัวอย่าง", 1)


def test_titles_with_a_slip_still_match():
    assert title_year("แผ่นปฏิบัติการป้องกันการทุจริต พ.ศ. 2567 ของ เทศบาลตำบลหนึ่ง") == 2567
    assert title_year("แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส พ.ศ. ๒๕๖๘") == 2568
    assert title_year("แผนปฏิบัติการป้องกันการทุจริต 4 ปี (พ.ศ. 2561 - 2564)") is None
    assert title_year("แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2561 - 2564") is None
    assert title_year("แผนพัฒนาท้องถิ่น พ.ศ. 2566") is None


def test_unknown_words():
    found = unknown_words("ดำเนินการเป็นระยะ สม่าเสมอ ณ ที่ทำการ ป.ป.ช. อบต.หนึ่ง")
    assert [w for w, _ in found] == ["สม่า"]


def test_legacy_words_lost_are_pointed_at(tmp_path):
    """A mark the legacy PDF lost outright is not guessed: its word is a note on its cell."""
    result = import_planbook(shapes.legacy(tmp_path).path)
    slips = {(a.cell, a.value) for a in result.anomalies if a.code == "word-not-in-dictionary"}
    assert {("E3", "อ"), ("E8", "ผู")} <= slips
