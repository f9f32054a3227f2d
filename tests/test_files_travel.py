"""Files that leave the office: staff text stays text in every workbook we write, year sheets print
on their page, the master's rows show all their lines, every document names itself."""

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from broken import make_broken, put
from conftest import MASTER
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pdf_pages import page_texts
from PIL import Image
from pypdf import PdfReader
from web_helpers import upload, wait_for

from pipeline import contract as c
from pipeline.cli import main
from pipeline.office import soffice as office
from pipeline.render.excel.summary import write_summary
from pipeline.web.app import create_app
from pipeline.workbook.cells import put_text
from pipeline.workbook.reader import read_plan
from pipeline.workbook.styles import LINE_HEIGHT, MAX_ROWS
from pipeline.workbook.writer import plan_workbook, save_workbook

# -- what a spreadsheet would run if it were stored as a formula (CSV/formula injection) --
HOSTILE = ["=1+1", '=HYPERLINK("http://x.example","P06")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=2+2"]
needs_office = pytest.mark.skipif(office.find_soffice() is None, reason="LibreOffice not installed")


def formulas(xlsx: Path) -> dict[str, list[str]]:
    """Every <f> of every sheet, read from the XML itself (not through openpyxl)."""
    found = {}
    with zipfile.ZipFile(xlsx) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/sheet"):
                found[name] = re.findall(r"<f>([^<]*)</f>", package.read(name).decode("utf-8"))
    return found


def assert_no_staff_formula(xlsx: Path) -> None:
    for part, texts in formulas(xlsx).items():
        staff = [f for f in texts if "HYPERLINK" in f or f in ("1+1", "2+2") or "cmd" in f]
        assert staff == [], f"{xlsx.name} {part}: {staff}"


def hostile_master(tmp_path: Path) -> Path:
    """The real master with formula-looking text in codes, names, sections, notes and settings."""

    def mutate(wb):
        put(wb, c.SHEET_PROJECTS, 2, c.ProjectCol.NAME, HOSTILE[1])
        put(wb, c.SHEET_PROJECTS, 3, c.ProjectCol.RATIONALE, HOSTILE[0])
        put(wb, c.SHEET_PROJECTS, 4, c.ProjectCol.METHOD, HOSTILE[2])
        put(wb, c.SHEET_YEARLY, 2, c.YearlyCol.NOTE, HOSTILE[3])
        put(wb, c.SHEET_YEARLY, 3, c.YearlyCol.NOTE, HOSTILE[4])
        for ws in wb.worksheets:  # -- make_broken's put() writes through openpyxl: keep them text --
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        put_text(cell, cell.value)

    return make_broken(tmp_path, "hostile.xlsx", mutate, source=MASTER)


def test_the_master_we_write_stores_formula_text_as_text(tmp_path):
    plan = read_plan(MASTER)
    first = plan.projects[0]
    plan.projects[0] = replace(first, name=HOSTILE[1], rationale=[HOSTILE[0]], method=[HOSTILE[2], HOSTILE[5]])
    plan.rows[0].note = HOSTILE[4]
    path = tmp_path / "master.xlsx"
    save_workbook(plan_workbook(plan), path)
    assert all(texts == [] for texts in formulas(path).values())
    back = read_plan(path)
    assert back.projects[0].name == HOSTILE[1] and back.rows[0].note == HOSTILE[4]
    cell = load_workbook(path)[c.SHEET_PROJECTS]["C2"]
    assert cell.data_type == "s" and cell.quotePrefix  # -- Excel keeps it text after F2, Enter --


def test_run_and_monitor_init_keep_staff_text_as_text(tmp_path, capsys):
    master = hostile_master(tmp_path)
    assert main(["validate", str(master)]) == 0
    assert main(["monitor", "init", str(master), "--year", "2566", "--round", "6"]) == 0
    out = tmp_path / "out"
    assert main(["run", str(master), "--out", str(out), "--no-pdf", "-q"]) == 0
    for xlsx in [master, *out.rglob("*.xlsx")]:
        assert_no_staff_formula(xlsx)
    names = [cell.value for row in load_workbook(out / "summary.xlsx")["สรุป 2566"].iter_rows() for cell in row]
    assert HOSTILE[1] in names  # -- shown as typed --
    summary = formulas(out / "summary.xlsx")
    assert any(f.startswith("SUM(") for texts in summary.values() for f in texts)  # -- ours stay live --


@needs_office
def test_write_back_with_pdf_keeps_staff_text_as_text(tmp_path, capsys):
    master = hostile_master(tmp_path)
    out = tmp_path / "out"
    assert main(["run", str(master), "--out", str(out), "--year", "2566", "--write-back", "-q"]) == 0
    for xlsx in [master, *out.rglob("*.xlsx")]:
        assert_no_staff_formula(xlsx)


def test_an_imported_plan_book_keeps_formula_text_as_text(tmp_path, capsys):
    source = next((Path(__file__).resolve().parent.parent / "inputs" / "source").glob("*.txt"))
    text = source.read_text(encoding="utf-8")
    heading = "๒. หลักการและเหตุผล\n\n"
    assert heading in text
    book = tmp_path / "book.txt"
    book.write_text(text.replace(heading, heading + HOSTILE[0] + "\n\n", 1), encoding="utf-8")
    master = tmp_path / "master.xlsx"
    assert main(["import", str(book), "-o", str(master)]) == 0
    assert all(texts == [] for texts in formulas(master).values())
    assert any(HOSTILE[0] in part for p in read_plan(master).projects for part in p.rationale)


def test_master_rows_show_every_line_and_dropdowns_reach_far(tmp_path):
    path = tmp_path / "master.xlsx"
    save_workbook(plan_workbook(read_plan(MASTER)), path)
    wb = load_workbook(path)
    ws = wb[c.SHEET_PROJECTS]
    for row in range(2, ws.max_row + 1):
        lines = max(str(cell.value or "").count("\n") + 1 for cell in ws[row])
        assert ws.row_dimensions[row].height >= min(409, lines * LINE_HEIGHT), row
    assert MAX_ROWS >= 10_000
    ranges = [str(dv.sqref) for dv in wb[c.SHEET_YEARLY].data_validations.dataValidation]
    assert all(r.endswith(str(MAX_ROWS)) for r in ranges) and ranges


def test_a_long_year_sheet_keeps_its_pages(tmp_path):
    plan = read_plan(MASTER)
    year = plan.rows[0].year
    extra = [replace(plan.rows[0], order=100 + i) for i in range(60)]
    plan.rows.extend(extra)
    ws = load_workbook(write_summary(plan, tmp_path / "summary.xlsx"))[c.summary_sheet_name(year)]
    assert ws.page_setup.fitToHeight == 0  # -- 75 rows: as many pages as needed, not crammed onto one --


@needs_office
def test_each_year_sheet_of_the_real_master_prints_on_one_page_with_its_total(tmp_path):
    summary = write_summary(read_plan(MASTER), tmp_path / "summary.xlsx")
    pages = page_texts(office.convert([summary], "pdf", tmp_path)[0])
    for year in range(2566, 2571):
        mine = [p for p in pages if f"พ.ศ. {year} ของ" in p and "สรุปแผน" not in p]
        assert len(mine) == 1, year
        assert "รวมทั้งสิ้น" in mine[0] and "คำอธิบายมิติ" in mine[0]


@needs_office
def test_every_document_names_itself_and_its_author(tmp_path, sample_master, capsys):
    out = tmp_path / "out"
    assert main(["run", str(sample_master), "--out", str(out), "--year", "2566", "-q"]) == 0
    organisation = read_plan(sample_master).settings.organisation
    docs, pdfs = list(out.rglob("*.docx")), list(out.rglob("*.pdf"))
    assert any("รายงาน" in p.name for p in docs) and any(c.PUBLISH_FOLDER in p.parts for p in pdfs)
    for path in docs:
        with zipfile.ZipFile(path) as package:
            core = package.read("docProps/core.xml").decode("utf-8")
        title = re.search(r"<dc:title>(.*?)</dc:title>", core).group(1)
        assert re.search(r"<dc:creator>(.*?)</dc:creator>", core).group(1) == organisation, path.name
        assert title and "แม่แบบ" not in title, path.name
    for path in pdfs:
        meta = PdfReader(path).metadata
        assert meta.author == organisation and meta.title and "แม่แบบ" not in meta.title, path.name


def test_the_web_page_shows_the_notices_the_cli_prints(tmp_path):
    with TestClient(create_app(root=tmp_path / "web"), base_url="http://127.0.0.1:8750") as client:
        run_id = upload(client, "/api/runs", MASTER, pdf="0").json()["id"]
        status = wait_for(client, run_id)
    assert status["state"] == "done"
    notes = " ".join(note["th"] for note in status["notes"])
    assert "garuda.png" in notes  # -- the shipped templates have no emblem: the CLI's no-emblem note --
    assert "PDF" in notes and all(note["en"] for note in status["notes"])


def test_garuda_on_the_plan_books_cover(tmp_path, capsys):
    """`{{ garuda }}` is documented for planbook.docx as for the announcement: with garuda.png it shows."""
    folder = tmp_path / "templates"
    folder.mkdir()
    shipped = Path(__file__).resolve().parent.parent / "pipeline" / "templates"
    with zipfile.ZipFile(shipped / "planbook.docx") as src:
        parts = {name: src.read(name) for name in src.namelist()}
    cover = b"<w:p><w:r><w:t>{{ garuda }}</w:t></w:r></w:p>"
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body>" + cover, 1)
    with zipfile.ZipFile(folder / "planbook.docx", "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    Image.new("RGB", (60, 80), (180, 140, 0)).save(folder / "garuda.png")
    out = tmp_path / "out"
    assert main(["run", str(MASTER), "--out", str(out), "--no-pdf", "-q", "--templates", str(folder)]) == 0
    book = next(out.glob("แผนปฏิบัติการ*.docx"))
    with zipfile.ZipFile(book) as package:
        body = package.read("word/document.xml").decode("utf-8")
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
        media = [n for n in package.namelist() if n.startswith("word/media/")]
    first_drawing = body.index("<w:drawing>")
    assert first_drawing < body.index("ประกาศ")  # -- on the cover, before the announcement --
    assert len(media) == 2 and body.count("<w:drawing>") == 2  # -- the cover's and the ประกาศ's --
    for rid in re.findall(r'r:embed="([^"]+)"', body):
        assert f'Id="{rid}"' in rels


def test_the_staffs_word_files_hold_no_invisible_characters(tmp_path, sample_master, capsys):
    """Text copied out of a .docx into the e-plan system or an e-mail is found by a search: the
    break marks live only in the copies LibreOffice converts (tests/test_linebreak.py)."""
    for source, out in ((MASTER, tmp_path / "real"), (sample_master, tmp_path / "sample")):
        assert main(["run", str(source), "--out", str(out), "--no-pdf", "-q"]) == 0
        docs = list(out.rglob("*.docx"))
        assert len(docs) >= 82
        for doc in docs:
            with zipfile.ZipFile(doc) as package:
                text = "".join(package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml"))
            assert not set(text) & {"\u2060", "\u200b", "\ufeff"}, doc.name
