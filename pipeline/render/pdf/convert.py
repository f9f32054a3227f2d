"""PDFs of the Word documents: LibreOffice converts them in PDF_WORKERS processes, documents of one
template joined into one file each (pipeline.render.pdf.joined); the plan book's PDF is assembled
from its front matter's and parts' PDFs with Thai page numbers (pipeline.render.book.parts,
pipeline.render.book.pdf)."""

import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from pipeline.office import soffice as office
from pipeline.office.cache import OfficeCache
from pipeline.render.book.parts import FRONT_NAME, make_book_pdf
from pipeline.render.book.pdf import find_thai_font
from pipeline.render.pdf import joined as pdf_joined
from pipeline.render.pdf.header import has_thai_page_header, header_place, stamp_header_numbers, without_header_text
from pipeline.render.word.linebreak import office_marks

PDF_WORKERS = 2  # measured with bench/bench_run.py, beside the recalculation's process
KEPT_PIECES = 4  # joined files per PDF process when LibreOffice is kept started (bench/bench_web.py)


def make_pdfs(
    documents: list[Path],
    book=None,
    progress: Callable[[int, int], None] | None = None,
    cache: OfficeCache | None = None,
) -> list[Path]:
    """Convert the documents in PDF_WORKERS LibreOffice processes; each PDF lands next to its .docx.

    The plan book's (a pipeline.render.book.parts.PlanBook) PDF is assembled from its front matter's and
    parts' PDFs with Thai page numbers when a Thai font is found; otherwise LibreOffice converts it.
    `progress(done, total)` hears how many PDFs are made, as LibreOffice writes them. With a `cache`
    (pipeline serve), a document the same as one converted before gets that PDF again."""
    docx = [d for d in documents if d.suffix == ".docx"]
    # -- the front matter stands in for the book in the count: as many PDFs as documents --
    on_progress = (lambda done: progress(done, len(docx))) if progress else None
    font = find_thai_font() if book is not None else None
    if font is None:
        return _convert_all(docx, on_progress=on_progress, cache=cache)
    with tempfile.TemporaryDirectory(prefix=".book-front-", dir=book.target.parent) as tmp:
        # -- the front matter goes with the others, its สารบัญ page numbers are stamped after --
        front = book.write_front(Path(tmp) / FRONT_NAME)
        pdfs = _convert_all([d for d in docx if d != book.target] + [front], on_progress=on_progress, cache=cache)
        book_pdf = make_book_pdf(book, font, pdfs.pop(), lambda again: _convert_all(again, 1, cache=cache), cache)
    return pdfs + [book_pdf]


def _convert_all(docx: list[Path], workers: int = PDF_WORKERS, on_progress=None, cache=None) -> list[Path]:
    """Each document's PDF next to it. Documents of one template are converted joined (see
    pipeline.render.pdf.joined); if the joined PDF cannot be cut, or LibreOffice fails on it, each
    document is converted alone, so an error names the document it is about."""
    if not docx:
        return []
    try:
        return _convert_joined(docx, workers, on_progress, cache)
    except pdf_joined.JoinFailed:
        pass
    except office.ConversionFailed as exc:
        if exc.code in (office.TIMED_OUT, office.STOPPED):  # -- waiting again would not help; the server stopped --
            raise
    return _convert_each(docx, workers, on_progress, cache)


def _convert_joined(docx: list[Path], workers: int, on_progress, cache: OfficeCache | None = None) -> list[Path]:
    return _convert(docx, workers, on_progress, joined=True, cache=cache)


def _convert_each(docx: list[Path], workers: int, on_progress, cache: OfficeCache | None = None) -> list[Path]:
    """One LibreOffice document per .docx, with no filter options (the fallback)."""
    return _convert(docx, workers, on_progress, joined=False, cache=cache)


def _convert(docx: list[Path], workers: int, on_progress, *, joined: bool, cache: OfficeCache | None) -> list[Path]:
    """The documents the cache does not have are converted; their PDFs are then kept in it."""
    font = find_thai_font()
    stamped = {d for d in docx if font is not None and has_thai_page_header(d)}
    labels = _labels(docx)
    if cache is None:
        _convert_fresh(docx, workers, on_progress, joined, font, stamped, labels)
        return [d.with_suffix(".pdf") for d in docx]
    how = pdf_joined.PDF_TARGET if joined else "pdf"
    keys = {d: cache.key(d, how, str(font) if d in stamped else "") for d in docx}
    found = {d for d in docx if cache.fetch(keys[d], d.with_suffix(".pdf"))}
    todo = [d for d in docx if d not in found]
    if on_progress and found:
        on_progress(len(found))
    if todo:
        counted = (lambda done: on_progress(len(found) + done)) if on_progress else None
        _convert_fresh(todo, workers, counted, joined, font, stamped & set(todo), labels)
        for d in todo:
            cache.keep(keys[d], d.with_suffix(".pdf"))
    return [d.with_suffix(".pdf") for d in docx]


def _convert_fresh(docx: list[Path], workers: int, on_progress, joined: bool, font, stamped: set[Path], labels) -> None:
    """LibreOffice names outputs by stem, and the same project sheet name exists in every year's
    folder, so the batch goes through a flat folder of uniquely numbered copies (and, when
    `joined`, of the joined files) first."""
    # -- LibreOffice kept started (pipeline serve): smaller joined files cost little more, and each
    #    one written moves the page's bar (office.convert counts them as they appear) --
    chunks = workers * (KEPT_PIECES if office.kept() else 1)
    groups, alone = pdf_joined.plan([d for d in docx if d not in stamped], chunks) if joined else ([], [])
    alone += [d for d in docx if d in stamped or not joined]
    with _flat_folder(docx) as flat:
        joins = [pdf_joined.join(g, flat / f"joined{i:03d}.docx") for i, g in enumerate(groups)]
        links = [_link(d, flat / f"{i:05d}.docx", font if d in stamped else None) for i, d in enumerate(alone)]
        names = [f"{labels[g.parts[0]]} … ({len(g.parts)})" for g in joins] + [labels[d] for d in alone]
        weights = [len(g.parts) for g in joins] + [1] * len(alone)
        pdfs = office.convert(
            [g.path for g in joins] + links,
            pdf_joined.PDF_TARGET if joined else "pdf",
            flat / "pdf",
            workers=workers,
            on_progress=on_progress,
            labels=names,
            weights=weights,
        )
        for group, pdf in zip(joins, pdfs):
            pdf_joined.cut(group, pdf)
        for d, pdf in zip(alone, pdfs[len(joins) :]):
            _place(d, pdf, font if d in stamped else None)


@contextmanager
def _flat_folder(docx: list[Path]):
    flat = Path(tempfile.mkdtemp(prefix=".pdf-batch-", dir=docx[0].parent))
    try:
        yield flat
    finally:
        shutil.rmtree(flat, ignore_errors=True)


def _link(docx: Path, link: Path, stamp_font: Path | None) -> Path:
    """`docx` under a unique name, as LibreOffice should see it: its break marks as
    linebreak.office_marks gives them; a document whose "- ๒ -" is stamped later without its
    header text."""
    try:
        with zipfile.ZipFile(docx) as src, zipfile.ZipFile(link, "w", zipfile.ZIP_DEFLATED) as out:
            for item in src.infolist():
                data = src.read(item)
                if stamp_font is not None:
                    data = without_header_text(item.filename, data)
                out.writestr(item, office_marks(data) if item.filename.startswith("word/") else data)
    except (zipfile.BadZipFile, zlib.error):  # -- not a .docx: LibreOffice says it cannot convert it --
        shutil.copyfile(docx, link)
    return link


def _place(docx: Path, pdf: Path, stamp_font: Path | None) -> None:
    final = docx.with_suffix(".pdf")
    shutil.move(pdf, final)
    if stamp_font is not None:
        stamp_header_numbers(final, stamp_font, header_place(docx))


def _labels(docx: list[Path]) -> dict[Path, str]:
    """Messages name documents by their place in the output folder, not by the links LibreOffice got."""
    root = Path(os.path.commonpath([d.parent for d in docx]))
    return {d: d.relative_to(root).as_posix() for d in docx}
