"""Thai text from PDFs made with legacy fonts: the shifted tone and vowel marks back to Thai letters.

Fonts made before Unicode shaping drew a tone mark over a tall letter (ป้), or under a vowel, as a
glyph of its own, and a PDF made with one often maps that glyph to the font's private code point
instead of the Thai letter. Text extracted from it then carries:

- Microsoft's private-use forms U+F700-U+F71A, and Apple's U+F884-U+F89E (the mappings of
  HarfBuzz's Thai PUA fallback, read the other way round);
- the same glyphs at bytes 0x80-0x9F and 0xFC-0xFE of a Windows Thai font (the "Microsoft
  extension" of TIS-620 in Pango's old Thai shaper), seen as Windows-1252 ("ตัวอย‹าง",
  "เสริมสรŒาง") or as Latin-1 control characters.

Only the known mappings are repaired; a byte form counts only right after a Thai letter (so a real
"€" or "™" in a sentence stays). Whatever else is damaged is left as it is: the importer reports
each word still not in the dictionary (pipeline.text.thai_words.unknown_words), never guesses one.
"""

import re

MAI_HAN_AKAT, SARA_I, SARA_II, SARA_UE, SARA_UEE = "\u0e31", "\u0e34", "\u0e35", "\u0e36", "\u0e37"
SARA_U, SARA_UU, PHINTHU = "\u0e38", "\u0e39", "\u0e3a"
MAITAIKHU, MAI_EK, MAI_THO, MAI_TRI, MAI_CHATTAWA, THANTHAKHAT, NIKHAHIT = (chr(c) for c in range(0x0E47, 0x0E4E))
TONES = (MAI_EK, MAI_THO, MAI_TRI, MAI_CHATTAWA, THANTHAKHAT)
YO_YING, THO_THAN = "\u0e0d", "\u0e10"

# -- private-use glyphs: Microsoft's (U+F7xx) and Apple's (U+F8xx) for the same shifted forms --
PUA = {
    0xF700: THO_THAN,
    **{0xF701 + i: v for i, v in enumerate((SARA_I, SARA_II, SARA_UE, SARA_UEE))},
    **{0xF705 + i: v for i, v in enumerate(TONES)},  # shifted down and left
    **{0xF70A + i: v for i, v in enumerate(TONES)},  # shifted down
    0xF70F: YO_YING,
    0xF710: MAI_HAN_AKAT,
    0xF711: NIKHAHIT,
    0xF712: MAITAIKHU,
    **{0xF713 + i: v for i, v in enumerate(TONES)},  # shifted left
    0xF718: SARA_U,
    0xF719: SARA_UU,
    0xF71A: PHINTHU,
    0xF884: MAI_HAN_AKAT,
    **{0xF885 + i: v for i, v in enumerate((SARA_I, SARA_II, SARA_UE, SARA_UEE))},
    0xF889: MAITAIKHU,
    **{0xF88A + 3 * i: v for i, v in enumerate(TONES)},  # shifted left
    **{0xF88B + 3 * i: v for i, v in enumerate(TONES)},  # shifted down
    **{0xF88C + 3 * i: v for i, v in enumerate(TONES)},  # shifted down and left
    0xF899: NIKHAHIT,
    0xF89A: YO_YING,
    0xF89B: SARA_U,
    0xF89C: SARA_UU,
    0xF89D: PHINTHU,
    0xF89E: THO_THAN,
}
# -- a Windows Thai font's extra glyphs, by byte --
WINDOWS_BYTES = {
    0x80: THO_THAN,
    **{0x81 + i: v for i, v in enumerate((SARA_I, SARA_II, SARA_UE, SARA_UEE))},
    **{0x86 + i: v for i, v in enumerate(TONES)},  # shifted down and left
    **{0x8B + i: v for i, v in enumerate(TONES)},  # shifted down
    0x90: YO_YING,
    0x98: MAI_HAN_AKAT,
    0x99: NIKHAHIT,
    0x9A: MAITAIKHU,
    **{0x9B + i: v for i, v in enumerate(TONES)},  # shifted left
    0xFC: SARA_U,
    0xFD: SARA_UU,
    0xFE: PHINTHU,
}


def _seen_as(byte: int) -> set[str]:
    """The characters a byte becomes when the text is read as Windows-1252 or as Latin-1."""
    seen = {chr(byte)}
    try:
        seen.add(bytes([byte]).decode("cp1252"))
    except UnicodeDecodeError:
        pass
    return seen


BYTE_FORMS = {form: thai for byte, thai in WINDOWS_BYTES.items() for form in _seen_as(byte)}
_PUA = re.compile(f"[{''.join(map(chr, PUA))}]")
_BYTE_FORM = re.compile(f"(?<=[\u0e01-\u0e4e])[{re.escape(''.join(BYTE_FORMS))}]+")
# -- a legacy font types the tone before the upper vowel, and Sara Am as Nikhahit + Sara Aa --
_TONE_BEFORE_VOWEL = re.compile(f"([{''.join(TONES)}])([{MAI_HAN_AKAT}{SARA_I}-{SARA_UEE}{SARA_U}{SARA_UU}])")
_SARA_AM = re.compile(f"{NIKHAHIT}([{''.join(TONES[:4])}]?)\u0e32")


def repair(text: str) -> tuple[str, int]:
    """`text` with the legacy forms replaced by Thai letters, and how many were replaced."""
    count = 0

    def one(match: re.Match) -> str:
        nonlocal count
        count += len(match[0])
        return "".join(PUA.get(ord(ch)) or BYTE_FORMS[ch] for ch in match[0])

    def order(match: re.Match) -> str:
        nonlocal count
        count += 1
        return match[2] + match[1]

    def sara_am(match: re.Match) -> str:
        nonlocal count
        count += 1
        return f"{match[1]}\u0e33"

    text = _PUA.sub(one, text)
    text = _BYTE_FORM.sub(one, text)
    # -- neither order occurs in Thai typed with Unicode: a legacy font's, wherever they are --
    text = _SARA_AM.sub(sara_am, _TONE_BEFORE_VOWEL.sub(order, text))
    return text, count


def decode_cp874(data: bytes) -> str:
    """TIS-620 / Windows-874 bytes as text. A legacy font's extra glyph bytes, which the code page
    leaves undefined, come back as their Latin-1 characters, for `repair` to turn into Thai."""
    return data.decode("cp874", errors="legacy-thai")


def _legacy_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    byte = error.object[error.start]
    if byte not in WINDOWS_BYTES:
        raise error
    return chr(byte), error.start + 1


def _register() -> None:
    import codecs

    try:
        codecs.lookup_error("legacy-thai")
    except LookupError:
        codecs.register_error("legacy-thai", _legacy_bytes)


_register()
