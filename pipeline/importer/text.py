"""Text clean-up shared by the importer: NFC, spaces, item numbers, joining wrapped lines.

The PDF-to-text extraction wraps long paragraphs and list items over several lines and puts
blank lines in arbitrary places, so structure is rebuilt from the lines' own shape.
"""

import re

from pipeline.text.list_items import sub_item
from pipeline.text.thai import arabic_digits, nfc
from pipeline.text.thai_words import dictionary
from pipeline.workbook.cells import clean_text

from .blocks import Line

DIGIT = "[๐-๙0-9]"
_SPACES = re.compile(r"\s+")
_ANGLED_URL = re.compile(r"<((?:https?://|www\.)[^<>\s]+)>")
_THAI_END = re.compile("[\u0e01-\u0e4e]+$")  # Thai letters and marks, no digits
_THAI_START = re.compile("^[\u0e01-\u0e4e]+")
# "๑)", "- ๑)", "๒) ๒)" (number doubled by the extraction); "๒.๑)" is a sub-item and does not match.
ITEM_START = re.compile(rf"^(?:-\s*)?(?:{DIGIT}+\)\s*)+")
# A sub-item inside an item's text: "๒.๑)" / "(๓.๒)", or a "-" standing alone between spaces.
_SUB_MARK = re.compile(rf"(?<!\S)(?:\(?(?P<number>{DIGIT}+(?:\.{DIGIT}+)+\))|-(?!\S))")

# A source line at least this long was a whole paragraph in the extraction, not a wrapped piece.
LONG_LINE = 200
# Words that open a new paragraph in Thai official prose ("therefore", "moreover", and the
# organisation as the subject: "องค์การบริหารส่วนตำบล…จึงได้…").
PARAGRAPH_OPENERS = ("ดังนั้น", "อีกทั้ง", "องค์การบริหารส่วน")


def norm(text: str) -> str:
    """NFC with every run of whitespace collapsed to one space; no invisible break marks (a plan
    book made by this pipeline carries them); a web address loses the extraction's '<' '>'."""
    return _SPACES.sub(" ", _ANGLED_URL.sub(r"\1", clean_text(text))).strip()


def squash(text: str) -> str:
    """Text without any whitespace, for matching names that the PDF wrapped differently."""
    return _SPACES.sub("", nfc(text))


def number(text: str) -> int | None:
    """'๑๒' or '12' -> 12; None when the text is not a plain number."""
    text = arabic_digits(norm(text))
    return int(text) if text.isdigit() else None


def join(head: str, tail: str) -> str:
    """Join a wrapped line back onto its paragraph or item with a single space, or with none
    when the PDF wrapped in the middle of a word ('บุคลากรต' + 'ระหนัก')."""
    return norm(f"{head}{tail}" if split_word(head, tail) else f"{head} {tail}")


def split_word(head: str, tail: str) -> bool:
    """True when head ends in a fragment that is no word but forms one with tail's first word.
    Checked with PyThaiNLP's tokenizer and dictionary; on the real source it fires exactly once."""
    left, right = _THAI_END.search(head), _THAI_START.match(tail)
    if not left or not right:
        return False
    from pythainlp.tokenize import word_tokenize

    last = word_tokenize(left[0], engine="newmm")[-1]
    first = word_tokenize(right[0], engine="newmm")[0]
    words = dictionary()
    return last not in words and last + first in words


def split_items(lines: list[str]) -> list[str]:
    """One line per item: top-level items ("๑)", "- ๒)") without their number, each followed by
    its sub-items ("๒.๑) …", "- …", see pipeline.text.list_items) as the source prints them, even
    when the extraction ran them together on one line. Lines that start no item continue the
    current one. No numbers at all: one item."""
    items: list[str] = []
    for line in map(norm, lines):
        match = ITEM_START.match(line)
        if match:
            items.append(line[match.end() :].strip())
        elif items:
            items[-1] = join(items[-1], line)
        else:
            items.append(line)
    return [line for item in items for line in _nested(item) if line]


def _nested(item: str) -> list[str]:
    """An item's own text, then one line per sub-item marker found in it."""
    marks = [m for m in _SUB_MARK.finditer(item) if not _is_range(item, m)]
    if not marks:
        return [item]
    lines = [item[: marks[0].start()].strip()]
    for m, after in zip(marks, marks[1:] + [None]):
        text = item[m.end() : after.start() if after else len(item)].strip()
        mark = m["number"] or "-"
        if text:  # a dash with nothing after it ends a line in the source
            lines.append(sub_item(mark, text))
    return lines


def _is_range(text: str, dash: re.Match) -> bool:
    """'๑ - ๓' is a range, not a bullet."""
    if dash["number"]:
        return False
    before, after = text[: dash.start()].rstrip(), text[dash.end() :].lstrip()
    return bool(before[-1:].isdigit() and after[:1].isdigit())


def split_paragraphs(lines: list[str | Line], openers: tuple[str, ...] = ()) -> list[str]:
    """Rebuild paragraphs from wrapped lines (blank lines in the source mean nothing).

    Rule: a Line the source marks as a paragraph's first (`Line.opens`: a Word paragraph indented
    on its first line) starts one. So does a line of LONG_LINE characters or more (the extraction
    kept the first lines of a paragraph on one line, and its wrapped rest on the lines after it:
    sheet ๑ "…ประโยชน์ส่วนรวม" / "เป็นแนวทางหนึ่ง…" is one sentence), and a line starting with one
    of PARAGRAPH_OPENERS or `openers` (the book's own organisation, whatever its kind: "เทศบาลตำบล…
    ได้จัดทำ…"); any other line continues the paragraph before it.
    """
    starts = PARAGRAPH_OPENERS + tuple(o for o in openers if o)
    paragraphs: list[str] = []
    for line in lines:
        marked = isinstance(line, Line) and line.opens
        line = norm(line.text if isinstance(line, Line) else line)
        if not line:
            continue
        opens = len(line) >= LONG_LINE or line.startswith(starts)
        if not paragraphs or marked or (opens and paragraphs[-1] not in PARAGRAPH_OPENERS):
            paragraphs.append(line)
        else:
            paragraphs[-1] = join(paragraphs[-1], line)
    return paragraphs
