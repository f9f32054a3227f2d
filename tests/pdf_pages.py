"""Reading generated PDFs page by page (poppler's pdftotext / pdfinfo), for layout tests."""

import re
import subprocess
from pathlib import Path

# -- "๗. งบประมาณ…", "ผลผลิต", "คำอธิบาย": a line that introduces what follows --
_HEADING = re.compile(r"^([๐-๙0-9]+\.\s*\S.{0,60}|ผลผลิต|ผลลัพธ์|คำอธิบาย|ลำดับที่ [๐-๙0-9]+)$")
_PAGE_NUMBER = re.compile(r"^[-\s]*[๐-๙0-9]+[-\s]*$")


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_texts(pdf: Path) -> list[str]:
    """The text of each page; pdftotext separates pages with a form feed."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[: page_count(pdf)]


def last_line(page: str) -> str:
    lines = [ln.strip() for ln in page.splitlines() if ln.strip() and not _PAGE_NUMBER.match(ln.strip())]
    return lines[-1] if lines else ""


def stranded_headings(pdf: Path) -> list[tuple[int, str]]:
    """(page number, line) for every page but the last whose last line is a heading."""
    pages = page_texts(pdf)
    found = []
    for number, page in enumerate(pages[:-1], 1):
        line = last_line(page)
        if _HEADING.match(line):
            found.append((number, line))
    return found


def page_foot(pdf: Path, number: int) -> str:
    """The last line of page `number` (1-based) as laid out: where a page number sits."""
    lines = _laid_out(pdf, number)
    return lines[-1] if lines else ""


def page_head(pdf: Path, number: int) -> str:
    """The first line of page `number` (1-based) as laid out: a header's page number."""
    lines = _laid_out(pdf, number)
    return lines[0] if lines else ""


def _laid_out(pdf: Path, number: int) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [ln.strip() for ln in text.splitlines() if ln.strip()]
