"""Balanced titles: a title too long for one line breaks where its two lines are about as long, at a
word boundary (PyThaiNLP), instead of leaving "และความโปร่งใส" alone on the last line.

    {{ ("เรื่อง ประกาศใช้" ~ plan_title)|balance }}        in a template (16 pt, 16 cm line)
    {{ plan_title|balance(26) }}                           a 26 pt cover title

Widths come from the Thai font's own metrics (the one the PDFs' page numbers use). Word boundaries
come from PyThaiNLP's word list: a cut is allowed where the text before and the text after both
split into dictionary words. (word_tokenize would give the same cuts but builds its dictionary
trie on first use, about 1.4 s on our machine: too slow for two titles in a run.)
"""

from functools import lru_cache

from markupsafe import Markup, escape

from pipeline.render.book.pdf import find_thai_font
from pipeline.text.thai_words import dictionary

LINE_CM = 16.0  # A4 portrait between the 3 cm and 2 cm margins
BOLD_WIDER = 1.06  # LibreOffice and Word embolden TH SarabunPSK a little wider
_LONGEST = 30  # letters in the longest word looked up
_LINE_STARTS = ("เพื่อ", "ของ", "และ", "ใน", "ประจำ", "ระหว่าง")
_BREAK = Markup('</w:t><w:br/><w:t xml:space="preserve">')  # a line break inside the same run


def balance(text: str, size: float = 16, width_cm: float = LINE_CM):
    """`text` unchanged when it fits one line or needs more than two; else two balanced lines."""
    measure = _measure()
    if measure is None:
        return text
    limit = width_cm / 2.54 * 72 * 0.97  # a little slack for justification and rounding
    width = lambda s: measure(s.strip(), size) * BOLD_WIDER  # noqa: E731
    if width(text) <= limit:
        return text
    cuts = [text[:i] for i in word_boundaries(text)]
    longer = {head: max(width(head), width(text[len(head) :])) for head in cuts}
    fitting = [head for head in cuts if longer[head] <= limit]
    if not fitting:
        return text
    best = min(fitting, key=longer.get)
    # -- a typesetter starts the second line with a linking word (เพื่อ, ของ…) when that costs little --
    linked = [
        h for h in fitting if text[len(h) :].lstrip().startswith(_LINE_STARTS) and longer[h] <= longer[best] * 1.15
    ]
    best = min(linked, key=longer.get) if linked else best
    return escape(best.rstrip()) + _BREAK + escape(text[len(best) :].lstrip())


def word_boundaries(text: str) -> list[int]:
    """Positions between words: both sides split into PyThaiNLP dictionary words (a run of
    non-Thai characters is one word). Text with an unknown word: the positions at spaces."""
    n = len(text)
    ahead = _splittable(text)  # text[:i] splits into words
    behind = _splittable(text[::-1], reverse=True)[::-1]  # text[i:] splits into words
    cuts = {i for i in range(1, n) if ahead[i] and behind[i]}
    # -- not inside a longer word that fits there too: ท้องถิ่น stays whole, not ท้อง|ถิ่น --
    words = dictionary()
    inside = {
        i
        for a in cuts | {0}
        for b in range(a + 2, min(n, a + _LONGEST) + 1)
        if (b == n or b in cuts) and text[a:b] in words
        for i in range(a + 1, b)
    }
    cuts = sorted(cuts - inside)
    return cuts or [i for i in range(1, n) if text[i - 1] == " " or text[i] == " "]


def _splittable(text: str, reverse: bool = False) -> list[bool]:
    words = dictionary()
    ok = [True] + [False] * len(text)
    for i in range(len(text)):
        if not ok[i]:
            continue
        if not _is_thai(text[i]):
            j = i
            while j < len(text) and not _is_thai(text[j]):
                j += 1
            ok[j] = True
            continue
        for j in range(i + 1, min(len(text), i + _LONGEST) + 1):
            piece = text[i:j]
            if (piece[::-1] if reverse else piece) in words:
                ok[j] = True
    return ok


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


@lru_cache(maxsize=1)
def _measure():
    font = find_thai_font()
    if font is None:
        return None
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"pagenum-{font.stem}"  # the same registration as the page numbers (pdf_book)
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font)))
    return lambda text, size: pdfmetrics.stringWidth(text, name, size)
