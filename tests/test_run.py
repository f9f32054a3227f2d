"""`pipeline run` end to end: every output from the real master, read back; nothing written on
errors; a run without LibreOffice still makes Word and Excel; open files are reported."""

import json
import shutil
import subprocess

import pytest
from broken import digest, make_broken, put
from conftest import MASTER
from docx import Document
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import main
from pipeline.office import soffice as office
from pipeline.run.job import NO_PDF_REQUESTED, STAGES, run_pipeline
from pipeline.run.staging import MANIFEST

needs_soffice = pytest.mark.skipif(
    office.find_soffice() is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler not installed"
)


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    """One whole run with PDFs, shared by the read-back tests below (it takes a few seconds)."""
    if office.find_soffice() is None:
        pytest.skip("LibreOffice not installed")
    out = tmp_path_factory.mktemp("outputs")
    code = main(["run", str(MASTER), "--out", str(out), "-q"])
    return code, out


@needs_soffice
def test_run_makes_every_document_as_docx_and_pdf(full_run):
    code, out = full_run
    assert code == 0
    assert (out / "ประกาศ.docx").exists() and (out / "ประกาศ.pdf").exists()
    assert (out / "แผนปฏิบัติการป้องกันการทุจริต 2566-2570.pdf").exists()
    expected_sheets = {2566: 15, 2567: 15, 2568: 15, 2569: 15, 2570: 15}  # 2569's duplicate: one sheet
    for year, sheets in expected_sheets.items():
        folder = out / str(year)
        assert (folder / f"ตาราง {year}.docx").exists() and (folder / f"ตาราง {year}.pdf").exists()
        project_docs = sorted(folder.glob("ลำดับที่ *.docx"))
        assert len(project_docs) == sheets
        assert all(d.with_suffix(".pdf").exists() for d in project_docs)
    assert not list(out.glob(".staging-*")), "the staging folder must be gone"


@needs_soffice
def test_announcement_pdf_has_its_thai_title_and_an_embedded_thai_font(full_run):
    _, out = full_run
    pdf = out / "ประกาศ.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "ประกาศองค์การบริหารส่วนตำบลโคกสำโรง" in text
    assert "๓๐ กันยายน พ.ศ. ๒๕๖๕" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    thai = [line for line in fonts.splitlines() if "THSarabunPSK" in line]
    assert thai, fonts  # the real font set-up fetched (pipeline.office.fonts), not Laksaman
    assert all(" yes " in line for line in thai), fonts  # emb column


@needs_soffice
def test_announcement_pdf_text_is_searchable(full_run):
    """Laksaman's PDFs give "ป้ องกัน" (a space inside the word); TH SarabunPSK's give the word as typed."""
    _, out = full_run
    text = subprocess.run(
        ["pdftotext", str(out / "ประกาศ.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count("แผนปฏิบัติการป้องกันการทุจริต") >= 3
    assert "ป้ อง" not in text and "เป็ น" not in text


@needs_soffice
def test_plan_book_pdf_numbers_its_pages_in_thai_digits(full_run):
    _, out = full_run
    book = out / "แผนปฏิบัติการป้องกันการทุจริต 2566-2570.pdf"
    # -- cover, คำนำ, สารบัญ, then the ประกาศ: counted as ๑ but not numbered --
    for page, number in ((5, "๒"), (13, "๑๐"), (15, "๑๒")):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(book), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert [line.strip() for line in text.splitlines() if line.strip()][-1] == number
    whole = subprocess.run(["pdftotext", str(book), "-"], capture_output=True, text=True, check=True).stdout
    assert "ลำดับที่ ๑๕" in whole and "พ.ศ. 2570 ของ องค์การบริหารส่วนตำบลโคกสำโรง" in whole


@needs_soffice
def test_summary_is_recalculated_in_the_run(full_run):
    _, out = full_run
    ws = load_workbook(out / "summary.xlsx", data_only=True)[c.summary_sheet_name(2569)]
    values = [cell for row in ws.iter_rows(values_only=True) for cell in row]
    assert 40000 in values


def test_errors_in_the_master_write_nothing(tmp_path, master_path, capsys):
    broken = make_broken(
        tmp_path, "budget-nonsense", lambda wb: put(wb, c.SHEET_YEARLY, 2, "งบประมาณ (บาท)", "ยี่สิบ"), source=master_path
    )
    before = digest(broken)
    out = tmp_path / "out"
    assert main(["run", str(broken), "--out", str(out)]) == 1
    assert not out.exists() or not any(out.iterdir())
    assert digest(broken) == before
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "",
        "พบข้อผิดพลาด 1 รายการ: ยังไม่ได้สร้างไฟล์ใด ๆ แก้ไขแล้วสั่งใหม่",
        f'ดูรายการพร้อมลิงก์ไปที่เซลล์: pipeline validate "{broken}" --report validation.xlsx',
    ]
    assert "Traceback" not in captured.out


def test_without_libreoffice_word_and_excel_are_still_made(tmp_path, master_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on PATH
    assert office.find_soffice() is None
    out = tmp_path / "out"
    assert main(["run", str(master_path), "--out", str(out), "--year", "2566"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1] == "ไม่พบ LibreOffice: ข้ามการสร้าง PDF และการคำนวณสูตรล่วงหน้า. " + office.INSTALL_HINT
    assert "apt-get install" in printed[-1]
    assert (out / "2566" / "ตาราง 2566.docx").exists() and (out / "summary.xlsx").exists()
    assert not list(out.rglob("*.pdf"))
    table = Document(out / "2566" / "ตาราง 2566.docx")
    assert any("รวมทั้งสิ้น" in cell.text for t in table.tables for row in t.rows for cell in row.cells)


def test_json_summary_lists_what_was_written(tmp_path, master_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["valid"] and summary["errors"] == 0 and summary["warnings"] == 1
    assert "summary.xlsx" in summary["files"] and "2570/ตาราง 2570.docx" in summary["files"]
    assert "validation.xlsx" in summary["files"]  # the master's one warning, with a link to its cell
    report = load_workbook(out / "validation.xlsx")[c.VALIDATION_SHEET]
    assert any(
        cell.hyperlink and "C60" in cell.hyperlink.location
        for row in report.iter_rows()
        for cell in row
        if cell.hyperlink and cell.hyperlink.location
    )
    assert sorted(summary["files"]) == sorted(
        str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.name != MANIFEST
    )


def test_a_file_open_in_word_is_reported_and_the_old_set_kept(tmp_path, master_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 0
    announcement = out / "ประกาศ.docx"
    before = digest(announcement)
    (out / "~$ประกาศ.docx").write_bytes(b"owner")  # what Word leaves while the file is open
    table = out / "2566" / "ตาราง 2566.docx"
    table_before = digest(table)
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 3
    assert capsys.readouterr().err.splitlines() == [
        "ผิดพลาด: แทนที่ไฟล์ผลลัพธ์ชุดเดิมไม่ได้ จึงยังไม่ย้ายไฟล์ใดเลย (ชุดเดิมยังอยู่ครบ):",
        f"  - {announcement} เปิดอยู่ในโปรแกรมอื่น",
        "วิธีแก้: ปิดไฟล์เหล่านี้ใน Word/Excel/โปรแกรมดู PDF และยกเลิก 'อ่านอย่างเดียว' ของไฟล์หรือโฟลเดอร์ แล้วสั่งใหม่อีกครั้ง",
    ]
    assert digest(announcement) == before and digest(table) == table_before
    assert not list(out.glob(".staging-*"))


def test_a_year_outside_the_plan_is_a_clear_error(tmp_path, master_path, capsys):
    # -- exit 1, bad input: the README keeps 2 for files that cannot be read --
    assert main(["run", str(master_path), "--out", str(tmp_path / "o"), "--year", "2599"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "ผิดพลาด: ปี 2599 ไม่อยู่ในช่วงแผน 2566–2570",
        "วิธีแก้: ระบุ --year เป็นปีงบประมาณในแผน",
    ]
    assert not (tmp_path / "o").exists()


def test_json_carries_codes_not_sentences(tmp_path, master_path, capsys):
    master = tmp_path / "master.xlsx"
    shutil.copyfile(master_path, master)
    assert main(["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--write-back", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["pdf_skipped"] == "no-pdf-requested"
    backup = next(tmp_path.glob("master.backup-*.xlsx"))
    # -- --no-pdf starts no LibreOffice, not even for the write-back's totals (Excel computes them) --
    assert summary["write_back"] == {
        "code": "written",
        "backup": backup.name,
        "recalculated": False,
        "error_code": None,
        "error_en": None,
    }
    assert summary["exit_code"] == 0 and summary["error"] is None


def test_progress_reports_each_stage_and_every_word_document(tmp_path, master_path):
    events = []
    result = run_pipeline(master_path, tmp_path / "out", years=[2566], pdf=False, progress=events.append)
    assert [e.stage for e in events if e.done is None] == ["validate", "summary", "word", "publish"]
    assert all(e.label == STAGES[e.stage] for e in events)
    word = [(e.done, e.total) for e in events if e.done is not None]
    documents = [p for p in result.files if p.suffix == ".docx"]
    assert word == [(n, len(documents)) for n in range(1, len(documents) + 1)]
    assert result.pdf_skipped == NO_PDF_REQUESTED and result.write_back is None


@needs_soffice
def test_progress_counts_the_pdfs_as_libreoffice_writes_them(tmp_path, master_path):
    events = []
    result = run_pipeline(master_path, tmp_path / "out", years=[2566], progress=events.append)
    pdfs = [(e.done, e.total) for e in events if e.stage == "pdf" and e.done is not None]
    made = [p for p in result.files if p.suffix == ".pdf"]
    assert pdfs[-1] == (len(made), len(made)) == (17, 17)  # ประกาศ, ตาราง 2566, 15 project sheets
    assert [done for done, _ in pdfs] == sorted(done for done, _ in pdfs)


def test_a_refused_write_back_is_a_code_and_one_sentence(tmp_path, master_path, capsys):
    master = tmp_path / "master.xlsx"
    shutil.copyfile(master_path, master)
    (tmp_path / "~$master.xlsx").write_bytes(b"owner")  # open in Excel
    before = digest(master)
    result = run_pipeline(master, tmp_path / "out", pdf=False, write_back=True)
    assert result.write_back.code == "refused" and result.write_back.backup is None
    assert digest(master) == before
    assert main(["run", str(master), "--out", str(tmp_path / "out2"), "--no-pdf", "--write-back"]) == 3
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2:] == [
        "ไม่ได้เขียนกลับ: ไม่เขียนไฟล์ master.xlsx: ไฟล์กำลังเปิดอยู่ใน Excel หรือ LibreOffice "
        "(พบไฟล์ล็อก ~$master.xlsx); ไฟล์ไม่ถูกแก้ไข",
        "วิธีแก้: ปิดไฟล์ master.xlsx ในโปรแกรมที่เปิดอยู่ แล้วสั่งใหม่ (ถ้าไม่ได้เปิดอยู่จริง ให้ลบไฟล์ ~$master.xlsx)",
    ]
    assert digest(master) == before


def test_write_back_from_run_keeps_a_backup(tmp_path, master_path, capsys):
    master = tmp_path / "master.xlsx"
    shutil.copyfile(master_path, master)
    original = digest(master)
    assert main(["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--write-back"]) == 0
    backups = list(tmp_path.glob("master.backup-*.xlsx"))
    assert len(backups) == 1 and digest(backups[0]) == original
    assert c.summary_sheet_name(2566) in load_workbook(master, read_only=True).sheetnames


def test_a_renamed_project_leaves_no_stale_sheet(tmp_path, master_path):
    out = tmp_path / "out"
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 0
    old_sheet = next((out / "2566").glob("ลำดับที่ 08 *.docx"))
    mine = out / "2566" / "บันทึกของฉัน.docx"
    mine.write_bytes(b"staff's own file")
    renamed = make_broken(
        tmp_path,
        "renamed",
        lambda wb: put(wb, c.SHEET_PROJECTS, 9, "ชื่อโครงการ", "โครงการเวทีประชาคมใหม่"),
        source=master_path,
    )
    assert main(["run", str(renamed), "--out", str(out), "--no-pdf", "-q"]) == 0
    assert not old_sheet.exists()
    assert (out / "2566" / "ลำดับที่ 08 โครงการเวทีประชาคมใหม่.docx").exists()
    assert mine.read_bytes() == b"staff's own file"  # not ours: never deleted
