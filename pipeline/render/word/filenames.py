"""File names that are safe on Windows and cannot leave the output folder.

Project names are staff-typed Thai text: they may hold `/`, `:`, `..`, or be very long. A name is
cleaned to one path component, truncated at the end of a word (never inside a Thai word, never
by bytes) and made unique within its folder (case-insensitive, as on Windows).
"""

import re
import unicodedata
from pathlib import Path

from pipeline.text.thai import nfc
from pipeline.text.thai_words import words

__all__ = ["safe_filename", "unique_name", "safe_child"]

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
FALLBACK = "ไม่มีชื่อ"
# -- 80 characters keeps out/2566/<name>.docx well under Windows' 260-character MAX_PATH --
DEFAULT_MAX = 80
# -- Linux/macOS cap a name at 255 bytes; Thai letters take 3 bytes each in UTF-8 --
MAX_BYTES = 255


def safe_filename(text: str, max_len: int = DEFAULT_MAX, *, suffix: str = "") -> str:
    """One safe path component: `text` cleaned and truncated, then `suffix` (e.g. '.docx')."""
    name = nfc(str(text))
    name = _FORBIDDEN.sub(" ", name)
    name = re.sub(r"\.{2,}", ".", name)  # no '..' anywhere
    name = re.sub(r"\s+", " ", name).strip(" .")  # Windows drops trailing dots/spaces; '.x' hides
    budget = MAX_BYTES - len(suffix.encode("utf-8"))
    name = _truncate(name, max(1, max_len - len(suffix)), budget).rstrip(" .")
    if not name:
        name = FALLBACK
    if name.split(".")[0].strip().upper() in _RESERVED:
        name = "_" + name
    return name + suffix


def _truncate(text: str, limit: int, max_bytes: int) -> str:
    """Cut to at most `limit` characters and `max_bytes` UTF-8 bytes, at the end of a word
    (PyThaiNLP, pipeline.text.thai_words: never "…ตำบลโ" or "…การทุจ"); a single word longer than the
    limit is cut between characters, never leaving a Thai vowel or tone mark without its base."""
    cut = min(len(text), limit)
    while cut > 0 and len(text[:cut].encode("utf-8")) > max_bytes:
        cut -= 1
    if cut < len(text):
        end = _word_end(text, cut)
        if end:
            return text[:end]
    while 0 < cut < len(text) and _is_mark(text[cut]):
        cut -= 1
    return text[:cut]


def _word_end(text: str, cut: int) -> int:
    """The last word end at or before `cut`, preferring one after a content word (a name ends
    "…ที่เกี่ยวข้อง", not "…ที่เกี่ยวข้องกับการ") while that keeps at least half; 0 when none."""
    from pythainlp.corpus import thai_stopwords

    ends, at = [], 0
    for token in words(text):
        at += len(token)
        if at > cut:
            break
        if token.strip():
            ends.append((at, token))
    content = [at for at, token in ends if token not in thai_stopwords() and at >= cut // 2]
    return content[-1] if content else (ends[-1][0] if ends else 0)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)`, `name (3)`… not yet in `taken` (compared case-insensitively).

    Adds the chosen name (casefolded) to `taken`, so one set serves one folder.
    """
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}).{ext}" if dot else f"{stem} ({n})"
    taken.add(candidate.casefold())
    return candidate


def safe_child(folder: Path, name: str) -> Path:
    """folder / name, refusing anything that would resolve outside `folder`."""
    path = folder / name
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"unsafe file name: {name!r}")
    return path
