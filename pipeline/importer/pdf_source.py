"""PDF plan books: words with their positions from poppler's pdftotext, table grids from the
PDF's own ruling lines (pypdf), rebuilt into the same Lines and Tables as a text or Word book.

- A table is a grid of ruling lines (the e-plan's tables, a Word table with borders): each band
  between two horizontal rules is a row, each span between vertical rules crossing it a cell, and a
  word belongs to the cell its centre lies in, so a name wrapped over three lines stays one cell.
  A table without rules is read as text (its rows are then not imported; the importer says so).
- Outside the grids, words on one baseline make a line, and lines are joined back into paragraphs:
  a paragraph ends with a line that stops short of the right margin (a page break between full
  lines does not end one), or before a line that starts with a heading, a list number or a dash.
  Each paragraph is one Line, marked as a paragraph's first (`Line.opens`) when its first line is
  indented, as an indented Word paragraph is.
- A bare page number at the top or bottom of a page is dropped.
- Thai is wrapped without spaces: a line that ends in a Thai letter and one that starts with one
  are joined without a space (a space the PDF printed at the end of a line is lost either way).
"""

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

from pipeline.errors import ImportFailed

from .blocks import SUPPORTED, Block, Line, Repairs, Table
from .text import norm

XHTML = "{http://www.w3.org/1999/xhtml}"
TIMEOUT = 120  # seconds for pdftotext on a whole book
TOLERANCE = 1.5  # points: rules closer than this are one rule; a word's edge may pass a rule by this
SPACE = 0.1  # a gap between two words narrower than this share of their height is no space
INDENT = 12  # points: a first line starting this far right of the margin opens a paragraph
# -- what starts a paragraph of its own in a plan book: a section heading, a sheet heading, a list
#    number ("๑)", "1.", "๒.๑)": one or two digits, "๒๕๗๐) ของ…" is a year the line wrapped before),
#    a dash or bullet, the sub-headings of section ๙ --
_STARTS = re.compile(
    r"^(?:[-–•]\s|\(?[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})*[.)]|(?:ลำดับที่|โครงการที่|ตัวอย่างที่|มิติที่|มิติ)\s*[0-9๐-๙]"
    r"|(?:ผลผลิต|ผลลัพธ์)\s*(?::|$))"
)
_PAGE_NUMBER = re.compile(r"^[-–\s]*[0-9๐-๙]{1,4}[-–\s]*$")
_THAI_END = re.compile("[\u0e01-\u0e4e]$")
_THAI_START = re.compile("^[\u0e01-\u0e4e]")


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Grid:
    ys: list[float]  # row boundaries, top to bottom
    xs: list[float]  # column boundaries, left to right
    verticals: list[tuple[float, float, float]]  # (x, top, bottom) of each vertical rule

    def contains(self, word: Word) -> bool:
        t = TOLERANCE
        return self.xs[0] - t <= word.cx <= self.xs[-1] + t and self.ys[0] - t <= word.cy <= self.ys[-1] + t


def pdf_blocks(path: Path, repairs: Repairs | None = None) -> list[Block]:
    fix = repairs if repairs is not None else Repairs()
    pages = _words(path)
    rules = _rules(path, len(pages))
    laid_out = []  # (page number, width, free lines, grids, words)
    for number, ((width, words), page_rules) in enumerate(zip(pages, rules), 1):
        grids = _grids(*page_rules)
        in_grid = {id(w) for g in grids for w in words if g.contains(w)}
        free = _drop_page_numbers(_baselines([w for w in words if id(w) not in in_grid]))
        laid_out.append((number, width, free, grids, words))
    # -- the text's margins, over all pages of one size (a landscape table page has its own) --
    margins: dict[int, tuple[float, float]] = {}
    for _, width, free, _, _ in laid_out:
        left, right = margins.get(round(width), (float("inf"), 0.0))
        for line in free:
            left, right = min(left, line[0].x0), max(right, line[-1].x1)
        margins[round(width)] = (left, right)
    blocks: list[Block] = []
    lines: list[tuple[str, list[Word], float, float]] = []  # (where, words, left and right margin)
    for number, width, free, grids, words in laid_out:
        left, right = margins[round(width)]
        items: list[tuple[float, object]] = [(line[0].y0, line) for line in free]
        items += [(g.ys[0], g) for g in grids]
        row = 0
        for _, item in sorted(items, key=lambda pair: pair[0]):
            if isinstance(item, Grid):
                blocks.extend(_paragraphs(lines, fix))
                lines = []
                rows = _table_rows(item, [w for w in words if item.contains(w)])
                if rows:
                    where = f"หน้า {number} ตาราง"
                    _add_table(blocks, Table([[norm(fix(cell, where)) for cell in row] for row in rows], where))
            else:
                row += 1
                lines.append((f"หน้า {number} บรรทัด {row}", item, left, right))
    blocks.extend(_paragraphs(lines, fix))
    return blocks


def _add_table(blocks: list[Block], table: Table) -> None:
    """A table straight after another (a page break between them) carries it on: its first row,
    when it starts with an empty cell and holds no number, is the rest of the row the page broke."""
    before = blocks[-1] if blocks else None
    if not isinstance(before, Table):
        blocks.append(table)
        return
    rows = [list(cells) for cells in before.rows]
    first = table.rows[0]
    if rows and not first[0] and not any(re.fullmatch(r"[0-9๐-๙.,]+", cell) for cell in first):
        last = rows[-1] + [""] * (len(first) - len(rows[-1]))
        rows[-1] = [join_wrapped(a, b) for a, b in zip(last, first)]
        rows += [list(cells) for cells in table.rows[1:]]
    else:
        rows += [list(cells) for cells in table.rows]
    blocks[-1] = Table(rows, before.where)


# -- words: pdftotext -bbox-layout --


def _words(path: Path) -> list[list[Word]]:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise ImportFailed(
            f"อ่านไฟล์ PDF {path} ไม่ได้: เครื่องนี้ไม่มีโปรแกรม pdftotext (ชุด poppler-utils)",
            hint="ติดตั้ง poppler-utils (Debian/Ubuntu: sudo apt install poppler-utils) แล้วนำเข้าใหม่"
            " หรือเปิด PDF ใน Word แล้วบันทึกเป็น .docx เพื่อนำเข้าแทน",
            english=f"cannot read {path}: pdftotext (poppler-utils) is not installed",
            code="pdftotext-missing",
        )
    try:
        done = subprocess.run(
            [exe, "-bbox-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        done = None
    if done is None or done.returncode != 0:
        detail = "" if done is None else done.stderr.decode("utf-8", "replace").strip()[-200:]
        raise ImportFailed(
            f"อ่านไฟล์ PDF {path} ไม่ได้ (ไฟล์อาจเสียหาย มีรหัสผ่าน หรืออ่านนานเกิน {TIMEOUT} วินาที)",
            hint=f"ใช้{SUPPORTED}; หรือเปิด PDF ใน Word แล้วบันทึกเป็น .docx",
            english=f"pdftotext could not read {path}: {detail or 'timed out'}",
        )
    root = ElementTree.fromstring(done.stdout)
    pages = []
    for page in root.iter(f"{XHTML}page"):
        words = []
        for word in page.iter(f"{XHTML}word"):
            box = [float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            if word.text and word.text.strip():
                words.append(Word(*box, word.text))
        pages.append((float(page.get("width", 0)), words))
    if not any(words for _, words in pages):
        raise ImportFailed(
            f"ไฟล์ PDF {path} ไม่มีข้อความให้อ่าน (อาจเป็นภาพสแกน)",
            hint="ใช้ PDF ที่สร้างจากโปรแกรมพิมพ์เอกสาร (เลือกข้อความได้) หรือพิมพ์เล่มแผนเป็น .docx",
            english=f"{path} has no text layer (a scan?)",
        )
    return pages


def _baselines(words: list[Word]) -> list[list[Word]]:
    """Words on one line of print, top to bottom, each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.cy, w.x0)):
        if lines and abs(lines[-1][0].cy - word.cy) <= (lines[-1][0].y1 - lines[-1][0].y0) / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _drop_page_numbers(lines: list[list[Word]]) -> list[list[Word]]:
    ends = {0, len(lines) - 1}
    return [line for i, line in enumerate(lines) if not (i in ends and _PAGE_NUMBER.match(_text(line)))]


def _text(words: list[Word]) -> str:
    """The words of one line: a space where the PDF left a gap, none where it left none (pdftotext
    cuts a word where the font changes, "(" + "พ.ศ.", or at a mark it cannot place, "ป้" + "อง")."""
    text = ""
    for before, word in zip([None, *words], words):
        gap = word.x0 - before.x1 if before else 0
        text += word.text if before is None or gap < SPACE * (word.y1 - word.y0) else f" {word.text}"
    return text


def join_wrapped(head: str, tail: str) -> str:
    """Two lines of print as one: without a space between Thai letters (Thai wraps between words
    that no space separates), with one otherwise."""
    if not head or not tail:
        return head or tail
    return head + tail if _THAI_END.search(head) and _THAI_START.match(tail) else f"{head} {tail}"


def _paragraphs(lines: list[tuple[str, list[Word], float, float]], fix: Repairs) -> list[Line]:
    """Lines of print joined back into paragraphs, each one Line; it `opens` a paragraph (as an
    indented Word paragraph does) when its first line is indented past the text's left margin."""
    out: list[Line] = []
    text, where, opens, full = "", "", False, False
    for at, words, left, right in lines:
        line = _text(words)
        if text and (not full or _STARTS.match(line)):
            out.append(Line(norm(fix(text, where)), where, opens))
            text = ""
        if not text:
            text, where, opens = line, at, words[0].x0 > left + INDENT
        else:
            text = join_wrapped(text, line)
        # -- a line that reaches the right margin is wrapped: the paragraph goes on --
        full = words[-1].x1 >= right - 0.08 * max(right - left, 1)
    if text:
        out.append(Line(norm(fix(text, where)), where, opens))
    return out


# -- ruling lines: pypdf --


def _rules(path: Path, count: int) -> list[tuple[list, list]]:
    """(horizontal, vertical) rules of each page, in pdftotext's coordinates (origin top left):
    horizontal (y, x0, x1), vertical (x, y0, y1). A page pypdf cannot read has none."""
    from pypdf import PdfReader  # -- pypdf loads only for a PDF book --

    out: list[tuple[list, list]] = []
    try:
        reader = PdfReader(str(path))
        pages = list(reader.pages)
    except Exception:  # a PDF pdftotext reads but pypdf does not: read it as text, without tables
        return [([], [])] * count
    for page in pages[:count]:
        try:
            out.append(_page_rules(page))
        except Exception:  # one damaged page loses its tables, not the book
            out.append(([], []))
    return out + [([], [])] * (count - len(out))


def _page_rules(page) -> tuple[list, list]:
    from pypdf.generic import ContentStream

    box = page.cropbox
    left, top = float(box.left), float(box.top)
    contents = page.get_contents()
    if contents is None:
        return [], []
    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack, path, segments = [], [], []
    point = start = (0.0, 0.0)

    def apply(x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = ctm
        return a * x + c * y + e - left, top - (b * x + d * y + f)

    for operands, op in ContentStream(contents, page.pdf).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q" and stack:
            ctm = stack.pop()
        elif op == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            p = ctm
            ctm = (
                a * p[0] + b * p[2],
                a * p[1] + b * p[3],
                c * p[0] + d * p[2],
                c * p[1] + d * p[3],
                e * p[0] + f * p[2] + p[4],
                e * p[1] + f * p[3] + p[5],
            )
        elif op == b"m":
            point = start = apply(*(float(v) for v in operands))
        elif op == b"l":
            end = apply(*(float(v) for v in operands))
            path.append((point, end))
            point = end
        elif op == b"h":
            path.append((point, start))
            point = start
        elif op == b"re":
            x, y, w, h = (float(v) for v in operands)
            corners = [apply(x, y), apply(x + w, y), apply(x + w, y + h), apply(x, y + h)]
            path += [(corners[i], corners[(i + 1) % 4]) for i in range(4)]
        elif op in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
            segments += path
            path = []
        elif op == b"n":  # -- a clipping path: nothing is drawn --
            path = []
    horizontal, vertical = [], []
    for (x0, y0), (x1, y1) in segments:
        if abs(y0 - y1) <= TOLERANCE / 2 and abs(x1 - x0) > TOLERANCE:
            horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) <= TOLERANCE / 2 and abs(y1 - y0) > TOLERANCE:
            vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    return horizontal, vertical


def _grids(horizontal: list, vertical: list) -> list[Grid]:
    """Groups of rules that touch one another, with two rows of rules each way at least."""
    t = TOLERANCE
    rules = [("h", r) for r in horizontal] + [("v", r) for r in vertical]
    group = list(range(len(rules)))

    def find(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i, (kind_a, a) in enumerate(rules):
        for j in range(i + 1, len(rules)):
            kind_b, b = rules[j]
            if kind_a == kind_b:
                continue
            h, v = (a, b) if kind_a == "h" else (b, a)
            if h[1] - t <= v[0] <= h[2] + t and v[1] - t <= h[0] <= v[2] + t:
                group[find(i)] = find(j)
    members: dict[int, list] = {}
    for i, rule in enumerate(rules):
        members.setdefault(find(i), []).append(rule)
    grids = []
    for found in members.values():
        ys = _distinct(r[0] for kind, r in found if kind == "h")
        xs = _distinct(r[0] for kind, r in found if kind == "v")
        if len(ys) >= 2 and len(xs) >= 2:
            grids.append(Grid(ys, xs, [r for kind, r in found if kind == "v"]))
    return grids


def _distinct(values) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > TOLERANCE:
            out.append(value)
    return out


def _table_rows(grid: Grid, words: list[Word]) -> list[list[str]]:
    """One row per band between horizontal rules, one cell per column (a merged cell's text in
    its first column); bands with no words are left out."""
    rows = []
    for top, bottom in zip(grid.ys, grid.ys[1:]):
        middle = (top + bottom) / 2
        bounds = [
            x for x in grid.xs if any(abs(v[0] - x) <= TOLERANCE and v[1] <= middle <= v[2] for v in grid.verticals)
        ]
        bounds = sorted({grid.xs[0], grid.xs[-1], *bounds})
        cells: dict[int, list[Word]] = {}
        for word in words:
            if not top <= word.cy < bottom:
                continue
            span = next((i for i, (a, b) in enumerate(zip(bounds, bounds[1:])) if a <= word.cx < b), None)
            if span is not None:
                cells.setdefault(_column(grid.xs, bounds[span]), []).append(word)
        if cells:
            row = [""] * (len(grid.xs) - 1)
            for column, cell_words in cells.items():
                text = ""
                for line in _baselines(cell_words):
                    text = join_wrapped(text, _text(line))
                row[column] = text
            rows.append(row)
    return rows


def _column(xs: list[float], x: float) -> int:
    return min(range(len(xs) - 1), key=lambda i: abs(xs[i] - x))
