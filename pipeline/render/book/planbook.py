"""The plan book: rendered bodies of the other templates, concatenated into planbook.docx.

planbook.docx gives the frame: styles, the footer with the page number (Thai digits) and, in its
body, the front matter (cover, คำนำ, สารบัญ), which carries no page number. Each part (announcement,
year tables, project sheets) keeps its own page setup as a section of its own, so it starts on a
new page and the year tables stay landscape. Numbering starts at ๑ on the announcement, whose page
shows no number (the frame's empty first-page footer). Images or links staff added to a part's
template are copied along.
"""

import copy
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.ooxml import CT, PR, WP, R, W
from pipeline.render.word.docx_fast import PreparedTemplate

DOC = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
_REF_TAGS = {f"{{{W}}}headerReference", f"{{{W}}}footerReference"}
# sectPr children that come after pgNumType in the schema's order
_AFTER_PGNUM = {
    f"{{{W}}}{t}"
    for t in (
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
        "sectPrChange",
    )
}
_AFTER_TITLEPG = {
    f"{{{W}}}{t}" for t in ("textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")
}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class _Relinker:
    """Copies what a part's r:id / r:embed attributes point at into the plan book package."""

    def __init__(self, book: PreparedTemplate):
        self.rels = etree.fromstring(book.raw[RELS])
        self.types = etree.fromstring(book.raw[TYPES])
        self.extra: dict[str, bytes] = {}
        self.count = 0

    def relink(self, element, source: PreparedTemplate) -> None:
        source_rels = {r.get("Id"): r for r in etree.fromstring(source.raw[RELS])}
        mapping: dict[str, str] = {}
        for el in element.iter():
            for attr, old in el.attrib.items():
                if attr.startswith(f"{{{R}}}") and old in source_rels:
                    if old not in mapping:
                        mapping[old] = self._copy(source_rels[old], source)
                    el.set(attr, mapping[old])

    def _copy(self, rel, source: PreparedTemplate) -> str:
        self.count += 1
        new_id = f"rIdBook{self.count}"
        new = etree.SubElement(self.rels, f"{{{PR}}}Relationship", dict(rel.attrib))
        new.set("Id", new_id)
        if rel.get("TargetMode") != "External":
            member = posixpath.normpath(posixpath.join("word", rel.get("Target")))
            folder, name = posixpath.split(rel.get("Target"))
            target = posixpath.join(folder, f"book{self.count}_{name}")
            new.set("Target", target)
            self.extra[posixpath.normpath(posixpath.join("word", target))] = source.raw[member]
            self._content_type(member, source)
        return new_id

    def _content_type(self, member: str, source: PreparedTemplate) -> None:
        """Images are typed by extension (Default); copy the source's Default if we lack it."""
        ext = member.rsplit(".", 1)[-1].lower()
        if any(d.get("Extension", "").lower() == ext for d in self.types.iter(f"{{{CT}}}Default")):
            return
        for d in etree.fromstring(source.raw[TYPES]).iter(f"{{{CT}}}Default"):
            if d.get("Extension", "").lower() == ext:
                self.types.insert(0, copy.deepcopy(d))

    def members(self) -> dict[str, bytes]:
        return {
            RELS: etree.tostring(self.rels, xml_declaration=True, encoding="UTF-8", standalone=True),
            TYPES: etree.tostring(self.types, xml_declaration=True, encoding="UTF-8", standalone=True),
        }


def write_planbook(
    book: PreparedTemplate,
    book_context: dict,
    parts: list[tuple[PreparedTemplate, str]],
    target: Path,
    props: dict[str, bytes] | None = None,
) -> Path:
    """Concatenate `parts` (template, rendered document.xml) into `book`'s frame at `target`;
    `props` replaces the frame's document properties (pipeline.render.word.docprops)."""
    rendered = book.render(book_context)
    root = etree.fromstring((rendered.get(DOC) or book.raw[DOC].decode("utf-8")).encode("utf-8"))
    body = root.find(_w("body"))
    book_sect = body.find(_w("sectPr"))
    cover = [el for el in body if el.tag != _w("sectPr")]
    for el in list(body):
        body.remove(el)
    relinker = _Relinker(book)
    sections = []
    if any(_has_content(el) for el in cover):
        sections.append((cover, _unnumbered(book_sect)))
    for i, (template, xml) in enumerate(parts):
        part_body = etree.fromstring(xml.encode("utf-8")).find(_w("body"))
        relinker.relink(part_body, template)
        part_sect = part_body.find(_w("sectPr"))
        children = [el for el in part_body if el.tag != _w("sectPr")]
        sections.append((children, _section(part_sect, book_sect, first=i == 0)))
    for i, (children, sect) in enumerate(sections):
        if i == len(sections) - 1:
            body.extend(children)
            body.append(sect)
        else:
            body.extend(_attach(children, sect))
    for n, pr in enumerate(root.iter(f"{{{WP}}}docPr"), 1):  # Word wants unique drawing ids
        pr.set("id", str(n))
    rendered[DOC] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode("utf-8")
    return book.write(target, rendered, extra=relinker.extra, replace={**relinker.members(), **(props or {})})


FRONT_HEAD = "FrontHead"  # the style of คำนำ and สารบัญ: each gets a PDF bookmark
FRONT_MARK = "front{}"


def write_front(book: PreparedTemplate, book_context: dict, target: Path) -> Path:
    """The front matter alone (planbook.docx's body, no page numbers): its PDF opens the book's PDF.
    Its headings (style FrontHead) carry Word bookmarks FRONT_MARK 0, 1, … so that the PDF shows
    on which page each starts (front_headings gives their texts)."""
    rendered = book.render(book_context)
    root = etree.fromstring((rendered.get(DOC) or book.raw[DOC].decode("utf-8")).encode("utf-8"))
    body = root.find(_w("body"))
    sect = body.find(_w("sectPr"))
    if sect is not None:
        sect.addprevious(_unnumbered(sect))
        body.remove(sect)
    for n, heading in enumerate(_front_heads(body)):
        mark = {_w("id"): str(2_100_000_000 + n)}
        heading.find(_w("pPr")).addnext(etree.Element(_w("bookmarkStart"), {**mark, _w("name"): FRONT_MARK.format(n)}))
        heading.append(etree.Element(_w("bookmarkEnd"), mark))
    rendered[DOC] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode("utf-8")
    return book.write(target, rendered)


def front_headings(front: Path) -> list[str]:
    """The texts of the front matter's headings (คำนำ, สารบัญ), in the order of their bookmarks."""
    with zipfile.ZipFile(front) as z:
        body = etree.fromstring(z.read(DOC)).find(_w("body"))
    return ["".join(p.itertext()).strip() for p in _front_heads(body)]


def _front_heads(body) -> list:
    return [
        p
        for p in body.iter(_w("p"))
        if p.find(f"{_w('pPr')}/{_w('pStyle')}[@{_w('val')}='{FRONT_HEAD}']") is not None
        and "".join(p.itertext()).strip()
    ]


def is_plain_frame(book: PreparedTemplate) -> bool:
    """True when planbook.docx has no header: then the book's PDF can be assembled from the front
    matter's and the parts' own PDFs (see pipeline.render.book.pdf); a header staff add to the
    frame is on every page of the book, so LibreOffice must convert the whole book."""
    for name, data in book.raw.items():
        if posixpath.basename(name).startswith("header") and name.endswith(".xml"):
            if _has_content(etree.fromstring(data)):
                return False
    return True


def _has_content(el) -> bool:
    return bool("".join(el.itertext()).strip()) or el.find(f".//{_w('drawing')}") is not None


def _unnumbered(book_sect):
    """The frame's page setup without header or footer: the front matter has no page numbers."""
    sect = copy.deepcopy(book_sect) if book_sect is not None else etree.Element(_w("sectPr"))
    for el in list(sect):
        if el.tag in _REF_TAGS or el.tag in (_w("pgNumType"), _w("titlePg")):
            sect.remove(el)
    return sect


def _section(part_sect, book_sect, *, first: bool):
    """The part's page setup with the plan book's header/footer and page-number format. The first
    part starts the numbering at ๑ and, like the frame (titlePg), shows none on its first page."""
    sect = copy.deepcopy(part_sect) if part_sect is not None else etree.Element(_w("sectPr"))
    for el in list(sect):
        if el.tag in _REF_TAGS or el.tag in (_w("pgNumType"), _w("type"), _w("titlePg")):
            sect.remove(el)
    if book_sect is None:
        return sect
    for i, ref in enumerate(el for el in book_sect if el.tag in _REF_TAGS):
        sect.insert(i, copy.deepcopy(ref))
    pgnum = book_sect.find(_w("pgNumType"))
    if pgnum is not None:
        pgnum = copy.deepcopy(pgnum)
        if first:
            pgnum.set(_w("start"), "1")
        else:
            pgnum.attrib.pop(_w("start"), None)  # numbering runs on through the book
        after = next((el for el in sect if el.tag in _AFTER_PGNUM), None)
        if after is not None:
            after.addprevious(pgnum)
        else:
            sect.append(pgnum)
    if first and book_sect.find(_w("titlePg")) is not None:
        title_pg = etree.Element(_w("titlePg"))
        after = next((el for el in sect if el.tag in _AFTER_TITLEPG), None)
        if after is not None:
            after.addprevious(title_pg)
        else:
            sect.append(title_pg)
    return sect


def _attach(children: list, sect) -> list:
    """Put `sect` in the last paragraph's properties: that paragraph ends the section."""
    if not children or children[-1].tag != _w("p"):
        children = children + [etree.Element(_w("p"))]
    p = children[-1]
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        p.insert(0, ppr)
    old = ppr.find(_w("sectPr"))
    if old is not None:
        ppr.remove(old)
    change = ppr.find(_w("pPrChange"))
    if change is not None:
        change.addprevious(sect)
    else:
        ppr.append(sect)
    return children
