"""Count words split across lines in every PDF of a run's output folder.

    .venv/bin/python bench/count_split_words.py outputs [--show]

Reads each PDF back with `pdftotext` and looks at every pair of consecutive lines on a page:
- English: a line ends in Latin letters and the next starts with a lower-case Latin letter
  ("NO Gift Po" / "licy"), or a web address runs on to the next line (counted apart when it
  wraps where linebreak.wrappable lets it in a narrow column: after a "/" or before a ".");
- Thai: the last Thai word of a line and the first of the next make one dictionary word
  (PyThaiNLP's dictionary plus pipeline.text.thai_words.CUSTOM_WORDS: ท้อง|ถิ่น, ร้อง|เรียน); counted
  apart when one half is not a word itself, a break inside a word (หนึ่|ง), not between two;
- a line that starts with a Thai vowel or tone mark: a break between a letter and its mark;
- and `<http`: web addresses still wrapped in the extraction's angle brackets.
Prints the totals (and with --show every case). The PDFs of year folders repeat the book's
sheets, so the numbers count each occurrence.
"""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.text.thai_words import splits_inside_word, splits_word  # noqa: E402

LATIN_END = re.compile(r"[A-Za-z]$")
LATIN_LOWER_START = re.compile(r"^[a-z]")
URL_END = re.compile(r"(?:https?://|www\.)\S*$")
URL_START = re.compile(r"(?:https?://|www\.)")
MARK_START = re.compile("^[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def pdf_lines(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]


def splits(pages: list[list[str]]) -> list[tuple[str, str, str]]:
    found = []
    for lines in pages:
        for left, right in zip(lines, lines[1:]):
            if URL_END.search(left) and (left.endswith("/") or right.startswith(".")):
                found.append(("url-wrapped", left, right))  # where linebreak.wrappable lets it wrap
            elif URL_END.search(left) and not left.endswith((">", ")")):
                found.append(("url", left, right))
            elif LATIN_END.search(left) and LATIN_LOWER_START.match(right) and not URL_START.match(right):
                found.append(("english", left, right))
            elif MARK_START.match(right):
                found.append(("mark", left, right))
            elif splits_inside_word(left, right):
                found.append(("thai-inside", left, right))
            elif splits_word(left, right):
                found.append(("thai", left, right))
        found += [("angle-url", line, "") for line in lines if "<http" in line]
    return found


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "outputs"
    show = "--show" in argv
    totals: Counter = Counter()
    pdfs = sorted(folder.rglob("*.pdf"))
    for pdf in pdfs:
        for kind, left, right in splits(pdf_lines(pdf)):
            totals[kind] += 1
            if show:
                print(f"{kind:9} {pdf.relative_to(folder)}: …{left[-25:]} | {right[:25]}…")
    print(
        f"{len(pdfs)} PDFs: english {totals['english']}, url {totals['url']}, "
        f"angle-url {totals['angle-url']}, url wrapped at / or . {totals['url-wrapped']}, "
        f"thai {totals['thai']} between the words of a compound and "
        f"{totals['thai-inside']} inside a word, mark {totals['mark']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
