"""Organisations matched by name: the same อบต. typed "อบต.หนองบัว", "องค์การบริหารส่วนตำบล หนองบัว"
or "องค์การบริหารส่วนตำบลหนองบัว" is one organisation; and lists in Thai dictionary order.

    display_name("อบต. หนองบัว")  -> "องค์การบริหารส่วนตำบลหนองบัว"
    name_key(...)                  -> the same, without any space: what two names are compared by
    thai_sorted(names)             -> PyThaiNLP's collation (เทศบาล… before องค์การ…), not code points
"""

import re

from pythainlp.util import collate

from pipeline.workbook.cells import clean_text

# -- the abbreviations staff type, spelled out (longest first: อบจ. before อบ…) --
ABBREVIATIONS = (
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("ทน.", "เทศบาลนคร"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทต.", "เทศบาลตำบล"),
)
# -- "อบต หนองบัว" without the dot, "อบต.หนองบัว", "อบต. หนองบัว" --
_ABBREVIATION = re.compile("^(" + "|".join(re.escape(short[:-1]) for short, _ in ABBREVIATIONS) + r")(?:\.\s*|\s+)")
_FULL = dict((short[:-1], full) for short, full in ABBREVIATIONS)
# -- the organisation kinds whose name follows without a space --
_KINDS = tuple(full for _, full in ABBREVIATIONS)


def display_name(name) -> str:
    """The name as the roll-up prints it: abbreviations spelled out, no space between the kind and
    the place ("องค์การบริหารส่วนตำบล หนองบัว" -> "องค์การบริหารส่วนตำบลหนองบัว"), other spaces single."""
    text = re.sub(r"\s+", " ", clean_text(name))
    text = _ABBREVIATION.sub(lambda m: _FULL[m.group(1)], text)
    for kind in _KINDS:
        if text.startswith(kind + " "):
            text = kind + text[len(kind) + 1 :]
            break
    return text


def name_key(name) -> str:
    """What two organisation names are matched by: the display name without any space."""
    return re.sub(r"\s+", "", display_name(name))


def thai_sorted(names, key=None) -> list:
    """`names` (or items, with `key` giving each one's name) in Thai dictionary order; ties keep
    their order."""
    items = list(names)
    key = key or (lambda item: item)
    order = {name: i for i, name in enumerate(collate({key(item) for item in items}))}
    return sorted(items, key=lambda item: order[key(item)])
