"""The announcement page (ประกาศ) -> the settings it carries."""

import re
from dataclasses import dataclass, field
from datetime import date

from pipeline.workbook.cells import parse_date

from .anomalies import Anomaly, anomaly
from .source import Line
from .text import DIGIT, norm, number, split_paragraphs

TITLE = re.compile(r"^ประกาศ\s*(?P<org>\S.*)$")
SUBJECT = re.compile(r"^เรื่อง\s*(?:ประกาศใช้)?\s*(?P<title>\S.*)$")
YEARS = re.compile(rf"\(\s*พ\.ศ\.\s*(?P<start>{DIGIT}{{4}})\s*[-–]\s*(?P<end>{DIGIT}{{4}})\s*\)")
CLOSING = "จึงประกาศมาให้ทราบโดยทั่วกัน"
DATE = re.compile(r"^ประกาศ\s*ณ\s*วันที่\s*(?P<date>.+)$")
SIGNER = re.compile(r"^\((?P<name>[^()]+)\)$")
CONTENTS_COLUMNS = re.compile(r"^เรื่อง\s*หน้า$")  # the สารบัญ's column heads, not a subject


@dataclass
class Announcement:
    organisation: str = ""
    plan_title: str = ""
    start_year: int | None = None
    end_year: int | None = None
    announce_date: date | None = None
    signer: str = ""
    signer_position: str = ""
    body: list[str] = field(default_factory=list)
    title: Line | None = None  # the 'ประกาศ<organisation>' line


def find_title(lines: list[Line]) -> int | None:
    """Index of the 'ประกาศ<organisation>' line that opens the announcement: the first one whose
    'เรื่อง …' line follows it, so that the สารบัญ entry 'ประกาศใช้แผน' before the announcement is
    not taken for it; without any such pair, the first 'ประกาศ…' line (the organisation read from it
    is then checked against the rest of the book: pipeline.importer.checks)."""
    titles = [i for i, line in enumerate(lines) if TITLE.match(line.text) and not DATE.match(line.text)]
    for i in titles:
        if any(_is_subject(line.text) for line in lines[i + 1 : i + 3]):
            return i
    return titles[0] if titles else None


def _is_subject(text: str) -> bool:
    return bool(SUBJECT.match(text)) and not CONTENTS_COLUMNS.match(text)


def parse_announcement(lines: list[Line], anomalies: list[Anomaly]) -> Announcement:
    out = Announcement()
    start = find_title(lines)
    if start is None:
        return out
    out.title = lines[start]
    out.organisation = norm(TITLE.match(lines[start].text)["org"])
    body_start = start + 1
    for i in range(start + 1, min(start + 4, len(lines))):
        text = lines[i].text
        subject = SUBJECT.match(text)
        if subject:
            out.plan_title = norm(YEARS.split(subject["title"])[0])
            body_start = i + 1
        years = YEARS.search(text)
        if years and out.start_year is None:
            out.start_year, out.end_year = number(years["start"]), number(years["end"])
            body_start = i + 1
    closing = next((i for i in range(body_start, len(lines)) if lines[i].text == CLOSING), len(lines))
    out.body = split_paragraphs(lines[body_start:closing], (out.organisation,))
    for i in range(closing, len(lines)):
        _signature_line(lines, i, out)
    _check(out, lines[start].where, anomalies)
    return out


def _signature_line(lines: list[Line], i: int, out: Announcement) -> None:
    text = lines[i].text
    when = DATE.match(text)
    if when and out.announce_date is None:
        out.announce_date = parse_date(when["date"])
    signer = SIGNER.match(text)
    if signer and not out.signer:
        out.signer = norm(signer["name"])
        if i + 1 < len(lines):
            out.signer_position = lines[i + 1].text


def _check(out: Announcement, where: str, anomalies: list[Anomaly]) -> None:
    missing = [
        label
        for label, value in (
            ("ชื่อแผน (บรรทัด 'เรื่อง ...')", out.plan_title),
            ("ปีของแผน '(พ.ศ. ๒๕๖๖ - ๒๕๗๐)'", out.start_year),
            ("วันที่ประกาศ 'ประกาศ ณ วันที่ ...'", out.announce_date),
            ("ผู้ลงนาม '(ชื่อ นามสกุล)'", out.signer),
            ("เนื้อความประกาศ", out.body),
        )
        if not value
    ]
    for label in missing:
        anomalies.append(anomaly("announcement-incomplete", where, label=label))
