"""Nothing of the source's announcement and project sheets is lost on the way into the workbook.

Every content line must appear, ignoring all whitespace, inside some cell of the committed master.
Deliberate exceptions, each named below: headings, item numbers, the announcement's structural
lines (rebuilt by the templates from settings), the signer's parentheses, the stray '-' that ends
sheet ๑๓, and sections ๖/๗, which are derived from the yearly rows and checked against them.
Two clean-ups of the extraction are undone before comparing: a sub-item number printed "(๓.๒)"
is kept as "๓.๒)", and a web address loses its '<' '>'.
"""

import re
import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pipeline.text.thai import arabic_digits
from pipeline.workbook.reader import read_plan
from tests.conftest import SOURCE

HEADING = re.compile(
    r"^[๑-๙]\.\s*(ชื่อโครงการ|หลักการและเหตุผล|วัตถุประสงค์|กลุ่มเป้าหมาย|วิธีดำเนินการ"
    r"|ระยะเวลาดำเนินการ|งบประมาณที่ใช้ในการดำเนินการ|ผู้รับผิดชอบ|ผลผลิต/ผลลัพธ์)\s*:?\s*"
)
SUBHEADINGS = {"ผลผลิต", "ผลลัพธ์"}
SHEET = re.compile(r"^ลำดับที่\s*([๐-๙]+)$")
ITEM_NUMBER = re.compile(r"^(-\s*)?([๐-๙0-9]+\)\s*)+")
ANNOUNCEMENT_STRUCTURE = (
    re.compile(r"^ประกาศองค์การบริหารส่วน"),  # title line
    re.compile(r"^เรื่อง "),  # subject line
    re.compile(r"^\(พ\.ศ\. .*\) ของ"),  # the plan's years and organisation
    re.compile(r"^จึงประกาศมาให้ทราบโดยทั่วกัน$"),
    re.compile(r"^ประกาศ ณ วันที่ "),  # a real date cell, checked below
)
NOISE = {"-"}  # the stray dash that ends sheet ๑๓


def cleaned(line: str) -> str:
    """The source line as the importer keeps it: "(๓.๒)" -> "๓.๒)", "<https://…>" -> "https://…"."""
    line = re.sub(r"\((?=[๐-๙]+(?:\.[๐-๙]+)+\))", "", line)
    return re.sub(r"<((?:https?://|www\.)[^<>\s]+)>", r"\1", line)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def source_parts():
    lines = [line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    first_table = next(i for i, line in enumerate(lines) if line.startswith("แผนปฏิบัติการป้องกันการทุจริต พ.ศ."))
    first_sheet = next(i for i, line in enumerate(lines) if SHEET.match(line))
    return lines[:first_table], lines[first_sheet:]


@pytest.fixture
def cells(master_path):
    wb = load_workbook(master_path)
    text = "\x00".join(
        squash(str(v)) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None
    )
    wb.close()
    return text


def test_announcement_lines_are_in_the_workbook(cells, master_path):
    announcement, _ = source_parts()
    checked = 0
    for line in filter(None, announcement):
        if any(p.match(line) for p in ANNOUNCEMENT_STRUCTURE):
            continue
        line = line[1:-1] if line.startswith("(") and line.endswith(")") else line  # signer
        assert squash(line) in cells, line
        checked += 1
    assert checked == 4  # two body paragraphs, signer, position
    assert read_plan(master_path).settings.announce_date == date(2022, 9, 30)


def test_project_sheet_lines_are_in_the_workbook(cells, master_path):
    _, sheets = source_parts()
    derived = {}  # (seq, section) -> lines of sections ๖ and ๗
    seq = section = None
    checked = 0
    for line in filter(None, sheets):
        if m := SHEET.match(line):
            seq = int(arabic_digits(m[1]))
            continue
        if m := HEADING.match(line):
            section = int(arabic_digits(line[0]))
            line = line[m.end() :]  # ๑. ชื่อโครงการ : <name> keeps the name
            if not line:
                continue
        if line in SUBHEADINGS or line in NOISE:
            continue
        if section in (6, 7):
            derived.setdefault((seq, section), []).append(line)
            continue
        line = line[ITEM_NUMBER.match(line).end() :] if ITEM_NUMBER.match(line) else line
        if line:
            assert squash(cleaned(line)) in cells, f"ลำดับที่ {seq}: {line}"
            checked += 1
    assert checked > 400
    _check_derived(derived, read_plan(master_path))


def _check_derived(derived: dict, plan) -> None:
    """Sections ๖ (period) and ๗ (budget) against the yearly rows of the same project."""
    assert len(derived) == 30
    for (seq, section), lines in derived.items():
        text = arabic_digits(" ".join(lines))
        code = f"P{seq:02d}"
        year = 2566
        row = next(r for r in plan.rows_for(year) if r.project_code == code)
        if section == 6:
            assert text == f"ปีงบประมาณ พ.ศ. {year}"
        elif text == "ดำเนินการโดยไม่ใช้งบประมาณ":
            assert row.budget == 0, code
        else:
            amount = re.fullmatch(r"งบประมาณ จำนวน (\d+) บาท", text)
            assert amount and row.budget == Decimal(amount[1]), code
