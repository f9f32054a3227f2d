import unicodedata

import pytest

from pipeline.render.word.filenames import DEFAULT_MAX, MAX_BYTES, safe_child, safe_filename, unique_name


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ลำดับที่ 08 โครงการจัดเวทีประชาคม", "ลำดับที่ 08 โครงการจัดเวทีประชาคม"),
        ('a<b>c:d"e/f\\g|h?i*j', "a b c d e f g h i j"),
        ("../../etc/passwd", "etc passwd"),
        ("name. . ", "name"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Lpt9", "_Lpt9"),
        ("COM10", "COM10"),
        ("", "ไม่มีชื่อ"),
        ("...", "ไม่มีชื่อ"),
        ("tab\tand\nnewline", "tab and newline"),
    ],
)
def test_safe_filename_cleans(raw, expected):
    assert safe_filename(raw) == expected


def test_project_named_like_an_escape_stays_inside(tmp_path):
    name = safe_filename("../../CON:x", suffix=".docx")
    path = safe_child(tmp_path, name)
    path.write_text("x")
    assert path.parent == tmp_path
    assert ".." not in name and ":" not in name and "/" not in name
    assert list(tmp_path.iterdir()) == [path]


def test_safe_child_refuses_escape(tmp_path):
    with pytest.raises(ValueError):
        safe_child(tmp_path, "../x")


def test_long_thai_name_truncated_by_characters_not_splitting_marks():
    # every consonant carries a tone mark; 45 characters would cut between a pair
    text = "ก่" * 100
    name = safe_filename(text, max_len=50, suffix=".docx")
    stem = name[:-5]
    assert name.endswith(".docx")
    assert stem == "ก่" * 22  # backed off to 44, never leaving "่" alone
    assert not unicodedata.category(name[len(stem)]).startswith("M")
    name.encode("utf-8")  # still valid text


def test_truncation_is_by_characters_within_the_filesystem_byte_limit():
    text = "โครงการ" * 30  # 210 characters, 630 bytes in UTF-8
    assert len(safe_filename(text, max_len=70)) == 70
    long = safe_filename(text, max_len=200, suffix=".docx")
    assert len(long.encode("utf-8")) <= 255  # ext4 and APFS refuse longer names
    assert long.endswith(".docx")


def test_default_name_can_be_created(tmp_path):
    name = safe_filename("ลำดับที่ 02 " + "โครงการฝึกอบรมการส่งเสริมคุณธรรม" * 5, suffix=".docx")
    assert name.startswith("ลำดับที่ 02 โครงการฝึกอบรม") and name.endswith(".docx")
    assert len(name) <= DEFAULT_MAX and len(name.encode("utf-8")) <= MAX_BYTES
    (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [name]  # the file system kept the name as given


def test_unique_name_case_insensitive():
    taken: set[str] = set()
    assert unique_name("ตาราง.docx", taken) == "ตาราง.docx"
    assert unique_name("ตาราง.docx", taken) == "ตาราง (2).docx"
    assert unique_name("A.docx", taken) == "A.docx"
    assert unique_name("a.DOCX", taken) == "a (2).DOCX"
    assert unique_name("noext", taken) == "noext"
    assert unique_name("NOEXT", taken) == "NOEXT (2)"


def test_real_project_names_are_cut_between_words(tmp_path):
    """The issue's names ended "…ตำบลโ", "…ด้วยคว", "…การทุจ"; each name now ends where a word
    ends (PyThaiNLP with the plan's words), and the file name is a prefix of the project name."""
    from pipeline.render.word.word import render_documents
    from pipeline.text.thai_words import word_starts
    from pipeline.workbook.reader import read_plan
    from tests.conftest import MASTER

    plan = read_plan(MASTER)
    render_documents(plan, tmp_path, years=[2566])
    names = {p.seq: p.name for p in plan.projects}
    stems = [path.stem for path in (tmp_path / "2566").glob("ลำดับที่ *.docx")]
    assert len(stems) == 15
    cut = 0
    for stem in stems:
        seq, shown = int(stem.split()[1]), stem.split(" ", 2)[2]
        full = names[seq].replace("/", " ")  # the one character the real names need cleaned
        assert full.startswith(shown), stem
        assert len(shown) in word_starts(full), stem  # ends where a word ends
        cut += shown != full
        assert not stem.endswith(("ตำบลโ", "ด้วยคว", "การทุจ", "ส่วน", "การ"))
    assert cut >= 10  # most real names are longer than the limit, so this is tested
