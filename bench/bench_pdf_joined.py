"""The PDF step alone, joined (pipeline.render.pdf.convert.joined) against one document at a time.

    .venv/bin/python bench/bench_pdf_joined.py            # the real plan's 81 documents
    .venv/bin/python bench/bench_pdf_joined.py 200        # a synthetic 200 projects x 5 years

Renders the Word documents (the book aside: its PDF is assembled from its parts), then converts
the same .docx files both ways into separate folders and prints the wall time of each and the
largest LibreOffice process (max RSS of the children).
"""

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_word import synthetic  # noqa: E402

from pipeline.render.pdf.convert import convert as pdf  # noqa: E402
from pipeline.render.word.word import render_documents  # noqa: E402
from pipeline.workbook.reader import read_plan  # noqa: E402


def documents(plan, folder: Path) -> list[Path]:
    books: list = []
    made = render_documents(plan, folder, book_out=books)
    book = books[0].target if books else None
    return [d for d in made if d.suffix == ".docx" and d != book]


def timed(convert, docs: list[Path]) -> float:
    started = time.perf_counter()
    convert(docs)
    return time.perf_counter() - started


def main(argv: list[str]) -> None:
    plan = read_plan(ROOT / "inputs" / "master.xlsx")
    if argv:
        plan = synthetic(plan, int(argv[0]))
    with tempfile.TemporaryDirectory() as tmp:
        joined_docs = documents(plan, Path(tmp) / "joined")
        shutil.copytree(Path(tmp) / "joined", Path(tmp) / "each")
        each_docs = [Path(tmp) / "each" / d.relative_to(Path(tmp) / "joined") for d in joined_docs]
        joined = timed(pdf._convert_all, joined_docs)
        each = timed(lambda docs: pdf._convert_each(docs, pdf.PDF_WORKERS, None), each_docs)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    print(
        f"{len(joined_docs)} documents: joined {joined:.1f} s, one at a time {each:.1f} s "
        f"({each / joined:.1f}x); largest LibreOffice process {peak:.0f} MB"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
