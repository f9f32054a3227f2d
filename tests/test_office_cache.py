"""What LibreOffice made before is found again by what its input says (pipeline.office.cache), and
never for an input that differs: a run of the real master again takes every PDF and the summary's
results from the cache and gives the same outputs; a run with one budget changed converts only
what the change touched, and its PDFs show the new amount. (Speed: bench/bench_web.py.)"""

import os
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from conftest import MASTER
from openpyxl import load_workbook
from pypdf import PdfReader

from pipeline.office import soffice as office
from pipeline.office.cache import OfficeCache
from pipeline.run.job import run_pipeline

needs_office = pytest.mark.skipif(office.find_soffice() is None, reason="LibreOffice not installed")
CORE = (
    '<cp:coreProperties xmlns:cp="c" xmlns:dcterms="d"><dc:title>ประกาศ</dc:title>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>'
)


def package(path: Path, body: str = "<w:body>๑๕,๐๐๐ บาท</w:body>", when: str = "2026-12-04T10:00:00Z") -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", body)
        z.writestr("docProps/core.xml", CORE.format(when=when))
    return path


def test_a_documents_own_dates_do_not_change_its_key_its_contents_do(tmp_path):
    cache = OfficeCache(tmp_path / "cache", "soffice 1")
    first = cache.key(package(tmp_path / "a.docx"), "pdf")
    time.sleep(2.1)  # -- the zip's own entry times move on too --
    again = cache.key(package(tmp_path / "b.docx", when="2027-01-01T09:30:00Z"), "pdf")
    assert first == again
    assert cache.key(package(tmp_path / "c.docx", body="<w:body>๑๖,๐๐๐ บาท</w:body>"), "pdf") != first
    assert cache.key(tmp_path / "a.docx", "pdf", "/fonts/THSarabunNew.ttf") != first  # -- stamped --
    assert cache.key(tmp_path / "a.docx", "xlsx") != first
    assert OfficeCache(tmp_path / "cache", "soffice 2").key(tmp_path / "a.docx", "pdf") != first


def test_a_file_that_is_not_a_package_has_no_key_and_is_never_cached(tmp_path):
    cache = OfficeCache(tmp_path / "cache")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    assert cache.key(broken) is None and cache.key(tmp_path / "missing.docx") is None
    made = tmp_path / "made.pdf"
    made.write_bytes(b"%PDF-1.7")
    cache.keep(None, made)
    assert not cache.fetch(None, tmp_path / "out.pdf") and not (tmp_path / "cache").exists()


def test_a_kept_file_comes_back_as_it_was_and_hits_are_counted(tmp_path):
    cache = OfficeCache(tmp_path / "cache")
    key = cache.key(package(tmp_path / "a.docx"))
    assert not cache.fetch(key, tmp_path / "out.pdf") and cache.misses == 1
    made = tmp_path / "made.pdf"
    made.write_bytes(b"%PDF-1.7 made once")
    cache.keep(key, made)
    assert cache.fetch(key, tmp_path / "out.pdf") and cache.hits == 1
    assert (tmp_path / "out.pdf").read_bytes() == b"%PDF-1.7 made once"
    assert not [p for p in (tmp_path / "cache").rglob(".part-*")], "no staged copy is left"


def test_the_least_recently_used_go_first_when_the_cache_is_full(tmp_path):
    cache = OfficeCache(tmp_path / "cache", max_bytes=250)
    keys = []
    for n in range(3):
        key = cache.key(package(tmp_path / f"{n}.docx", body=f"<w:body>{n}</w:body>"))
        made = tmp_path / f"{n}.pdf"
        made.write_bytes(bytes(100))
        if n == 2:
            old = time.time() - 60
            for kept in (tmp_path / "cache").rglob("*"):
                if kept.is_file():
                    os.utime(kept, (old, old))
            assert cache.fetch(keys[0], tmp_path / "again.pdf")  # -- 0 is used again: 1 is the oldest --
        cache.keep(key, made)
        keys.append(key)
    out = tmp_path / "out.pdf"
    assert [cache.fetch(k, out) for k in keys] == [True, False, True]


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder should be")
    cache = OfficeCache(blocked)
    made = tmp_path / "made.pdf"
    made.write_bytes(b"%PDF-1.7")
    key = cache.key(package(tmp_path / "a.docx"))
    cache.keep(key, made)  # -- no exception: the run goes on --
    assert not cache.fetch(key, tmp_path / "out.pdf")


# ---------------------------------------------------------------- with LibreOffice


def pdf_texts(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): subprocess.run(
            ["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True, check=True
        ).stdout
        for p in sorted(folder.rglob("*.pdf"))
    }


def summary_values(path: Path) -> dict:
    wb = load_workbook(path, data_only=True)
    return {(ws.title, c.coordinate): c.value for ws in wb for row in ws.iter_rows() for c in row if c.value}


@needs_office
def test_a_master_run_again_takes_its_pdfs_from_the_cache_and_a_change_is_converted(tmp_path):
    cache = OfficeCache(tmp_path / "cache", office.identity())
    first = run_pipeline(MASTER, tmp_path / "first", office_cache=cache)
    converted = cache.misses
    assert first.valid and cache.hits == 0 and converted >= 84  # -- 82 documents' PDFs, front matter, summary --
    run_pipeline(MASTER, tmp_path / "again", office_cache=cache)
    assert cache.hits == converted and cache.misses == converted, "nothing was converted again"
    assert pdf_texts(tmp_path / "again") == pdf_texts(tmp_path / "first")
    assert summary_values(tmp_path / "again" / "summary.xlsx") == summary_values(tmp_path / "first" / "summary.xlsx")

    edited = tmp_path / "edited.xlsx"
    wb = load_workbook(MASTER)
    assert wb["แผนรายปี"]["A4"].value == 2566
    wb["แผนรายปี"]["F4"] = 987_654  # -- one project's budget in 2566 --
    wb.save(edited)
    hits = cache.hits
    run_pipeline(edited, tmp_path / "edited", office_cache=cache)
    assert 3 <= cache.misses - converted <= 6, "the year's table, the book, the summary (and little else)"
    assert cache.hits - hits >= 78
    table = pdf_texts(tmp_path / "edited")["2566/ตาราง 2566.pdf"]
    assert "987,654" in table and "987,654" not in pdf_texts(tmp_path / "first")["2566/ตาราง 2566.pdf"]
    book = next((tmp_path / "edited").glob("แผนปฏิบัติการป้องกันการทุจริต *.pdf"))
    assert "987,654" in "".join(page.extract_text() for page in PdfReader(book).pages)
    totals = summary_values(tmp_path / "edited" / "summary.xlsx")
    assert totals != summary_values(tmp_path / "first" / "summary.xlsx")
