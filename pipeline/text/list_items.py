"""Nested list items as the master keeps them: one line per item.

A project's list (วัตถุประสงค์, วิธีดำเนินการ, ผลผลิต, ผลลัพธ์) is one cell, one item per line.
Top-level items carry no number (the documents number them ๑), ๒)…); a sub-item keeps the
number or dash the plan book prints, which also gives its depth:

    ประชุมคณะทำงานฯ                      top level          -> ๒) ประชุมคณะทำงานฯ
    ๒.๑) กำหนดแนวทาง… ดังนี้              level 1
    ๒.๑.๑) ข้อมูลพื้นฐาน ได้แก่ …         level 2
    - ข้อมูลพื้นฐาน                      one level below the item above it
"""

import re
from dataclasses import dataclass

DIGIT = "[๐-๙0-9]"
# "๒.๑)" at the start of a line; "(๓.๒)" as the PDF extraction sometimes printed it
SUB_NUMBER = re.compile(rf"^\(?(?P<mark>{DIGIT}+(?:\.{DIGIT}+)+\))\s*")
BULLET = re.compile(r"^[-•]\s*")


@dataclass(frozen=True)
class ListLine:
    level: int  # 0 = top-level item
    mark: str  # "" for a top-level item, else "๒.๑)" or "-"
    text: str


def outline(lines: list[str]) -> list[ListLine]:
    """The lines of a list cell with their depth."""
    out: list[ListLine] = []
    numbered_level = 0  # depth of the last numbered (or top-level) line
    for line in lines:
        if m := SUB_NUMBER.match(line):
            numbered_level = m["mark"].count(".")
            out.append(ListLine(numbered_level, m["mark"], line[m.end() :]))
        elif m := BULLET.match(line):
            out.append(ListLine(numbered_level + 1, "-", line[m.end() :]))
        else:
            numbered_level = 0
            out.append(ListLine(0, "", line))
    return out


def sub_item(mark: str, text: str) -> str:
    """The line the master keeps for a sub-item."""
    return f"{mark} {text}".strip()
