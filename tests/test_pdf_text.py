"""The PDFs' text, read back with `pdftotext`: searchable as typed, no word split across lines.

The counting is bench/count_split_words.py's (the same numbers the README reports).
"""

import shutil
import subprocess

import pytest
from conftest import MASTER, SOURCE

from bench.count_split_words import pdf_lines, splits
from pipeline.cli import main
from pipeline.office import soffice as office
from pipeline.render.word.linebreak import INVISIBLE
from pipeline.text.thai_words import CUSTOM_WORDS

pytestmark = pytest.mark.skipif(
    office.find_soffice() is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler not installed"
)
BOOK = "แผนปฏิบัติการป้องกันการทุจริต 2566-2570.pdf"
TABLE_TITLE = "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. "
ISSUE_WORDS = {"ท้องถิ่น", "ร้องเรียน", "สมัครใจ", "ปราบปราม", "เผยแพร่"}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf-text")
    assert main(["run", str(MASTER), "--out", str(folder), "-q"]) == 0
    return folder


def text_of(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_no_english_word_web_address_or_letter_and_its_mark_is_split(out):
    found = [s for pdf in sorted(out.rglob("*.pdf")) for s in splits(pdf_lines(pdf))]
    assert [s for s in found if s[0] in ("english", "url", "angle-url", "mark")] == []


def test_thai_words_the_issue_names_are_never_split(out):
    """ท้อง|ถิ่น, ร้อง|เรียน, สมัคร|ใจ, ปราบ|ปราม, เผย|แพร่: 36 such splits in a run's PDFs before
    the break marks; none now. (Words after a vowel or tone mark, such as ประพฤติมิ|ชอบ, are left
    to LibreOffice: see pipeline/render/linebreak.py.)"""
    found = [s for pdf in sorted(out.rglob("*.pdf")) for s in splits(pdf_lines(pdf)) if s[0] == "thai"]
    split_words = [
        (left, right)
        for _, left, right in found
        if any(left.endswith(w[:i]) and right.startswith(w[i:]) for w in ISSUE_WORDS for i in range(1, len(w)))
    ]
    assert split_words == []
    assert ISSUE_WORDS <= CUSTOM_WORDS


def count_outside_titles(lines):
    """Occurrences of "ป้องกัน" outside the table titles, and the set of table titles: the source
    repeats each title on each table page, which depends on the page layout."""
    body = sum(line.count("ป้องกัน") for line in lines if not line.startswith(TABLE_TITLE))
    return body, {line for line in lines if line.startswith(TABLE_TITLE)}


def book_parts_text(out) -> dict:
    parts = [out / "ประกาศ.pdf", *sorted(out.glob("*/ตาราง *.pdf")), *sorted((out / "2566").glob("ลำดับที่ *.pdf"))]
    return {pdf: text_of(pdf) for pdf in parts}


def test_break_marks_leave_the_text_searchable(out):
    """pdftotext gives the words as typed: no ZWSP/WORD JOINER, the year tables' titles, the
    phrases the issue searched for."""
    expected, source_titles = count_outside_titles(SOURCE.read_text(encoding="utf-8").splitlines())
    texts = book_parts_text(out)
    assert not any(mark in text for text in texts.values() for mark in INVISIBLE)
    found, titles = count_outside_titles([line.strip() for text in texts.values() for line in text.splitlines()])
    assert titles == source_titles and len(titles) == 5
    assert found == expected
    book = text_of(out / BOOK)
    assert not any(mark in book for mark in INVISIBLE)
    assert "ป้ องกัน" not in book and "เป็ น" not in book and "ปั ญหา" not in book
    for phrase in ("แผนปฏิบัติการป้องกันการทุจริต", "ไม่มีเรื่องร้องเรียนเรื่องสินบน", "NO Gift Policy", "https://ggde.nacc.go.th"):
        assert phrase in book.replace("\n", ""), phrase


def test_the_plan_titles_word_is_found_as_typed(out):
    """คุณธรรม (เพื่อยกระดับคุณธรรมและความโปร่งใส) has no joiner: with one, pdftotext read "คุณ ธรรม" in
    8 of the 39 places. One is still lost: sheet ๔'s justified line "“มาตรการส่งเสริมคุณธรรม…", whose
    few spaces make LibreOffice spread its letters apart."""
    source = SOURCE.read_text(encoding="utf-8")
    texts = book_parts_text(out).values()
    assert sum(text.count("คุณธรรม") for text in texts) == source.count("คุณธรรม") - 1 == 38
    assert sum(text.count("จริยธรรม") for text in texts) == source.count("จริยธรรม") == 16


def test_the_joined_words_are_found_as_typed(out):
    """LibreOffice gets U+FEFF where the .docx has a WORD JOINER (linebreak.OFFICE_WJ): with U+2060 it
    added justification space there, and pdftotext read "ปราบ ปราม" and "ท้อง ถิ่น". The 5 ท้องถิ่น
    still lost are on lines LibreOffice justifies by spreading every letter ("ส่ว นท้อ งถิ่น")."""
    source = SOURCE.read_text(encoding="utf-8")
    texts = book_parts_text(out).values()
    assert sum(text.count("ปราบปราม") for text in texts) == source.count("ปราบปราม") == 6
    assert sum(text.count("ร้องเรียน") for text in texts) == source.count("ร้องเรียน") - 1 == 75
    assert sum(text.count("ท้องถิ่น") for text in texts) == source.count("ท้องถิ่น") - 5 == 160


def test_every_occurrence_in_the_source_is_found_in_the_pdfs(out):
    expected, _ = count_outside_titles(SOURCE.read_text(encoding="utf-8").splitlines())
    texts = book_parts_text(out)
    found, _ = count_outside_titles([line.strip() for text in texts.values() for line in text.splitlines()])
    assert found == expected == 43
