"""A broken template tag: which one, in which paragraph, and what is wrong, in a clerk's words.

Runs only once a template has failed (compiling or rendering), so it may read the part again.
The tag is found in the prepared part (the Jinja source, see docx_fast._prepare), then again in the
template as staff see it: the n-th paragraph holding that tag (paragraphs counted in order, tables
included; `{%p …%}` tags keep their marker there).
"""

import ast
import re
import traceback
import unicodedata
from dataclasses import dataclass

import jinja2
from lxml import etree

from pipeline.ooxml import W

TAG = re.compile(r"\{[{%#].*?[}%#]\}|\{[{%#]", re.DOTALL)
_NEWLINE = re.compile(r"\r\n|\r|\n")  # -- Jinja's own line breaks (str.splitlines knows more) --
_MARK = re.compile(r"\{([{%#])(?:p|tr|tc|r)\s")  # docxtpl's {%p / {%tr … markers
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_PART_NAMES = {"header": ("ของหัวกระดาษ", "of the header"), "footer": ("ของท้ายกระดาษ", "of the footer")}
_OPENERS = {"for", "if", "with", "macro", "call", "filter", "block", "autoescape", "raw"}
_INNER = {"else", "elif"} | {f"end{o}" for o in _OPENERS} | {"endset"}


@dataclass
class Finding:
    """What the TemplateError says: the tag, what is wrong with it, and where it is."""

    tag: str
    thai: str  # follows "แท็ก {{ … }}"
    english: str
    nth: int = 0  # earlier tags of the part that read the same (which paragraph, of those holding it)
    paragraph: int | None = None
    where: str = ""  # "ย่อหน้าที่ 12 ในตาราง («…»)"
    where_en: str = ""


def plain(tag: str) -> str:
    """The tag's visible text (XML left inside a tag Word split is dropped)."""
    return re.sub(r"<[^>]*>", "", tag).strip()


def _key(text: str) -> str:
    """Text compared across the template and its prepared form: no marker, no spaces, straight quotes."""
    return re.sub(r"\s+", "", _MARK.sub(r"{\1 ", plain(text).translate(_QUOTES)))


def found(prepared: str, match: re.Match, thai: str, english: str) -> Finding:
    """A finding for the tag `match` found in `prepared`."""
    key = _key(match.group(0))
    nth = sum(1 for m in TAG.finditer(prepared, 0, match.start()) if _key(m.group(0)) == key)
    return Finding(plain(match.group(0)), thai, english, nth)


def locate(finding: Finding, part: str, original: bytes) -> Finding:
    """Fill in the paragraph of the template that holds `finding.tag`, and show the tag as typed there."""
    key = _key(finding.tag)
    paragraphs = _paragraphs(original)
    if not key or not paragraphs:
        return finding
    seen = 0
    for number, (text, in_table) in enumerate(paragraphs, 1):
        for typed in TAG.findall(text):
            if _key(typed) == key:
                if seen == finding.nth:
                    return _placed(finding, part, number, text, in_table, typed)
                seen += 1
    # -- a tag Word split beyond repair, or one left without its closing braces, is no tag of the
    #    paragraph's text: the paragraph holding the longest start of it --
    squeezed = [_key(text) for text, _ in paragraphs]
    for n in range(len(key), 3, -1):
        for number, text in enumerate(squeezed, 1):
            if key[:n] in text:
                return _placed(finding, part, number, *paragraphs[number - 1], finding.tag)
    return finding


def _paragraphs(xml: bytes) -> list[tuple[str, bool]]:
    """(visible text, inside a table) of every paragraph of a part, in order."""
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError:
        return []
    return [
        ("".join(t.text or "" for t in p.iter(f"{{{W}}}t")), any(a.tag == f"{{{W}}}tbl" for a in p.iterancestors()))
        for p in root.iter(f"{{{W}}}p")
    ]


def _placed(finding: Finding, part: str, number: int, text: str, in_table: bool, typed: str) -> Finding:
    thai_part, english_part = _PART_NAMES.get(re.sub(r"\d*\.xml$", "", part.rpartition("/")[2]), ("", ""))
    shown = text.strip()
    quoted = f" («{shown[:60]}{'…' if len(shown) > 60 else ''}»)" if shown != typed.strip() else ""
    finding.tag = typed.strip()
    finding.paragraph = number
    table, table_en = ("ในตาราง", "in a table") if in_table else ("", "")
    finding.where = " ".join(x for x in (f"ย่อหน้าที่ {number}", table, thai_part) if x) + quoted
    finding.where_en = " ".join(x for x in (f"paragraph {number}", table_en, english_part) if x)
    return finding


def _line_tags(prepared: str, line: int | None) -> list[re.Match]:
    """The tags on Jinja's line `line` (1-based) of `prepared`."""
    if not line:
        return []
    starts = [0] + [m.end() for m in _NEWLINE.finditer(prepared)]
    if line > len(starts):
        return []
    end = starts[line] if line < len(starts) else len(prepared)
    return list(TAG.finditer(prepared, starts[line - 1], end))


def syntax_finding(exc: jinja2.TemplateSyntaxError, prepared: str, env: jinja2.Environment) -> Finding:
    """The tag Jinja could not read, and why. Jinja's line can be far from the mistake (a quote left
    open reads on into the XML), so: the tag around the lexer's offset, else the first tag wrong on
    its own, else the block left open, else the tags of Jinja's line."""
    message = exc.message or ""
    at = re.match(r"unexpected char .* at (\d+)$", message, re.DOTALL)
    if at:
        pos = int(at.group(1))
        around = next((m for m in TAG.finditer(prepared) if m.start() <= pos < m.end()), None)
        if around:
            return found(prepared, around, *explain(message))
    for match in TAG.finditer(prepared):
        alone = _alone(match.group(0), env)
        if alone:
            return found(prepared, match, *explain(alone))
    opened = _unclosed(prepared) if "innermost block" in message or "end of template" in message else None
    if opened:
        return found(prepared, opened, *explain(message))
    tags = _line_tags(prepared, exc.lineno)
    for word in re.findall(r"'([^']+)'", message):  # the tag the message quotes ('endfor'), else all
        for match in tags:
            if re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", plain(match.group(0))):
                return found(prepared, match, *explain(message))
    return Finding(" ".join(plain(m.group(0)) for m in tags), *explain(message))


def _alone(tag: str, env: jinja2.Environment) -> str:
    """Jinja's message for a tag wrong by itself ("" when it reads, or lacks only its block)."""
    try:
        env.parse(tag)
    except jinja2.TemplateSyntaxError as exc:
        message = exc.message or ""
        unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
        if message.startswith("Unexpected end of template") or (unknown and unknown.group(1) in _INNER):
            return ""
        return message
    return ""


def _unclosed(prepared: str) -> re.Match | None:
    """The innermost `{% for/if … %}` that no end tag closes."""
    stack: list[tuple[str, re.Match]] = []
    for match in TAG.finditer(prepared):
        word = re.match(r"\{%-?\s*(\w*)", match.group(0))
        word = word.group(1) if word else ""
        if word in _OPENERS:
            stack.append((word, match))
        elif word.startswith("end") and stack and stack[-1][0] == word[3:]:
            stack.pop()
    return stack[-1][1] if stack else None


def explain(message: str) -> tuple[str, str]:
    """Jinja's message as a sentence that follows "แท็ก {{ … }}", Thai and English."""
    if m := re.match(r"No (filter|test) named '([^']+)'", message):
        return (
            f"ใช้ตัวกรอง |{m.group(2)} ซึ่งไม่มีในโปรแกรม (ตัวกรองที่ใช้ได้อยู่ใน docs/templates.md)",
            f"uses the {m.group(1)} |{m.group(2)}, which does not exist",
        )
    if m := re.match(r"Encountered unknown tag '([^']+)'", message):
        if m.group(1) in _INNER:
            return (
                f"ปิดหรือแบ่งบล็อกด้วย {m.group(1)} แต่ก่อนหน้าไม่มีแท็กเปิดคู่กัน (แท็กเปิดถูกลบหรือพิมพ์ผิด)",
                f"has {m.group(1)} without the tag that opens its block",
            )
        return f"เป็นคำสั่ง {m.group(1)} ซึ่งโปรแกรมไม่รู้จัก", f"is the unknown command {m.group(1)}"
    if m := re.search(r"innermost block that needs to be closed is '([^']+)'", message):
        return (
            f"เปิดบล็อก {m.group(1)} แต่ไม่มีแท็กปิด end{m.group(1)} ตามมา (แท็กปิดถูกลบหรือพิมพ์ผิด)",
            f"opens a {m.group(1)} block that no end{m.group(1)} closes",
        )
    if m := re.match(r"unexpected char (.+) at \d+$", message, re.DOTALL):
        return _odd_char(ast.literal_eval(m.group(1)))
    if m := re.match(r"expected token '[^']+', got '([^']+)'", message):
        return (
            f"มีคำเกินมาตรง '{m.group(1)}' (ชื่อในแท็กเขียนติดกัน ไม่เว้นวรรค และต้องมีวงเล็บปิดครบ)",
            f"has an extra word at '{m.group(1)}'",
        )
    if m := re.match(r"unexpected '([^']+)'|unexpected end of template", message):
        sign = m.group(1)
        return (
            "มีวงเล็บหรือเครื่องหมายไม่ครบคู่" + (f" ตรง '{sign}'" if sign else ""),
            "has an unmatched bracket or sign" + (f" at '{sign}'" if sign else ""),
        )
    return f"เขียนผิดรูปแบบ ({message})", f"is malformed ({message})"


def _odd_char(char: str) -> tuple[str, str]:
    if char in "\"'":
        return f"มีเครื่องหมายคำพูด {char} ที่ไม่ครบคู่", f"has an unpaired quote {char}"
    if char.isprintable() and not char.isspace():
        return f"มีเครื่องหมาย {char} ซึ่งใช้ในแท็กไม่ได้", f"has the sign {char}, which a tag cannot hold"
    name = unicodedata.name(char, f"U+{ord(char):04X}")
    return f"มีอักขระที่มองไม่เห็น ({name}) ปนอยู่ ลบแท็กแล้วพิมพ์ใหม่", f"holds an invisible character ({name})"


def render_finding(exc: Exception, prepared: str) -> Finding:
    """A failure while rendering: the tag on the failing line (Jinja's rewritten traceback has it)."""
    frames = traceback.extract_tb(exc.__traceback__)
    line = next((f.lineno for f in reversed(frames) if f.filename == "<template>"), None)
    message, word = str(exc), ""
    if isinstance(exc, jinja2.exceptions.SecurityError):
        thai, english = "พยายามเข้าถึงส่วนภายในของโปรแกรม ซึ่งแม่แบบทำไม่ได้", "tried to reach Python internals (sandbox)"
    elif m := re.match(r"'([^']+)' is undefined", message):
        word = m.group(1)
        thai = f"ใช้ชื่อ {word} ซึ่งไม่มีข้อมูลชื่อนี้ (สะกดชื่อให้ตรงกับตารางแท็กใน docs/templates.md)"
        english = f"uses the name {word}, which is not defined"
    elif m := re.search(r"has no attribute '([^']+)'", message):
        word = m.group(1)
        thai, english = f"ใช้ชื่อย่อย .{word} ซึ่งไม่มีในข้อมูล", f"uses .{word}, which the value does not have"
    else:
        thai, english = f"คำนวณไม่ได้ ({message})", f"cannot be computed ({message})"
    tags = _line_tags(prepared, line)
    culprit = next((t for t in tags if word and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", plain(t.group(0)))), None)
    if culprit or len(tags) == 1:
        return found(prepared, culprit or tags[0], thai, english)
    return Finding(" ".join(plain(t.group(0)) for t in tags), thai, english)
