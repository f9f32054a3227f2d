"""ตัวเลขในเอกสาร = เลขไทย: every Arabic digit a document prints becomes a Thai one, in the values
(the staff's text, the e-plan tables' 20,000.00 and 07 กรกฎาคม 2566) and in the template's own text
(the year table's quarter headings 1–4) alike, except in web addresses, codes and English words
(pipeline.text.digits). Done on a part's rendered XML, text nodes only (never a tag, an attribute,
a character reference or a hyperlink), so a template staff edited needs nothing new."""

import re

from pipeline.text.digits import thai_digits_in_text

_TEXT = re.compile(r"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")
_HYPERLINK = re.compile(r"(<w:hyperlink\b.*?</w:hyperlink>)", re.S)
_REFERENCE = re.compile(r"(&[#\w]+;)")
_ARABIC = re.compile("[0-9]")


def thai_digit_xml(xml: str) -> str:
    """`xml` (a rendered document, header or footer part) with Thai digits in its printed text."""
    pieces = _HYPERLINK.split(xml)  # -- odd pieces are hyperlinks: a web address, left as it is --
    return "".join(piece if i % 2 else _TEXT.sub(_text_node, piece) for i, piece in enumerate(pieces))


def _text_node(match: re.Match) -> str:
    text = match[2]
    if not _ARABIC.search(text):
        return match[0]
    parts = _REFERENCE.split(text)  # -- &#34; stays a reference --
    text = "".join(part if i % 2 else thai_digits_in_text(part) for i, part in enumerate(parts))
    return f"{match[1]}{text}{match[3]}"
