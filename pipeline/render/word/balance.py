"""Balanced titles: a title too long for one line breaks where its two lines are about as long, at a
word boundary (PyThaiNLP), instead of leaving "และความโปร่งใส" alone on the last line.

    {{ ("เรื่อง ประกาศใช้" ~ plan_title)|balance }}        in a template (16 pt, 16 cm line)
    {{ plan_title|balance(26) }}                           a 26 pt cover title

Widths come from the Thai font's own metrics (the one the PDFs' page numbers use).
"""
from functools import lru_cache

from markupsafe import Markup, escape

LINE_CM = 16.0             # A4 portrait between the 3 cm and 2 cm margins
BOLD_WIDER = 1.06          # LibreOffice and Word embolden TH SarabunPSK a little wider
_LINE_STARTS = ("เพื่อ", "ของ", "และ", "ใน", "ประจำ", "ระหว่าง")
_BREAK = Markup('</w:t><w:br/><w:t xml:space="preserve">')   # a line break inside the same run


def balance(text: str, size: float = 16, width_cm: float = LINE_CM):
    """`text` unchanged when it fits one line or needs more than two; else two balanced lines."""
    measure = _measure()
    if measure is None:
        return text
    limit = width_cm / 2.54 * 72 * 0.97   # a little slack for justification and rounding
    width = lambda s: measure(s.strip(), size) * BOLD_WIDER   # noqa: E731
    if width(text) <= limit:
        return text
    from pythainlp.tokenize import word_tokenize
    words = word_tokenize(text, keep_whitespace=True)
    cuts = ["".join(words[:i]) for i in range(1, len(words))]
    longer = {head: max(width(head), width(text[len(head):])) for head in cuts}
    fitting = [head for head in cuts if longer[head] <= limit]
    if not fitting:
        return text
    best = min(fitting, key=longer.get)
    # -- a typesetter starts the second line with a linking word (เพื่อ, ของ…) when that costs little --
    linked = [h for h in fitting if text[len(h):].lstrip().startswith(_LINE_STARTS)
              and longer[h] <= longer[best] * 1.15]
    best = min(linked, key=longer.get) if linked else best
    return escape(best.rstrip()) + _BREAK + escape(text[len(best):].lstrip())


@lru_cache(maxsize=1)
def _measure():
    from pipeline.render.pdf_book import find_thai_font
    font = find_thai_font()
    if font is None:
        return None
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    name = f"measure-{font.stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font)))
    return lambda text, size: pdfmetrics.stringWidth(text, name, size)
