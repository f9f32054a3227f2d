"""Plan books in the shapes other organisations print, built from the real book's own text
(inputs/source; no third-party text), each with the plan the importer must make of it.

The reference is the real book as imported (tests/test_importer.py and test_import_coverage.py
check that import line by line). Each shape changes the book and, in step, what it must give:

- another kind of organisation (เทศบาล…, อบจ., เมืองพัทยา): its name and its head's title in every
  line, and a typing slip in one yearly table's title ("แผ่นปฏิบัติการ…");
- the commission's guide layout: "1. ชื่อโครงการ : …" on the heading line, Arabic digits, each sheet
  headed "ตัวอย่างที่ N" or not headed at all;
- the older multi-year layout: one table per มิติ for all five years, mission headings, no quarters;
- no project sheets, no yearly tables, no ประกาศ: a part cut out;
- legacy-font text: tone and vowel marks as private-use or Windows-1252 characters, a few dropped;
- a PDF: the book as a Word file with ruled tables, printed by LibreOffice.
"""

import re
from dataclasses import dataclass, field, fields, is_dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from pipeline import contract as c
from pipeline.importer import import_planbook
from pipeline.model import Plan, Project, YearRow
from pipeline.text.legacy import BYTE_FORMS, PUA
from pipeline.text.thai import arabic_digits, thai_digits
from tests.conftest import SOURCE

TEXT = SOURCE.read_text(encoding="utf-8")
ORG = "องค์การบริหารส่วนตำบลโคกสำโรง"
HEAD = "นายก" + ORG
SECTIONS = tuple(attr for attr, _ in c.PROJECT_SECTIONS.values())
SLIP = "word-not-in-dictionary"
# -- other kinds of organisation: (name, its head's title) --
KINDS = {
    "municipality": ("เทศบาลตำบลโคกสำโรง", "นายกเทศมนตรีตำบลโคกสำโรง"),
    "city": ("เทศบาลนครนครราชสีมา", "นายกเทศมนตรีนครนครราชสีมา"),
    "province": ("องค์การบริหารส่วนจังหวัดสุรินทร์", "นายกองค์การบริหารส่วนจังหวัดสุรินทร์"),
    "pattaya": ("เมืองพัทยา", "นายกเมืองพัทยา"),
}


@dataclass
class Book:
    """A book to import, the plan it must give and the notes the import must make (codes, in order)."""

    path: Path
    expected: Plan
    notes: list[str]
    validation_errors: bool = False  # -- a part is missing that validation points at --
    # -- compared without their spaces: "names" (a sheet's name re-joined from wrapped lines),
    #    "text" (a PDF loses the space at the end of a printed line) --
    loose: set = field(default_factory=set)


@lru_cache(maxsize=1)
def _reference() -> tuple[Plan, tuple[str, ...]]:
    result = import_planbook(SOURCE)
    return result.plan, tuple(a.code for a in result.anomalies)


def reference() -> Plan:
    return _copy(_reference()[0])


def reference_notes() -> list[str]:
    return list(_reference()[1])


def _copy(value):
    if is_dataclass(value):
        return replace(value, **{f.name: _copy(getattr(value, f.name)) for f in fields(value) if f.init})
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def renamed(value, pairs: list[tuple[str, str]]):
    """`value` (a Plan, or any part of one) with every text's `old` replaced by `new`, in order."""
    if isinstance(value, str):
        for old, new in pairs:
            value = value.replace(old, new)
        return value
    if is_dataclass(value):
        return replace(value, **{f.name: renamed(getattr(value, f.name), pairs) for f in fields(value) if f.init})
    if isinstance(value, list):
        return [renamed(v, pairs) for v in value]
    return value


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def lines() -> list[str]:
    return TEXT.splitlines()


def first(prefix: str) -> int:
    return next(i for i, line in enumerate(lines()) if line.startswith(prefix))


# -- shapes --


def organisation_kind(folder: Path, kind: str) -> Book:
    org, head = KINDS[kind]
    text = TEXT.replace(HEAD, head).replace(ORG, org)
    # -- the 2567 table's first title with a slip: read as no title, the table would carry on 2566 --
    text = text.replace("แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2567 ของ", "แผ่นปฏิบัติการป้องกันการทุจริต พ.ศ. 2567 ของ", 1)
    expected = renamed(reference(), [(HEAD, head), (ORG, org)])
    return Book(write(folder / f"{kind}.txt", text), expected, reference_notes())


def guide(folder: Path, examples: bool) -> Book:
    """Sheets as the guide writes them: '1. ชื่อโครงการ : <name>' and Arabic section numbers,
    headed 'ตัวอย่างที่ N' (examples) or by nothing."""
    out = lines()
    start = first("ลำดับที่ ๑")
    i = start
    while i < len(out):
        line = out[i]
        if m := re.fullmatch(r"ลำดับที่ ([๐-๙]+)", line):
            out[i] = f"ตัวอย่างที่ {arabic_digits(m[1])}" if examples else ""
        elif line.startswith("๑. ชื่อโครงการ :"):
            name = line.removeprefix("๑. ชื่อโครงการ :").strip()
            if not name:
                j = next(k for k in range(i + 1, len(out)) if out[k].strip())
                name, out[j] = out[j], ""
            out[i] = f"1. ชื่อโครงการ : {name}"
        elif m := re.match(r"([๒-๙])\. ", line):
            out[i] = arabic_digits(m[1]) + line[1:]
        i += 1
    name = "guide-examples.txt" if examples else "guide.txt"
    return Book(write(folder / name, "\n".join(out) + "\n"), reference(), reference_notes())


def no_sheets(folder: Path) -> Book:
    text = TEXT.split("ลำดับที่ ๑\n")[0]
    plan = reference()
    # -- the tables' projects, numbered in order of first appearance, without details --
    plan.projects = []
    for r in plan.rows:
        if not any(p.name == r.name for p in plan.projects):
            n = len(plan.projects) + 1
            plan.projects.append(Project(f"P{n:02d}", n, r.name, r.dimension))
        r.project_code = next(p.code for p in plan.projects if p.name == r.name)
    notes = [n for n in reference_notes() if n not in ("duplicate-row", SLIP)] + ["sheets-missing"]
    return Book(write(folder / "no-sheets.txt", text), plan, notes)


def no_tables(folder: Path) -> Book:
    out = lines()
    cut = out[: first("แผนปฏิบัติการป้องกันการทุจริต พ.ศ.")] + out[first("ลำดับที่ ๑") :]
    plan = reference()
    budgets = {}
    for r in plan.rows_for(2566):
        budgets[r.project_code] = budgets.get(r.project_code, Decimal(0)) + r.budget
    # -- each sheet's sections ๖ (2566) and ๗ (its budget) give its one row; no มิติ, no quarters --
    plan.rows = [
        YearRow(2566, p.seq, p.code, p.name, 0, budgets[p.code], (False,) * 4)
        for p in sorted(plan.projects, key=lambda p: p.seq)
    ]
    plan.dimensions = []
    for p in plan.projects:
        p.dimension = 0
    plan.settings.data_as_of, plan.settings.reporter = None, ""
    notes = ["tables-missing"] + [SLIP] * 3
    # -- the names are the sheets' own, re-joined from their wrapped lines: the same but for spaces --
    path = write(folder / "no-tables.txt", "\n".join(cut) + "\n")
    return Book(path, plan, notes, validation_errors=True, loose={"names"})


def no_announcement(folder: Path) -> Book:
    out = lines()
    cut = out[: first("ประกาศ" + ORG)] + out[first(HEAD) + 1 :]
    plan = reference()
    s = plan.settings
    s.announce_date, s.signer, s.signer_position, s.announcement_body = None, "", "", []
    s.plan_title = "แผนปฏิบัติการป้องกันการทุจริต"
    notes = ["announcement-missing"] + reference_notes()
    return Book(write(folder / "no-announcement.txt", "\n".join(cut) + "\n"), plan, notes, validation_errors=True)


# -- the multi-year layout --

MISSIONS = (
    "{d}.1 การป้องกันการทุจริตตาม{name}",
    "1.1.1 โครงการและมาตรการที่ดำเนินการเองภายในหน่วยงาน",
    "1.1.2 โครงการและมาตรการที่ดำเนินการร่วมกับประชาชนและหน่วยงานอื่น",
)


def multiyear(folder: Path) -> Book:
    """The yearly tables replaced by one table per มิติ over the plan's five years: 'มิติที่ N. …'
    before it, a mission heading '๑.๑ …' beside its first project and '1.1.1 …' / '1.1.2 …' below
    (as a merged cell prints them), the projects as '๑) …' with each year's budget or '-'."""
    ref = reference()
    years = ref.settings.years
    projects: dict[str, dict] = {}  # code -> {name, dimension, budgets}
    for r in sorted(ref.rows, key=lambda r: (r.year, r.order)):
        p = projects.setdefault(r.project_code, {"name": r.name, "dimension": r.dimension, "budgets": {}})
        p["budgets"][r.year] = p["budgets"].get(r.year, Decimal(0)) + r.budget
    text = ["แผ่นปฏิบัติการป้องกันการทุจริต 5 ปี (พ.ศ. 2566 - 2570)"]
    expected_rows: list[YearRow] = []
    orders = {y: 0 for y in years}
    for dim in ref.dimensions:
        d = dim.number
        members = [(code, p) for code, p in projects.items() if p["dimension"] == d]
        level2 = MISSIONS[0].format(d=thai_digits(d), name=dim.name).replace(".1 ", ".๑ ", 1)
        level3 = [m.replace("1.1.", f"{d}.1.", 1) for m in MISSIONS[1:]]
        text += [f"มิติที่ {d}. {dim.name}", ""]
        text.append(
            "\t".join(["ภารกิจตามมิติ", "โครงการ/กิจกรรม/มาตรการ", *[f"ปี {thai_digits(y)}" for y in years], "หมายเหตุ"])
        )
        text.append("\t".join(["", "", *["งบประมาณ (บาท)"] * len(years), ""]))
        half = (len(members) + 1) // 2
        for n, (code, p) in enumerate(members):
            mission = level2 if n == 0 else level3[0] if n == 1 else level3[1] if n == half else ""
            cells = [f"{p['budgets'][y]:,.0f}" if y in p["budgets"] else "-" for y in years]
            text.append("\t".join([mission, f"{thai_digits(n + 1)}) {p['name']}", *cells, ""]))
            # -- the first project sits beside ๑.๑, whose first sub-heading 1.1.1 is printed lower --
            path = [level2, level3[0] if n < half or half < 2 else level3[1]]
            for y in years:
                if y in p["budgets"]:
                    orders[y] += 1
                    expected_rows.append(
                        YearRow(
                            y, orders[y], code, p["name"], d, p["budgets"][y], (False,) * 4, mission="\n".join(path)
                        )
                    )
        text.append("")
    out = lines()
    cut = out[: first("แผนปฏิบัติการป้องกันการทุจริต พ.ศ.")] + text + out[first("ลำดับที่ ๑") :]
    plan = ref
    plan.rows = sorted(expected_rows, key=lambda r: (r.year, r.order))
    plan.settings.data_as_of, plan.settings.reporter = None, ""
    notes = ["quarters-not-in-source"] + [SLIP] * 3
    return Book(write(folder / "multiyear.txt", "\n".join(cut) + "\n"), plan, notes, validation_errors=True)


# -- legacy-font text --

# -- a Windows Thai font's byte forms as Windows-1252 shows them, and Microsoft's private-use forms --
_BYTE = {thai: form for form, thai in BYTE_FORMS.items() if len(form) == 1 and ord(form) > 0x9F}
_LOW = {v: chr(k) for k, v in PUA.items() if 0xF70A <= k <= 0xF70E}  # tone shifted down
_LOW_LEFT = {v: chr(k) for k, v in PUA.items() if 0xF705 <= k <= 0xF709}  # tone shifted down and left
ASCENDERS = "ปฝฟ"
# -- words whose tone mark the legacy PDF lost outright, in the project sheets --
DROPPED = {"ตัวอย่างที่ดีของสังคม": "ตัวอยางที่ดีของสังคม", "โดยเฉพาะผู้บริหารท้องถิ่น": "โดยเฉพาะผูบริหารท้องถิ่น"}


def legacy_text(text: str) -> str:
    """`text` as a PDF made with a legacy Thai font extracts: a tone mark right after a letter is
    its shifted form, in turn a Windows-1252 character ("ตัวอย‹าง") or a private-use one, shifted
    left after ป ฝ ฟ; Sara Am after a tone is Nikhahit + Sara Aa with the tone before them."""
    out, n = [], 0

    def shifted(m: re.Match) -> str:
        nonlocal n
        n += 1
        letter, tone = m[1], m[2]
        if letter in ASCENDERS:
            return letter + _LOW_LEFT[tone]
        return letter + (_BYTE.get(tone, _LOW[tone]) if n % 2 else _LOW[tone])

    for line in text.splitlines():
        line = re.sub("([\u0e01-\u0e2e])([\u0e48-\u0e4c])(?![\u0e33])", shifted, line)
        out.append(re.sub("([\u0e48-\u0e4b])\u0e33", lambda m: "\u0e4d" + m[1] + "\u0e32", line))
    return "\n".join(out) + "\n"


def legacy(folder: Path, encoding: str = "utf-8") -> Book:
    text = TEXT
    if encoding != "utf-8":  # -- Windows-874 has no ☑: the marks a Thai Windows tool types --
        text = text.replace('<input checked="" type="checkbox"/>', "/").replace("☑", "/")
    for word, broken in DROPPED.items():
        assert text.count(word) == 1, word
        text = text.replace(word, broken)
    damaged = legacy_text(text)
    plan = renamed(reference(), list(DROPPED.items()))
    path = folder / f"legacy-{encoding}.txt"
    if encoding == "utf-8":
        path.write_text(damaged, encoding="utf-8")
    else:  # -- the bytes a Thai Windows tool saves: the font's extra glyphs as their own bytes --
        glyphs = {chr(0xF70A + i): 0x8B + i for i in range(5)} | {chr(0xF705 + i): 0x86 + i for i in range(5)}
        glyphs |= {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
        path.write_bytes(b"".join(bytes([glyphs[ch]]) if ch in glyphs else ch.encode("cp874") for ch in damaged))
    notes = ["legacy-marks-repaired"] + reference_notes() + [SLIP] * len(DROPPED)
    return Book(path, plan, notes)


# -- a PDF: the book as a Word file with ruled tables, then LibreOffice --


def book_docx(path: Path, text: str = TEXT) -> Path:
    """`text` as a Word book: a paragraph per line (none indented: paragraphs are found by the text
    rules, as in the .txt), each tab block a ruled table, A4 landscape as the e-plan prints."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    style = document.styles["Normal"]
    style.font.name, style.font.size = "TH SarabunPSK", Pt(14)
    fonts = style.element.rPr.rFonts  # -- Thai is set in the complex-script font and size --
    fonts.set(qn("w:cs"), "TH SarabunPSK")
    size = OxmlElement("w:szCs")
    size.set(qn("w:val"), "28")
    style.element.rPr.append(size)
    rows: list[list[str]] = []
    widths = (1.3, 11.5, 1.2, 2.8, 1.1, 1.1, 1.1, 1.1, 4.4)  # cm: ลำดับ, ชื่อ, มิติ, งบประมาณ, ไตรมาส ×4, หมายเหตุ

    def flush():
        if not rows:
            return
        columns = max(map(len, rows))
        table = document.add_table(rows=len(rows), cols=columns)
        table.style = "Table Grid"
        for row, cells in zip(table.rows, rows):
            for i, (cell, value) in enumerate(zip(row.cells, cells)):
                cell.text = value.replace('<input checked="" type="checkbox"/>', "☑")
                cell.width = Cm(widths[i] if columns == len(widths) else 25.7 / columns)
        rows.clear()

    for line in text.splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            document.add_paragraph(line)
    flush()
    document.save(str(path))
    return path
