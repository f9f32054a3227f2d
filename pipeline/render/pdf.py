"""PDFs of the Word documents: LibreOffice converts them in parallel; the plan book's PDF is
assembled from its parts' PDFs with Thai page numbers (pipeline.render.pdf_book)."""
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from pipeline import office
from pipeline.render.pdf_book import assemble_pdf, find_thai_font

PDF_WORKERS = 2  # measured with bench/bench_run.py, beside the recalculation's process


def make_pdfs(documents: list[Path], book_parts: list[Path] | None = None,
              progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Convert the documents in PDF_WORKERS LibreOffice processes; each PDF lands next to its .docx.

    The plan book's PDF is assembled from its parts' PDFs with Thai page numbers when the parts
    are known and a Thai font is found (pipeline.render.pdf_book); otherwise LibreOffice converts it.
    `progress(done, total)` hears how many PDFs are made, as LibreOffice writes them."""
    docx = [d for d in documents if d.suffix == ".docx"]
    font = find_thai_font() if book_parts else None
    book = next((d for d in docx if d.parent == book_parts[0].parent and d not in book_parts), None) \
        if font else None
    on_progress = (lambda done: progress(done, len(docx))) if progress else None
    pdfs = _convert_all([d for d in docx if d != book], on_progress)
    if book is not None:
        pdfs.append(assemble_pdf([p.with_suffix(".pdf") for p in book_parts], book.with_suffix(".pdf"), font))
        if on_progress:
            on_progress(len(pdfs))
    return pdfs


def _convert_all(docx: list[Path], on_progress=None) -> list[Path]:
    """LibreOffice names outputs by stem, and the same project sheet name exists in every year's
    folder, so the batch goes through a flat folder of uniquely numbered links first."""
    if not docx:
        return []
    flat = Path(tempfile.mkdtemp(prefix=".pdf-batch-", dir=docx[0].parent))
    try:
        links = []
        for i, d in enumerate(docx):
            link = flat / f"{i:05d}.docx"
            try:
                link.hardlink_to(d)
            except OSError:
                shutil.copyfile(d, link)
            links.append(link)
        root = Path(os.path.commonpath([d.parent for d in docx]))
        labels = [d.relative_to(root).as_posix() for d in docx]   # -- messages name documents, not links --
        pdfs = office.convert(links, "pdf", flat / "pdf", workers=PDF_WORKERS, on_progress=on_progress,
                              labels=labels)
        final = []
        for d, p in zip(docx, pdfs):
            final.append(d.with_suffix(".pdf"))
            shutil.move(p, final[-1])
        return final
    finally:
        shutil.rmtree(flat, ignore_errors=True)
