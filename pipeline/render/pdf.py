"""PDFs of the Word documents: LibreOffice converts them in parallel; the plan book's PDF is
assembled from its front matter's and parts' PDFs with Thai page numbers (pipeline.render.book,
pipeline.render.pdf_book)."""
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from pipeline import office
from pipeline.render.book import FRONT_NAME, make_book_pdf
from pipeline.render.pdf_book import find_thai_font
from pipeline.render.pdf_header import has_thai_page_header, header_place, stamp_header_numbers, without_header_text

PDF_WORKERS = 2  # measured with bench/bench_run.py, beside the recalculation's process


def make_pdfs(documents: list[Path], book=None,
              progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Convert the documents in PDF_WORKERS LibreOffice processes; each PDF lands next to its .docx.

    The plan book's (a pipeline.render.book.PlanBook) PDF is assembled from its front matter's and
    parts' PDFs with Thai page numbers when a Thai font is found; otherwise LibreOffice converts it.
    `progress(done, total)` hears how many PDFs are made, as LibreOffice writes them."""
    docx = [d for d in documents if d.suffix == ".docx"]
    # -- the front matter stands in for the book in the count: as many PDFs as documents --
    on_progress = (lambda done: progress(done, len(docx))) if progress else None
    font = find_thai_font() if book is not None else None
    if font is None:
        return _convert_all(docx, on_progress=on_progress)
    with tempfile.TemporaryDirectory(prefix=".book-front-", dir=book.target.parent) as tmp:
        # -- the front matter goes with the others, its สารบัญ page numbers are stamped after --
        front = book.write_front(Path(tmp) / FRONT_NAME)
        pdfs = _convert_all([d for d in docx if d != book.target] + [front], on_progress=on_progress)
        book_pdf = make_book_pdf(book, font, pdfs.pop(), lambda again: _convert_all(again, 1))
    return pdfs + [book_pdf]


def _convert_all(docx: list[Path], workers: int = PDF_WORKERS, on_progress=None) -> list[Path]:
    """LibreOffice names outputs by stem, and the same project sheet name exists in every year's
    folder, so the batch goes through a flat folder of uniquely numbered links first."""
    if not docx:
        return []
    flat = Path(tempfile.mkdtemp(prefix=".pdf-batch-", dir=docx[0].parent))
    font = find_thai_font()
    try:
        links, stamped = [], {}
        for i, d in enumerate(docx):
            link = flat / f"{i:05d}.docx"
            if font is not None and has_thai_page_header(d):   # "- ๒ -": stamped after (pdf_header)
                stamped[i] = header_place(d)
                without_header_text(d, link)
            else:
                try:
                    link.hardlink_to(d)
                except OSError:
                    shutil.copyfile(d, link)
            links.append(link)
        root = Path(os.path.commonpath([d.parent for d in docx]))
        labels = [d.relative_to(root).as_posix() for d in docx]   # -- messages name documents, not links --
        pdfs = office.convert(links, "pdf", flat / "pdf", workers=workers, on_progress=on_progress,
                              labels=labels)
        final = []
        for i, (d, p) in enumerate(zip(docx, pdfs)):
            final.append(d.with_suffix(".pdf"))
            shutil.move(p, final[-1])
            if i in stamped:
                stamp_header_numbers(final[-1], font, stamped[i])
        return final
    finally:
        shutil.rmtree(flat, ignore_errors=True)
