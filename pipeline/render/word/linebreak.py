"""Where a printed line may break: between words, never inside one.

Thai has no spaces, so Word and LibreOffice find word ends with their own dictionaries, and
LibreOffice's splits words ours knows as one (ท้อง|ถิ่น, ร้อง|เรียน). The staff's .docx stay plain
(text copied out of them into the e-plan system, an e-mail or a web page must be found by a search
for "ท้องถิ่น"); only the copies LibreOffice converts to PDF (office_marks) get an invisible "no break
here" (U+FEFF there; WORD JOINER U+2060 in what this module's helpers return)
- between the parts of the words LibreOffice splits (pipeline.text.thai_words.CUSTOM_WORDS: ท้อง+ถิ่น);
- after the '/' and '.' of a web address, so it stays on one line.
Measured with bench/count_split_words.py (README "Line breaks"), and why no more than that:
- a ZERO WIDTH SPACE between words as well made LibreOffice break between a letter and its vowel
  mark (เรื่องท|ี่ดำเนินการ, 36 lines in a run), so none is inserted;
- joining every compound of the dictionary made LibreOffice spread the letters of justified lines
  apart, and `pdftotext` read spaces inside words (5 of the 43 "ป้องกัน" lost);
- no joiner goes right after a vowel or tone mark above or below a letter: `pdftotext` can print
  that mark one letter late (ประพฤติมิชอบ -> ประพฤติมชิ อบ).
`pdftotext` leaves the joiners out, so the PDF text stays searchable as typed.
"""

import re
from functools import lru_cache

from markupsafe import Markup, escape

from pipeline.render.word.hyperlinks import link
from pipeline.text.thai_words import CUSTOM_WORDS, dictionary

ZWSP = "\u200b"  # never inserted (see above); removed like WJ from text read back
WJ = "\u2060"  # a line must not break here
# -- what LibreOffice converts gets U+FEFF where the .docx has WJ: the same line-break class (UAX #14
#    "WJ"), but on a justified line LibreOffice adds space at a U+2060 and `pdftotext` then reads
#    "ท้อง ถิ่น" (48 of 856 in a run's PDFs; 30 with U+FEFF, all of them lines whose letters are
#    spread; no word split either way). Staff's .docx keep U+2060, the character Unicode prescribes. --
OFFICE_WJ = "\ufeff"
INVISIBLE = (ZWSP, WJ, OFFICE_WJ)
_THAI_WORD = re.compile("[\u0e01-\u0e4e]+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()]+")


def breakable(text: str) -> str:
    """`text` with the invisible break marks added (unchanged when it has no Thai or web address)."""
    if not _THAI_WORD.search(text) and not _URL.search(text):
        return text
    return _marked(text)


@lru_cache(maxsize=20000)
def _marked(text: str) -> str:
    return "".join(_split_urls(text, lambda url: re.sub(r"([/.])(?=[^/])", r"\1" + WJ, url), _thai))


def _split_urls(text: str, on_url, on_text) -> list:
    """`text` as its pieces in order: `on_url` of each web address, `on_text` of what is between."""
    pieces, urls = _URL.split(text), _URL.findall(text)
    out = [on_text(pieces[0])]
    for url, piece in zip(urls, pieces[1:]):
        out += [on_url(url), on_text(piece)]
    return out


def _thai(text: str) -> str:
    # -- each run of Thai letters as a whole, not word by word: the joiners only go inside
    #    CUSTOM_WORDS, so no tokenizer is needed to place them (and none costs 0.4 s a run) --
    return _THAI_WORD.sub(lambda run: _glued(run.group()), text)


# -- CUSTOM_WORDS that LibreOffice keeps whole by itself: in all 82 PDFs of a run, none of them was
#    split without joiners, while with them `pdftotext` read "คุณ ธรรม" 46 times out of 179 (จริยธรรม 6,
#    ประชาสัมพันธ์ 6, ประพฤติมิชอบ 7): a joiner there only costs searchability. (Without joiners,
#    ส่วนตำบล, ร้องเรียน, ผลประโยชน์ and ท้องถิ่น were split 22, 18, 24 and 6 times.) --
UNJOINED = frozenset({"คุณธรรม", "จริยธรรม", "ประชาสัมพันธ์", "ประพฤติมิชอบ"})


@lru_cache(maxsize=20000)
def _glued(word: str) -> str:
    """`word` with the CUSTOM_WORDS in it joined (ท้อง+ถิ่น). Only those: on a justified line
    LibreOffice spreads the letters of a long unbreakable run apart, and `pdftotext` then reads
    spaces inside words (joining every compound of the dictionary cost 5 of the 43 "ป้องกัน")."""
    for custom in sorted(CUSTOM_WORDS - UNJOINED, key=len):
        if custom in word:
            word = word.replace(custom, _joined(custom))
    return word


@lru_cache(maxsize=20000)
def _joined(word: str) -> str:
    """`word` with a WORD JOINER between the smaller words it is made of (ท้อง+ถิ่น), where a
    dictionary breaker could otherwise cut it."""
    parts = _parts(word)
    if len(parts) == 1:
        return word
    out = _joined(parts[0])
    for part in parts[1:]:
        out += (WJ if _joinable(out[-1]) else "") + _joined(part)
    return out


def _parts(word: str) -> list[str]:
    """The fewest dictionary words of two letters or more that make up `word` (not `word`
    itself); [word] when there are none. (One-letter pieces are syllables: วิ+ริ+ยะ.)"""
    known = dictionary()
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            piece = word[start:end]
            if best[start] is not None and piece != word and piece in known and _letters(piece) >= 2:
                if best[end] is None or len(best[start]) + 1 < len(best[end]):
                    best[end] = best[start] + [piece]
    return best[-1] or [word]


def _letters(piece: str) -> int:
    """Letters that are not marks above or below another (วิ has one, ทำ two)."""
    return sum(not _is_mark(ch) for ch in piece)


def _is_mark(ch: str) -> bool:
    return ch == "\u0e31" or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"


def _joinable(before: str) -> bool:
    """A mark right after a vowel or tone mark above or below its letter can make `pdftotext`
    print that mark after the next letter on a justified line (ที่เกี่ยว -> ทีเ่กี่ยว,
    ประพฤติมิชอบ -> ประพฤติมชิ อบ), so none goes there: searchable text comes first."""
    return not _is_mark(before)


_HYPERLINK = re.compile(r"<w:hyperlink\b.*?</w:hyperlink>", re.S)
_TEXT = re.compile(r"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")


def office_marks(xml: bytes) -> bytes:
    """A document part as LibreOffice gets it for the PDF: the text of every run with its break
    marks (glued words, glued web addresses; a link's address may wrap, see wrappable), U+FEFF for
    the joiner (see OFFICE_WJ). The text is XML-escaped; marks go next to letters, '/' and '.' only."""
    text = xml.decode("utf-8")
    if "<w:t" not in text:
        return xml
    out, last = [], 0
    for found in _HYPERLINK.finditer(text):
        out += [_TEXT.sub(_with(_marked_text), text[last : found.start()]), _TEXT.sub(_with(_wrapping), found.group())]
        last = found.end()
    out.append(_TEXT.sub(_with(_marked_text), text[last:]))
    return "".join(out).replace(WJ, OFFICE_WJ).encode("utf-8")


def _with(mark):
    return lambda run: run.group(1) + mark(run.group(2)) + run.group(3)


def _marked_text(text: str) -> str:
    return breakable(text) if text else text


def wrappable(value):
    """Jinja filter `wrap_urls`, for a narrow table column (the monitoring report's หลักฐาน): each
    web address is a hyperlink (pipeline.render.word.hyperlinks); in the copy LibreOffice converts,
    its text may wrap after its "//", before the dots of its host and after the slashes of its path
    (office_marks). A 4 cm column cannot hold https://www.khoksamrong.go.th/…, and glued, LibreOffice
    cut it wherever the line was full ("https:/" | "/www…go.t" | "h/ita/…")."""
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    out = _split_urls(value, lambda url: link(url, escape(url)), escape)
    return Markup("").join(out)  # -- Markup: the template prints it as it is --


def _wrapping(url: str) -> str:
    scheme, host, path = re.match(r"((?:https?://)?)([^/]*)(.*)", url).groups()
    host = host.replace(".", ZWSP + ".")
    path = re.sub(r"/(?=.)", "/" + ZWSP, path)
    return (scheme + ZWSP if scheme else "") + host + path


def printed(value):
    """Jinja's `finalize`: a value is printed as it is (the marks are the PDF copies' business,
    office_marks); kept as the one place to change what every printed value becomes."""
    return value


def visible(text: str) -> str:
    """`text` without the break marks: what a reader sees (and what search should match)."""
    return text.replace(ZWSP, "").replace(WJ, "")
