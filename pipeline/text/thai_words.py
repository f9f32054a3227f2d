"""Thai words: PyThaiNLP's tokenizer with the plan's own vocabulary added.

Thai is written without spaces, so where a line may break, and where a file name may be cut, are
both word boundaries that only a dictionary knows. PyThaiNLP's dictionary lacks a few words of
local-government prose; CUSTOM_WORDS adds them (and keeps the ones line breakers split, such as
ท้องถิ่น, ร้องเรียน, as single words).
"""

import re
from functools import lru_cache

CUSTOM_WORDS = frozenset(
    {
        "ท้องถิ่น",
        "ร้องเรียน",
        "ร้องทุกข์",
        "สมัครใจ",
        "ปราบปราม",
        "เผยแพร่",
        "ประชาสัมพันธ์",
        "ทุจริต",
        "ประพฤติมิชอบ",
        "ผลประโยชน์",
        "ทับซ้อน",
        "ธรรมาภิบาล",
        "จริยธรรม",
        "คุณธรรม",
        "ส่วนตำบล",
        "โคกสำโรง",
        "บุคลากร",
        "ปีงบประมาณ",
        "งบประมาณ",
        "เจตจำนง",
        "สุจริต",
        "องค์กรปกครองส่วนท้องถิ่น",
        "สาธารณชน",
        "ข้อร้องเรียน",
        "เบาะแส",
    }
)
# -- words of a plan's prose that are no typing slip, though PyThaiNLP's word list lacks them --
KNOWN_WORDS = frozenset({"ณ"})
THAI = re.compile("[\u0e01-\u0e4e]+")
_CONSONANT = re.compile("[\u0e01-\u0e2e]")
THAI_END = re.compile("[\u0e01-\u0e4e]+$")


class _Vocabulary:
    """A tokenizer trie holding only the dictionary words that occur in the texts seen so far.

    Building PyThaiNLP's trie of all ~62,000 words takes most of a second, longer than the rest of
    a Word run; newmm only ever matches words that occur in its input, so a trie of those words
    gives the same tokens. Every word occurring in a text starts with one of the text's substrings
    of up to KEY letters, which is how they are found.
    """

    KEY = 6

    def __init__(self) -> None:
        from pythainlp.util import Trie

        self.by_start: dict[str, list[str]] = {}
        for word in dictionary():
            self.by_start.setdefault(word[: self.KEY], []).append(word)
        self.seen: set[str] = set()
        self.trie = Trie([])

    def covering(self, text: str):
        keys = {text[i : i + k] for i in range(len(text)) for k in range(1, self.KEY + 1)} - self.seen
        self.seen |= keys
        for key in keys & self.by_start.keys():
            for word in self.by_start[key]:
                self.trie.add(word)
        return self.trie


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    return _Vocabulary()


@lru_cache(maxsize=1)
def dictionary() -> frozenset:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words()) | CUSTOM_WORDS


def words(text: str) -> list[str]:
    """`text` cut into words (spaces and Latin text come back as their own tokens); the tokens
    joined give `text` back unchanged."""
    return list(_tokens(text))


@lru_cache(maxsize=20000)
def _tokens(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, custom_dict=_vocabulary().covering(text), engine="newmm", keep_whitespace=True))


def word_starts(text: str) -> set[int]:
    """Offsets in `text` where a word starts: where a line or a name may be cut."""
    starts, at = set(), 0
    for token in words(text):
        starts.add(at)
        at += len(token)
    starts.add(at)
    return starts


def splits_word(left: str, right: str) -> bool:
    """True when a line ending in `left` followed by a line starting with `right` cut a Thai word:
    the last Thai word of `left` and the first of `right` make one word of the dictionary."""
    halves = _halves(left, right)
    return halves is not None and halves[0] + halves[1] in dictionary()


def splits_inside_word(left: str, right: str) -> bool:
    """splits_word, and one half is not a word itself (หนึ่ง|หมื่น is between words, หนึ่|ง inside one)."""
    halves = _halves(left, right)
    return splits_word(left, right) and not all(h in dictionary() for h in halves)


def _halves(left: str, right: str) -> tuple[str, str] | None:
    tail, head = THAI_END.search(left), THAI.match(right)
    if not tail or not head:
        return None
    return words(tail[0])[-1], words(head[0])[0]


def unknown_words(text: str, known=frozenset()) -> list[tuple[str, int]]:
    """(word, offset) of each Thai word of `text` that is in no dictionary, in order: what the
    tokenizer could not match (a typing slip, or a tone or vowel mark lost in a PDF's extraction:
    "สม่าเสมอ"). `known` adds words (the organisation's own name). Not counted: an abbreviation
    ('ป.ป.ช.', 'อบต.': a letter run next to a full stop), marks without a letter (ฯ, ๆ)."""
    vocabulary = dictionary() | KNOWN_WORDS | known
    found, at = [], 0
    tokens = words(text)
    for i, token in enumerate(tokens):
        abbreviation = any(t.startswith(".") for t in tokens[i + 1 : i + 2]) or (i and tokens[i - 1].endswith("."))
        if THAI.fullmatch(token) and _CONSONANT.search(token) and token not in vocabulary and not abbreviation:
            found.append((token, at))
        at += len(token)
    return found
