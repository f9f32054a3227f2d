"""The plan book as a job: its parts, its front matter (cover, คำนำ, สารบัญ) and its page numbers.

The สารบัญ needs the parts' page counts, known once LibreOffice has made their PDFs. So the book
.docx is written first with the สารบัญ's page column empty (all a run without PDFs gets), then
again with the numbers the PDFs give. The front matter is rendered alone with placeholders for
the numbers and converted with all the other documents (a second LibreOffice run afterwards cost
about 15 % of the run); the numbers are then stamped where its dot leaders end, and it is joined
in front of the parts' PDFs, so the book .pdf and the book .docx agree page for page.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.model import Plan
from pipeline.office.cache import OfficeCache
from pipeline.render.book.pdf import Bookmark, assemble_pdf, contents_lines
from pipeline.render.book.planbook import FRONT_MARK, front_headings, is_plain_frame, write_front, write_planbook
from pipeline.render.book.preface import default_preface
from pipeline.render.pdf.joined import destination_pages
from pipeline.render.word import word_context as ctx
from pipeline.render.word.docx_fast import PreparedTemplate
from pipeline.text.thai import thai_digits

FRONT_NAME = "front.docx"
# -- stands for a page number while LibreOffice lays out the สารบัญ: the dot leader stops about
#    where it will with a two-digit number; no-break spaces are not dropped at the line's end --
PLACEHOLDER = "\u00a0" * 4


@dataclass
class BookPart:
    template: PreparedTemplate
    xml: str  # its rendered word/document.xml
    path: Path  # the standalone .docx; its PDF is made next to it
    title: str  # its line in the สารบัญ and its bookmark
    group: str = ""  # the สารบัญ heading it sits under ("" = a heading itself)


@dataclass
class PlanBook:
    template: PreparedTemplate
    plan: Plan
    target: Path
    parts: list[BookPart] = field(default_factory=list)
    props: dict[str, bytes] | None = None  # the .docx's own properties (render.word.docprops)
    garuda: str = ""  # `{{ garuda }}` in planbook.docx: the emblem's run, its image in the frame's package

    @property
    def plain_frame(self) -> bool:
        return is_plain_frame(self.template)

    def write_docx(self, pages: list[int] | None = None) -> Path:
        """The book .docx; `pages` (each part's page count) fill the สารบัญ's page column."""
        parts = [(p.template, p.xml) for p in self.parts]
        return write_planbook(self.template, self.context(pages), parts, self.target, self.props)

    def write_front(self, target: Path, pages: list[int] | None = None) -> Path:
        """The front matter alone; without `pages`, the สารบัญ's page column holds PLACEHOLDER (the
        numbers are stamped on its PDF once the parts' PDFs are counted)."""
        return write_front(self.template, self.context(pages, PLACEHOLDER), target)

    def context(self, pages: list[int] | None, unknown: str = "") -> dict:
        s = self.plan.settings
        return {
            **ctx.announcement_context(self.plan, self.garuda),
            "preface": s.preface or default_preface(s),
            "contents": [
                {"title": e.title, "page": thai_digits(e.page + 1) if pages else unknown, "sub": sub}
                for e, sub in _flat(self.entries(pages or [1] * len(self.parts)))
            ],
        }

    def contents_tab_pt(self) -> float:
        """Where the สารบัญ's page numbers end: the left margin plus the right tab of "Contents 1"."""
        styles = self.template.raw["word/styles.xml"].decode("utf-8")
        style = re.search(r'<w:style [^>]*w:styleId="Contents1".*?</w:style>', styles, re.S).group(0)
        tab = int(re.search(r'<w:tab (?=[^>]*w:val="right")[^>]*w:pos="(\d+)"', style).group(1))
        left = int(
            re.search(r'<w:pgMar [^>]*w:left="(\d+)"', self.template.raw["word/document.xml"].decode("utf-8")).group(1)
        )
        return (left + tab) / 20

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


def book_part(
    template: PreparedTemplate, rendered: dict, path: Path, kind: str, year: int, seq: int = 0, name: str = ""
) -> BookPart:
    """A part with its สารบัญ title (prose: Thai digits)."""
    title = {
        "announcement": "ประกาศใช้แผน",
        "table": f"แผนปฏิบัติการป้องกันการทุจริต พ.ศ. {thai_digits(year)}",
        "sheet": f"ลำดับที่ {thai_digits(seq)} {name}",
    }[kind]
    group = f"รายละเอียดโครงการ แผน พ.ศ. {thai_digits(year)}" if kind == "sheet" else ""
    return BookPart(template, rendered["word/document.xml"], path, title, group)


def make_book_pdf(book: PlanBook, font: Path, front_pdf: Path, convert, cache: OfficeCache | None = None) -> Path:
    """The book's PDF once its parts' PDFs and the front matter's (made with PLACEHOLDER page
    numbers) exist: the book .docx rewritten with the สารบัญ's page numbers, the same numbers
    stamped on the front matter's PDF, then front matter and parts joined, numbered from the
    announcement, with bookmarks and title/author. If the สารบัญ's lines cannot be found in the
    PDF, `convert([docx]) -> [pdf]` makes the front matter again with the numbers written in.
    A frame with a header is converted whole by LibreOffice (its page numbers are then 1 2 3).
    With a `cache`, a book whose .docx is the same as one made before gets that PDF again (its
    parts and front matter are then the same too)."""
    from pypdf import PdfReader

    part_pdfs = [p.path.with_suffix(".pdf") for p in book.parts]
    pages = [len(PdfReader(p).pages) for p in part_pdfs]
    book.write_docx(pages)
    if not book.plain_frame:
        return convert([book.target])[0]
    key = cache.key(book.target, "book", str(font)) if cache else None
    if cache and cache.fetch(key, book.target.with_suffix(".pdf")):
        return book.target.with_suffix(".pdf")
    made = _assemble(book, font, front_pdf, convert, part_pdfs, pages)
    if cache:
        cache.keep(key, made)
    return made


def _assemble(book: PlanBook, font: Path, front_pdf: Path, convert, part_pdfs: list[Path], pages: list[int]) -> Path:
    from pypdf import PdfReader

    numbers = [entry["page"] for entry in book.context(pages)["contents"]]
    placed = contents_lines(front_pdf, numbers, book.contents_tab_pt())
    if placed is None:
        front_pdf = convert([book.write_front(front_pdf.with_name("numbered.docx"), pages)])[0]
    front_reader = PdfReader(front_pdf)
    front = len(front_reader.pages)
    marks = _front_marks(front_reader, front_pdf.with_suffix(".docx"))
    marks += [_shifted(m, front) for m in book.entries(pages)]
    s = book.plan.settings
    years = f"พ.ศ. {thai_digits(s.start_year)} - {thai_digits(s.end_year)}"
    return assemble_pdf(
        [front_pdf, *part_pdfs],
        book.target.with_suffix(".pdf"),
        font,
        first_numbered=front,
        unnumbered=frozenset({front}),
        bookmarks=marks,
        title=f"{s.plan_title} ({years})",
        author=s.organisation,
        right_texts=placed,
    )


def _front_marks(reader, front_docx: Path) -> list[Bookmark]:
    """คำนำ and สารบัญ, at the pages where LibreOffice put their Word bookmarks (none when the PDF
    has no named destinations, e.g. from a LibreOffice older than 7.4)."""
    pages = destination_pages(reader)
    return [
        Bookmark(title, pages[FRONT_MARK.format(n)])
        for n, title in enumerate(front_headings(front_docx))
        if FRONT_MARK.format(n) in pages
    ]


def _shifted(mark: Bookmark, by: int) -> Bookmark:
    return Bookmark(mark.title, mark.page + by, [_shifted(c, by) for c in mark.children])
