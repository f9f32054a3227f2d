"""Issue 22: the plan book `pipeline run` writes imports back to the master it was made from.

For the real master, the monitoring sample, a municipality's, a large synthetic one and one with
several paragraphs in every section (tests/book_masters.py): run, import the book .docx, compare
settings, มิติ, every yearly row and every project sheet's sections; the same after LibreOffice
Writer saved the book again, as an office's Word would. A book whose parts contradict each other is
refused: exit 2, a message that names what disagrees, nothing written.
"""

import zipfile
from pathlib import Path

import pytest
from docx import Document

from pipeline.cli import main
from pipeline.importer import import_planbook
from pipeline.importer.blocks import Line
from pipeline.importer.front import parse_front
from pipeline.importer.text import split_paragraphs
from pipeline.office.soffice import convert, find_soffice
from pipeline.render.word.word import render_documents
from pipeline.workbook.cells import clean_text
from pipeline.workbook.reader import read_plan
from tests.book_masters import (
    MUNICIPALITY,
    differences,
    multi_paragraph_plan,
    municipality_plan,
    synthetic_plan,
    with_sheets,
    write_master,
)
from tests.conftest import MASTER, SOURCE

needs_lo = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
MASTERS = ("real", "sample", "municipality", "synthetic", "multi-paragraph")
# -- what the importer notes in each book: the real plan lists โครงการจัดเวทีประชาคม twice in 2569,
#    and three of its projects (๗, ๑๓, ๑๔) carry a word in no dictionary, which their sheets
#    print again (the synthetic plan clones those three into seven; the municipality has none) --
SLIP = "word-not-in-dictionary"
NOTES = {
    "real": ["duplicate-row"] + [SLIP] * 3,
    "sample": ["duplicate-row"] + [SLIP] * 3,
    "municipality": [],
    "synthetic": [SLIP] * 7,
    "multi-paragraph": ["duplicate-row"] + [SLIP] * 3,
}


@pytest.fixture(scope="module")
def made(tmp_path_factory, sample_master):
    """name -> (master, plan book .docx of a no-PDF run), each made once, when first asked for."""
    cache: dict[str, tuple[Path, Path]] = {}

    def get(name: str) -> tuple[Path, Path]:
        if name not in cache:
            folder = tmp_path_factory.mktemp(name)
            master = {
                "real": lambda: MASTER,
                "sample": lambda: sample_master,
                "municipality": lambda: write_master(municipality_plan(), folder / "master.xlsx"),
                "synthetic": lambda: write_master(synthetic_plan(40), folder / "master.xlsx"),
                "multi-paragraph": lambda: write_master(multi_paragraph_plan(), folder / "master.xlsx"),
            }[name]()
            assert main(["run", str(master), "--out", str(folder / "out"), "--no-pdf", "-q"]) == 0
            (book,) = (folder / "out").glob("แผนปฏิบัติการป้องกันการทุจริต *.docx")
            cache[name] = master, book
        return cache[name]

    return get


def imported(book: Path, folder: Path) -> Path:
    back = folder / "back.xlsx"
    assert main(["import", str(book), "-o", str(back)]) == 0
    return back


def resaved(book: Path, folder: Path) -> Path:
    """The book opened and saved by LibreOffice Writer (`soffice --convert-to docx`)."""
    return convert([book], "docx", folder / "resaved")[0]


@pytest.mark.parametrize("name", MASTERS)
def test_book_imports_back_to_its_master(made, name, tmp_path):
    master, book = made(name)
    original = read_plan(master)
    back = read_plan(imported(book, tmp_path))
    assert differences(original, back) == []
    assert len(back.rows) == len(original.rows) and with_sheets(original)
    assert [a.code for a in import_planbook(book).anomalies] == NOTES[name]


@needs_lo
@pytest.mark.parametrize("name", MASTERS)
def test_book_resaved_by_writer_imports_back(made, name, tmp_path):
    master, book = made(name)
    copy = resaved(book, tmp_path)
    assert copy.read_bytes() != book.read_bytes()
    assert differences(read_plan(master), read_plan(imported(copy, tmp_path))) == []


def test_contents_with_page_numbers(tmp_path):
    """The สารบัญ of a run with PDFs has page numbers after each title, up to two digits: none is
    read into a year ('… พ.ศ. ๒๕๗๐' then '๑๐')."""
    plan = read_plan(MASTER)
    books: list = []
    render_documents(plan, tmp_path / "out", book_out=books)
    (book,) = books
    path = book.write_docx([3] * len(book.parts))
    lines = [clean_text(p.text) for p in Document(str(path)).paragraphs]
    assert "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ๒๕๗๐\t๑๖" in lines
    result = import_planbook(path)
    assert differences(plan, result.plan) == []
    assert [a.code for a in result.anomalies] == NOTES["real"]


def test_page_number_run_into_the_year_is_not_read_into_it():
    front = parse_front([Line("สารบัญ", "ย่อหน้า 1"), Line("แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ๒๕๗๐๑๖", "ย่อหน้า 2")])
    assert front.table_years() == [(2570, "ย่อหน้า 2")]


def test_preface_the_book_gets_by_default_stays_empty(made, tmp_path):
    """The real master has no คำนำ: its book prints the default one, which is not imported as
    staff's text (the municipality's own คำนำ is, in test_book_imports_back_to_its_master)."""
    master, book = made("real")
    assert read_plan(master).settings.preface == []
    assert import_planbook(book).plan.settings.preface == []
    assert read_plan(made("municipality")[0]).settings.preface


# -- books that contradict themselves: exit 2, what disagrees, nothing written --


def edited(book: Path, target: Path, old: str, new: str) -> Path:
    """A copy of `book` with `old` (found exactly once in its body) replaced by `new`."""
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert text.count(old) == 1, old
                data = text.replace(old, new).encode("utf-8")
            dst.writestr(item, data)
    return target


def refused(book: Path, tmp_path: Path, capsys) -> str:
    """Import `book` over an existing master with --force: exit 2, the master untouched."""
    out = tmp_path / "master.xlsx"
    out.write_bytes(b"staff's own master")
    assert main(["import", str(book), "-o", str(out), "--force"]) == 2
    assert out.read_bytes() == b"staff's own master"
    err = capsys.readouterr().err
    assert err.startswith("ผิดพลาด: ") and "Traceback" not in err and "ไม่ได้เขียนสมุดงานหลัก" in err
    return err


def test_table_renamed_to_another_year_in_the_plan(made, tmp_path, capsys):
    _, book = made("real")
    err = refused(edited(book, tmp_path / "b.docx", "พ.ศ. 2567 ", "พ.ศ. 2568 "), tmp_path, capsys)
    assert "สารบัญ" in err and "2566, 2567, 2568, 2569, 2570" in err and "2566, 2568, 2569, 2570" in err
    assert "ตารางปี 2568 (ตารางที่ 3 แถว 4) เริ่มลำดับใหม่ที่ 1 ทั้งที่ปี 2568 มีถึงลำดับ 15 แล้ว" in err


def test_table_renamed_to_a_year_outside_the_plan(made, tmp_path, capsys):
    _, book = made("real")
    err = refused(edited(book, tmp_path / "b.docx", "พ.ศ. 2570 ", "พ.ศ. 2571 "), tmp_path, capsys)
    assert "ตารางแผนรายปี พ.ศ. 2571 (ตารางที่ 5) อยู่นอกปีของแผน 2566-2570" in err


def test_announcement_title_removed(made, tmp_path, capsys):
    """Without its 'ประกาศองค์การ…' line the only 'ประกาศ…' line left is the สารบัญ's 'ประกาศใช้แผน':
    'ใช้แผน' is no organisation, and the import says so instead of writing it."""
    _, book = made("real")
    document = Document(str(book))
    (title,) = [p for p in document.paragraphs if clean_text(p.text) == "ประกาศองค์การบริหารส่วนตำบลโคกสำโรง"]
    title._p.getparent().remove(title._p)
    document.save(str(tmp_path / "b.docx"))
    err = refused(tmp_path / "b.docx", tmp_path, capsys)
    assert "อ่านชื่อหน่วยงาน 'ใช้แผน' จากบรรทัด 'ประกาศใช้แผน'" in err


def test_title_line_disagrees_with_the_tables_own_title(made, tmp_path, capsys):
    _, book = made("real")
    document = Document(str(book))
    line = document.add_paragraph("แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2570")
    document.tables[1]._tbl.addprevious(line._p)
    document.save(str(tmp_path / "b.docx"))
    err = refused(tmp_path / "b.docx", tmp_path, capsys)
    assert "ตาราง (ตารางที่ 2) มีชื่อในแถวหัวตารางว่า พ.ศ. 2567 แต่บรรทัดชื่อตารางก่อนหน้า" in err
    assert "ระบุ พ.ศ. 2570" in err


def test_text_book_with_a_table_under_another_years_title(tmp_path, capsys):
    """A source book (text, no สารบัญ) whose 2567 tables are titled 2566 starts 2566's numbering again."""
    text = SOURCE.read_text(encoding="utf-8")
    old = "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2567 ของ"
    assert text.count(old) == 2
    (tmp_path / "plan.txt").write_text(text.replace(old, old.replace("2567", "2566")), encoding="utf-8")
    err = refused(tmp_path / "plan.txt", tmp_path, capsys)
    assert "ตารางปี 2566" in err and "เริ่มลำดับใหม่ที่ 1 ทั้งที่ปี 2566 มีถึงลำดับ 15 แล้ว" in err


def test_a_paragraph_may_open_with_the_organisations_own_name():
    """In a text book nothing marks paragraphs: one opening with the organisation's name, of any
    kind, starts one (the municipality's announcement: "เทศบาลตำบล…ได้จัดทำ…")."""
    lines = ["ด้วยย่อหน้าแรก", "ต่อบรรทัด", f"{MUNICIPALITY}ได้จัดทำแผน", "ต่อ"]
    assert split_paragraphs(lines) == ["ด้วยย่อหน้าแรก ต่อบรรทัด " + f"{MUNICIPALITY}ได้จัดทำแผน ต่อ"]
    assert split_paragraphs(lines, (MUNICIPALITY,)) == ["ด้วยย่อหน้าแรก ต่อบรรทัด", f"{MUNICIPALITY}ได้จัดทำแผน ต่อ"]
