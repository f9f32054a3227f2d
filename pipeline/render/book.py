"""The plan book as a job: its parts, its front matter (cover, คำนำ, สารบัญ) and its page numbers.

The สารบัญ needs the parts' page counts, known once LibreOffice has made their PDFs. So the book
.docx is written first with the สารบัญ's page column empty (all a run without PDFs gets), then
again with the numbers the PDFs give; the front matter is rendered alone, converted, and joined
in front of the parts' PDFs, so the book .pdf and the book .docx agree page for page.
"""
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.model import Plan
from pipeline.preface import default_preface
from pipeline.render.word import word_context as ctx
from pipeline.render.word.docx_fast import PreparedTemplate
from pipeline.render.pdf_book import Bookmark
from pipeline.render.word.planbook import is_plain_frame, write_front, write_planbook
from pipeline.thai import thai_digits

FRONT_NAME = "front.docx"
STARTUP_DOCS = 6     # a LibreOffice start costs about as much as converting six project sheets


@dataclass
class BookPart:
    template: PreparedTemplate
    xml: str                 # its rendered word/document.xml
    path: Path               # the standalone .docx; its PDF is made next to it
    title: str               # its line in the สารบัญ and its bookmark
    group: str = ""          # the สารบัญ heading it sits under ("" = a heading itself)


@dataclass
class PlanBook:
    template: PreparedTemplate
    plan: Plan
    target: Path
    parts: list[BookPart] = field(default_factory=list)

    @property
    def plain_frame(self) -> bool:
        return is_plain_frame(self.template)

    def write_docx(self, pages: list[int] | None = None) -> Path:
        """The book .docx; `pages` (each part's page count) fill the สารบัญ's page column."""
        parts = [(p.template, p.xml) for p in self.parts]
        return write_planbook(self.template, self.context(pages), parts, self.target)

    def write_front(self, target: Path, pages: list[int] | None = None) -> Path:
        return write_front(self.template, self.context(pages), target)

    def context(self, pages: list[int] | None) -> dict:
        s = self.plan.settings
        return {**ctx.announcement_context(self.plan), "preface": s.preface or default_preface(s),
                "contents": [{"title": e.title, "page": thai_digits(e.page + 1) if pages else "",
                              "sub": sub} for e, sub in _flat(self.entries(pages or [1] * len(self.parts)))]}

    def entries(self, pages: list[int]) -> list[Bookmark]:
        """The สารบัญ as a tree: parts, and the project sheets under their year's heading. Pages are
        0-based from the announcement (the book prints it as ๑)."""
        tree: list[Bookmark] = []
        start = 0
        for part, count in zip(self.parts, pages):
            if not part.group:
                tree.append(Bookmark(part.title, start))
            else:
                if not tree or tree[-1].title != part.group:
                    tree.append(Bookmark(part.group, start))
                tree[-1].children.append(Bookmark(part.title, start))
            start += count
        return tree


def _flat(tree: list[Bookmark]):
    for mark in tree:
        yield mark, False
        for child in mark.children:
            yield child, True


def book_part(template: PreparedTemplate, rendered: dict, path: Path, kind: str, year: int,
              seq: int = 0, name: str = "") -> BookPart:
    """A part with its สารบัญ title (prose: Thai digits)."""
    title = {
        "announcement": "ประกาศใช้แผน",
        "table": f"แผนปฏิบัติการป้องกันการทุจริต พ.ศ. {thai_digits(year)}",
        "sheet": f"ลำดับที่ {thai_digits(seq)} {name}",
    }[kind]
    group = f"รายละเอียดโครงการ แผน พ.ศ. {thai_digits(year)}" if kind == "sheet" else ""
    return BookPart(template, rendered["word/document.xml"], path, title, group)


def split_for_book(parts: list[Path], rest: list[Path]) -> tuple[list[Path], list[Path]]:
    """The rest of the documents shared between the process that converts the book's parts and then
    its front matter (it starts a second time: worth about STARTUP_DOCS documents) and the other
    process, so both finish together. Sizes of the .docx files stand for the work."""
    size = {d: d.stat().st_size for d in parts + rest}
    average = sum(size.values()) / max(1, len(size))
    first = sum(size[p] for p in parts) + STARTUP_DOCS * average
    second = 0.0
    with_front, alone = [], []
    for d in sorted(rest, key=size.get, reverse=True):
        if first <= second:
            with_front.append(d)
            first += size[d]
        else:
            alone.append(d)
            second += size[d]
    return with_front, alone


def make_book_pdf(book: PlanBook, font: Path, convert) -> tuple[Path, list[Path]]:
    """The book's PDF once its parts' PDFs exist: the book .docx rewritten with the สารบัญ's page
    numbers, the front matter converted and joined in front of the parts, numbered from the
    announcement, with bookmarks and title/author. A frame with a header is converted whole by
    LibreOffice instead (its page numbers are then 1 2 3). `convert([docx])` converts the given
    documents and any others it has waiting: returns (the book's PDF, those others' PDFs)."""
    import tempfile

    from pypdf import PdfReader

    from pipeline.render.pdf_book import assemble_pdf

    part_pdfs = [p.path.with_suffix(".pdf") for p in book.parts]
    pages = [len(PdfReader(p).pages) for p in part_pdfs]
    book.write_docx(pages)
    if not book.plain_frame:
        pdfs = convert([book.target])
        return pdfs[0], pdfs[1:]
    s = book.plan.settings
    with tempfile.TemporaryDirectory(prefix=".book-front-", dir=book.target.parent) as tmp:
        front_pdf, *others = convert([book.write_front(Path(tmp) / FRONT_NAME, pages)])
        front = len(PdfReader(front_pdf).pages)
        marks = [_shifted(m, front) for m in book.entries(pages)]
        years = f"พ.ศ. {thai_digits(s.start_year)} - {thai_digits(s.end_year)}"
        return assemble_pdf([front_pdf, *part_pdfs], book.target.with_suffix(".pdf"), font,
                            first_numbered=front, unnumbered=frozenset({front}), bookmarks=marks,
                            title=f"{s.plan_title} ({years})", author=s.organisation), others


def _shifted(mark: Bookmark, by: int) -> Bookmark:
    return Bookmark(mark.title, mark.page + by, [_shifted(c, by) for c in mark.children])
