"""Word plan books: the body's paragraphs and tables in document order."""

from pathlib import Path

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from pipeline.errors import ImportFailed

from .blocks import SUPPORTED, Block, Line, Repairs, Table
from .text import norm

# -- paragraph styles whose every paragraph is one item of its section: the project sheet's
#    "Section Text" (sections ๔, ๖, ๗, ๘: no first-line indent, one paragraph per item). By name, which
#    Word and Writer keep when they save the book again --
ITEM_STYLES = frozenset({"Section Text"})


def docx_blocks(path: Path, repairs: Repairs | None = None) -> list[Block]:
    fix = repairs if repairs is not None else Repairs()
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a broken package
        raise ImportFailed(
            f"เปิดไฟล์ {path} เป็นเอกสาร Word ไม่ได้ (ไฟล์อาจเสียหายหรือไม่ใช่ .docx)",
            hint=f"ใช้{SUPPORTED}; บันทึกใหม่จาก Word เป็นชนิด .docx",
            english=f"cannot open {path} as .docx: {exc}",
        ) from None
    blocks: list[Block] = []
    paragraphs = tables = 0
    indents: dict[str | None, bool] = {}
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs += 1
            paragraph = Paragraph(element, document)
            opens = _indented(paragraph, element.style, indents) or _one_item(paragraph)
            where = f"ย่อหน้า {paragraphs}"
            for text in fix(paragraph.text, where).splitlines():
                if text.strip():
                    blocks.append(Line(norm(text), where, opens))
                    opens = False  # a line break inside the paragraph does not start another
        elif tag == "tbl":
            tables += 1
            where = f"ตารางที่ {tables}"
            # -- merged cells repeat their text in row.cells, so column positions stay put --
            rows = [[norm(fix(cell.text, where)) for cell in row.cells] for row in DocxTable(element, document).rows]
            blocks.append(Table(rows, where))
    return blocks


def _one_item(paragraph: Paragraph) -> bool:
    style = paragraph.style
    return style is not None and style.name in ITEM_STYLES


def _indented(paragraph: Paragraph, style_id: str | None, by_style: dict[str | None, bool]) -> bool:
    """True when the paragraph's first line is indented, by its own formatting or its style's
    (followed through the styles it is based on); a hanging indent is negative."""
    own = paragraph.paragraph_format.first_line_indent
    if own is not None:
        return own > 0
    if style_id not in by_style:
        style, indent = paragraph.style, None
        while style is not None and indent is None:
            indent = style.paragraph_format.first_line_indent
            style = style.base_style
        by_style[style_id] = bool(indent and indent > 0)
    return by_style[style_id]
