"""Project sheets: sections ๑.-๙. into the Project fields.

A sheet starts at its heading alone on a line: 'ลำดับที่ ๑' (the e-plan's), 'โครงการที่ 1' or
'ตัวอย่างที่ 1' (books written from the anti-corruption commission's guide), which gives its number.
Without one, a sheet starts at its section 1 '1. ชื่อโครงการ : …' when that follows a sheet already
under way (numbered after it). Headings may use Thai or Arabic digits, the name of a section may
stand on the heading line after a colon, and section ๙'s 'ผลผลิต' / 'ผลลัพธ์' may be numbered
('9.1 ผลผลิต') or have their text after a colon."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline import contract as c
from pipeline.text.thai import arabic_digits
from pipeline.workbook.cells import parse_budget

from .anomalies import Anomaly, anomaly
from .source import Line
from .text import DIGIT, norm, number, split_items, split_paragraphs

SHEET = re.compile(rf"^(?:ลำดับที่|โครงการที่|ตัวอย่างที่)\s*(?P<seq>{DIGIT}+)\s*[.:]?$")
HEADING = re.compile(r"^(?P<n>[๑-๙1-9])\.\s*(?P<rest>.*)$")
# Section number -> the words its heading may start with (checked, so "๒.๑)" etc. never match).
SECTIONS = {
    1: ("ชื่อโครงการ",),
    2: ("หลักการและเหตุผล", "หลักการเหตุผล", "ที่มาและความสำคัญ"),
    3: ("วัตถุประสงค์",),
    4: ("กลุ่มเป้าหมาย", "เป้าหมาย"),
    5: ("วิธีดำเนินการ", "วิธีการดำเนินการ", "วิธีดำเนินงาน", "วิธีการดำเนินงาน", "ขั้นตอนการดำเนินการ"),
    6: ("ระยะเวลา",),
    7: ("งบประมาณ",),
    8: ("ผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ", "หน่วยงานรับผิดชอบ"),
    9: ("ผลผลิต", "ผลลัพธ์", "ตัวชี้วัด"),
}
OUTPUTS, OUTCOMES = "ผลผลิต", "ผลลัพธ์"
# -- section ๙'s sub-headings: "ผลผลิต", "9.1 ผลผลิต", "ผลลัพธ์ (Outcome) : …" --
RESULT_PART = re.compile(
    rf"^(?:\(?{DIGIT}+(?:\.{DIGIT}+)*[.)]?\s*|[-•]\s*)?(?P<part>{OUTPUTS}|{OUTCOMES})"
    r"\s*(?:\([A-Za-z ]+\))?\s*(?:$|[:：]\s*(?P<rest>.*)$)"
)
NO_BUDGET = "ไม่ใช้งบประมาณ"
NOISE = {"-", "–"}  # a lone dash the PDF left at the end of a sheet


@dataclass
class Sheet:
    seq: int
    where: str
    name: str = ""
    sections: dict[int, list[Line]] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    part: str = OUTPUTS  # which sub-heading of section ๙ the lines belong to
    openers: tuple[str, ...] = ()  # words that start a paragraph besides text.PARAGRAPH_OPENERS

    def fields(self) -> dict:
        s = self.sections
        return dict(
            rationale=split_paragraphs(s.get(2, []), self.openers),
            objectives=split_items(self.texts(3)),
            target_group=split_paragraphs(s.get(4, []), self.openers),
            method=split_items(self.texts(5)),
            responsible=split_paragraphs(s.get(8, []), self.openers),
            outputs=split_items(self.outputs),
            outcomes=split_items(self.outcomes),
        )

    def texts(self, section: int) -> list[str]:
        return [line.text for line in self.sections.get(section, [])]

    def period_years(self) -> list[int]:
        return [int(y) for y in re.findall(r"\d{4}", arabic_digits(" ".join(self.texts(6))))]

    def budget(self) -> Decimal | None:
        text = norm(" ".join(self.texts(7)))
        if NO_BUDGET in text:
            return Decimal(0)
        match = re.search(rf"({DIGIT}[๐-๙0-9,.]*)\s*บาท", text)
        return parse_budget(match[1])[0] if match else None


def starts_sheet(text: str) -> bool:
    """A sheet's heading ('ลำดับที่ ๑', 'โครงการที่ 1', 'ตัวอย่างที่ 1') or its section 1."""
    heading = _heading(text)
    return bool(SHEET.match(text)) or (heading is not None and heading[0] == 1)


def parse_sheets(lines: list[Line], anomalies: list[Anomaly], organisation: str = "") -> list[Sheet]:
    """The sheets in `lines`; a paragraph may start with the `organisation` (its own name as subject)."""
    sheets: list[Sheet] = []
    section = None
    for line in lines:
        text = line.text
        if text in NOISE:
            continue
        if m := SHEET.match(text):
            sheets.append(Sheet(number(m["seq"]), line.where, openers=(organisation,)))
            section = None
            continue
        heading = _heading(text)
        if heading and heading[0] == 1 and (not sheets or sheets[-1].name or sheets[-1].sections):
            # -- a section 1 after a sheet under way (or before any): the next sheet, unheaded --
            seq = sheets[-1].seq + 1 if sheets else 1
            sheets.append(Sheet(seq, line.where, openers=(organisation,)))
            section = None
        if not sheets:
            continue
        sheet = sheets[-1]
        if heading and (section is None or heading[0] > section):
            section, rest = heading
            if section == 1:
                sheet.name = rest
            elif rest and section == 9:
                _results_line(sheet, rest)
            elif rest:
                sheet.sections.setdefault(section, []).append(Line(rest, line.where, True))
            continue
        if section == 1:
            sheet.name = norm(f"{sheet.name} {text}")
        elif section == 9:
            _results_line(sheet, text)
        elif section is not None:
            sheet.sections.setdefault(section, []).append(line)
    for sheet in sheets:
        _check(sheet, anomalies)
    return sheets


def _heading(text: str) -> tuple[int, str] | None:
    """(section number, text after the heading's colon) for a line like '๑. ชื่อโครงการ : ...'."""
    m = HEADING.match(text)
    if not m:
        return None
    n = number(m["n"])
    words = next((w for w in SECTIONS[n] if m["rest"].startswith(w)), None)
    if words is None:
        return None
    rest = m["rest"][len(words) :]
    return n, norm(rest.split(":", 1)[1]) if ":" in rest else ""


def _results_line(sheet: Sheet, text: str) -> None:
    if m := RESULT_PART.match(text):
        sheet.part = m["part"]
        text = norm(m["rest"] or "")
        if not text:
            return
    (sheet.outcomes if sheet.part == OUTCOMES else sheet.outputs).append(text)


def _check(sheet: Sheet, anomalies: list[Anomaly]) -> None:
    at = f"รายละเอียดโครงการ ลำดับที่ {sheet.seq} ({sheet.where})"
    if not sheet.name:
        anomalies.append(anomaly("project-name-missing", sheet.where, at=at))
    fields = sheet.fields()
    empty = [header for header, (attr, _) in c.PROJECT_SECTIONS.items() if not fields[attr]]
    if empty:
        anomalies.append(anomaly("project-section-empty", sheet.where, at=at, sections=", ".join(empty)))
