"""Many small documents, few LibreOffice documents.

LibreOffice spends about 20 ms on every document it opens, whatever its size (styles, page set-up,
PDF export); a run's eighty one-to-three-page documents cost more than their content. So documents
made from the same template (every member of the package equal except the body) are joined into
one .docx, each starting a new section with a bookmark at its first paragraph. LibreOffice converts
the joined file once, exporting the bookmarks as named destinations, and the PDF is cut at those
pages into one PDF per document, with the document's own title and author.

What would lay out differently when joined is converted alone: Word list, line and note numbering
(it would run on from the previous document), fields that count the whole file's pages or look up
text elsewhere in it (NUMPAGES, REF, PAGEREF, STYLEREF, SEQ, TOC), and left/right page set-ups
(facing pages would depend on where a document starts). When cutting cannot be trusted (a
destination missing or out of order) the caller converts the documents alone. The joined file's
break marks are LibreOffice's (linebreak.office_marks), as for a document converted alone.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline import ooxml
from pipeline.errors import JoinFailed
from pipeline.render.word.linebreak import office_marks

W = ooxml.clark(ooxml.W)
BOOKMARK = "pdfpart{}"
# -- LibreOffice 7.4+ takes filter options as JSON; the destinations are what the PDF is cut at --
PDF_TARGET = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
_BODY_ONLY = {"word/document.xml", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"}
# -- list, line, note and SEQ numbering runs on across documents; NUMPAGES counts the joined file;
#    REF/PAGEREF/STYLEREF/TOC could find another document's text; left and right pages would
#    depend on where a document starts in the joined file --
_ALONE = re.compile(
    rb"<w:numPr\b|<w:lnNumType|<w:footnoteReference|<w:endnoteReference"
    rb"|NUMPAGES|SECTIONPAGES|PAGEREF|STYLEREF|NOTEREF| REF | SEQ | TOC "
    rb"|<w:evenAndOddHeaders|<w:mirrorMargins|<w:bookFoldPrinting|w:val=\"(?:odd|even)Page\""
)
_ROOT = re.compile(rb"^(.*?<w:body>)(.*)(</w:body>\s*</w:document>\s*)$", re.S)
_BOOKMARK_ID = 2_000_000_000  # far above the ids Word and docxtpl give, within a 32-bit int


@dataclass
class Joined:
    path: Path  # the joined .docx (its PDF is made next to it by LibreOffice)
    parts: list[Path]  # the documents in it, in order


def plan(documents: list[Path], chunks: int) -> tuple[list[list[Path]], list[Path]]:
    """(groups to join, documents to convert alone). Documents join when their packages differ only
    in the body; the largest group is cut into `chunks` runs of neighbours so each LibreOffice
    process gets one."""
    groups: dict[tuple, list[Path]] = {}
    alone = []
    checked: dict[tuple, bool] = {}  # -- a template's members are the same bytes in every document --
    for doc in documents:
        key = _template_key(doc, checked)
        if key is None:
            alone.append(doc)
        else:
            groups.setdefault(key, []).append(doc)
    joined = []
    for members in sorted(groups.values(), key=len, reverse=True):
        if len(members) < 2:
            alone += members
            continue
        pieces = chunks if not joined else 1
        size = -(-len(members) // pieces)
        joined += [members[i : i + size] for i in range(0, len(members), size)]
    return [g for g in joined if len(g) > 1], alone + [g[0] for g in joined if len(g) == 1]


def _template_key(doc: Path, checked: dict[tuple, bool]) -> tuple | None:
    """Every member but the body, by name, CRC and size (and the body's root element, whose
    namespaces must agree too); None when the document must be converted alone."""
    try:
        with zipfile.ZipFile(doc) as z:
            key = []
            for info in sorted(z.infolist(), key=lambda i: i.filename):
                if info.filename == "word/document.xml":
                    data = z.read(info)
                    root = _ROOT.match(data)
                    if root is None or _ALONE.search(data) or not _sectioned(root.group(2)):
                        return None
                    key.append(root.group(1))
                elif info.filename not in _BODY_ONLY:
                    member = (info.filename, info.CRC, info.file_size)
                    if member not in checked:
                        checked[member] = bool(_ALONE.search(z.read(info)))
                    if checked[member]:
                        return None
                    key.append(member)
            return tuple(key)
    except (OSError, zipfile.BadZipFile, KeyError):
        return None


def _sectioned(body: bytes) -> bool:
    """A paragraph, and the body's section properties at its end: what a section break is made of."""
    return body.rstrip().endswith(b"</w:sectPr>") and (b"<w:p>" in body or b"<w:p " in body)


def join(parts: list[Path], target: Path) -> Joined:
    """Write the parts' bodies one after another into `target`, the first part's package around them."""
    bodies = []
    for index, part in enumerate(parts):
        with zipfile.ZipFile(part) as z:
            head, body, tail = _ROOT.match(z.read("word/document.xml")).groups()
        try:
            bodies.append(_section_body(head, body, tail, index, last=index == len(parts) - 1))
        except (etree.XMLSyntaxError, StopIteration, IndexError) as exc:  # no paragraph, no sectPr
            raise JoinFailed(f"{part.name} cannot be joined: {exc!r}") from exc
    with zipfile.ZipFile(parts[0]) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                head, _, tail = _ROOT.match(data).groups()
                data = head + b"".join(bodies) + tail
            out.writestr(item, office_marks(data) if item.filename.startswith("word/") else data)
    return Joined(target, list(parts))


def _section_body(head: bytes, body: bytes, tail: bytes, index: int, last: bool) -> bytes:
    """One part's body: its first section starts a new page numbered from 1, its first paragraph
    carries the bookmark, and (unless it is the last part) its closing sectPr moves into its last
    paragraph, as Word writes a section break."""
    root = etree.fromstring(head + body + tail)
    content = root.find(f"{W}body")
    first_section = next(content.iter(f"{W}sectPr"))
    _starts_new_page(first_section, index)
    paragraph = next(content.iter(f"{W}p"))
    mark_id = str(_BOOKMARK_ID + index)
    start = etree.Element(f"{W}bookmarkStart", {f"{W}id": mark_id, f"{W}name": BOOKMARK.format(index)})
    end = etree.Element(f"{W}bookmarkEnd", {f"{W}id": mark_id})
    at = 1 if len(paragraph) and paragraph[0].tag == f"{W}pPr" else 0
    paragraph[at:at] = [start, end]
    if not last:
        closing = content[-1]
        previous = content[-2] if len(content) > 1 else None
        if previous is None or previous.tag != f"{W}p":
            previous = etree.Element(f"{W}p")
            closing.addprevious(previous)
        properties = previous.find(f"{W}pPr")
        if properties is None:
            properties = etree.Element(f"{W}pPr")
            previous.insert(0, properties)
        properties.append(closing)
    return b"".join(etree.tostring(child, encoding="utf-8") for child in content)


def _starts_new_page(section: etree._Element, index: int) -> None:
    """A document's first page is a new page numbered 1; joined, that has to be said."""
    kind = section.find(f"{W}type")
    if index and kind is not None:
        kind.set(f"{W}val", "nextPage")
    numbering = section.find(f"{W}pgNumType")
    if numbering is None:
        numbering = etree.SubElement(section, f"{W}pgNumType")
        _order_page_numbering(section, numbering)
    if numbering.get(f"{W}start") is None:
        numbering.set(f"{W}start", "1")


# -- CT_SectPr's order: pgNumType comes after these (Word rejects a misplaced one) --
_BEFORE_PG_NUM = {
    f"{W}{t}"
    for t in (
        "headerReference",
        "footerReference",
        "footnotePr",
        "endnotePr",
        "type",
        "pgSz",
        "pgMar",
        "paperSrc",
        "pgBorders",
        "lnNumType",
    )
}


def _order_page_numbering(section: etree._Element, numbering: etree._Element) -> None:
    section.remove(numbering)
    at = max((i + 1 for i, child in enumerate(section) if child.tag in _BEFORE_PG_NUM), default=0)
    section.insert(at, numbering)


def cut(joined: Joined, pdf: Path) -> list[Path]:
    """One PDF per part, next to each part's .docx; JoinFailed when the destinations are not one per
    part in page order."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(pdf)
    pages = destination_pages(reader)
    starts = []
    for index in range(len(joined.parts)):
        if BOOKMARK.format(index) not in pages:
            raise JoinFailed(f"no destination for part {index} in {pdf.name}")
        starts.append(pages[BOOKMARK.format(index)])
    if starts[0] != 0 or any(b <= a for a, b in zip(starts, starts[1:])):
        raise JoinFailed(f"destinations out of order in {pdf.name}: {starts}")
    ends = starts[1:] + [len(reader.pages)]
    shared = {k: v for k, v in (reader.metadata or {}).items() if k in ("/Creator", "/Producer", "/CreationDate")}
    made = []
    for part, first, end in zip(joined.parts, starts, ends):
        writer = PdfWriter()
        for number in range(first, end):
            writer.add_page(reader.pages[number])
        writer.add_metadata({**shared, **_title_author(part)})
        made.append(part.with_suffix(".pdf"))
        with open(made[-1], "wb") as out:
            writer.write(out)
    return made


def destination_pages(reader) -> dict[str, int]:
    """Named destination -> 0-based page index. LibreOffice writes them in a /Dests dictionary, whose
    keys pypdf gives as PDF names ("/pdfpart0"); the slash is dropped."""
    return {
        name.lstrip("/"): reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()
    }


def _title_author(docx: Path) -> dict[str, str]:
    """The PDF's /Title and /Author, as LibreOffice takes them from the document's core properties."""
    try:
        with zipfile.ZipFile(docx) as z:
            core = etree.fromstring(z.read("docProps/core.xml"))
    except (KeyError, OSError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return {}
    names = {
        "/Title": "{http://purl.org/dc/elements/1.1/}title",
        "/Author": "{http://purl.org/dc/elements/1.1/}creator",
    }
    found = {key: core.findtext(tag) for key, tag in names.items()}
    return {key: value for key, value in found.items() if value}
