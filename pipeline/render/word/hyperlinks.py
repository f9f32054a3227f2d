"""Web addresses as Word hyperlinks, so the PDF LibreOffice makes has link annotations: an ITA
assessor opens the evidence of the monitoring report with a click, even where the narrow column
wraps the address over three lines (a PDF viewer's own link detection stops at the first line).

A template prints one with a filter (`|wrap_urls`, pipeline.render.word.linebreak.wrappable) that
closes the current run, writes a <w:hyperlink> and opens a new run. The relationship a hyperlink
needs is added when the document is written: `relationships(template, rendered)` reads each link's
address back from its w:tooltip, so nothing is kept between documents.
"""

import hashlib
import html
import re

from lxml import etree
from markupsafe import Markup

from pipeline.ooxml import PR
from pipeline.render.word.docx_fast import PreparedTemplate

DOC = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_LINK = re.compile(r'<w:hyperlink r:id="(rIdLink[0-9a-f]+)" w:tooltip="([^"]*)"')
# -- blue and underlined, as Word shows a link: direct formatting, so a template needs no style --
_RUN = (
    '</w:t></w:r><w:hyperlink r:id="{id}" w:tooltip="{url}" w:history="1"><w:r><w:rPr>'
    '<w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{shown}</w:t>'
    '</w:r></w:hyperlink><w:r><w:t xml:space="preserve">'
)


def link(url: str, shown: str) -> Markup:
    """XML that ends the text run it is printed in, links `shown` to `url`, and starts a new run."""
    rid = "rIdLink" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]
    return Markup(_RUN).format(id=rid, url=url, shown=shown)


def relationships(template: PreparedTemplate, rendered: dict[str, str]) -> dict[str, bytes]:
    """For PreparedTemplate.write(replace=…): the template's relationships plus one per link in
    `rendered` ({} when there is none)."""
    links = dict(_LINK.findall(rendered.get(DOC, "")))
    if not links:
        return {}
    rels = etree.fromstring(template.raw[RELS])
    for rid, url in sorted(links.items()):
        etree.SubElement(
            rels,
            f"{{{PR}}}Relationship",
            {"Id": rid, "Type": HYPERLINK, "Target": html.unescape(url), "TargetMode": "External"},
        )
    return {RELS: etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)}
