"""Table pieces: a title row, filled cells, a repeated header, a table with one templated row."""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from template_build.package import add


def title_in_first_row(row, text: str) -> None:
    """The table's title as its first row, borderless, repeated with the header on every page."""
    cell = row.cells[0].merge(row.cells[-1])
    fill_cell(cell, text, "Table Title")
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tcpr = cell._tc.get_or_add_tcPr()
    before = [el for el in tcpr if el.tag in {qn(t) for t in ("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge")}]
    tcpr.insert(tcpr.index(before[-1]) + 1 if before else 0, borders)  # the schema's order


def fill_cell(cell, text: str, style: str) -> None:
    p = cell.paragraphs[0]
    p.text = text
    p.style = style


def repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    trpr.insert(0, cant)


def grid_widths(table, columns) -> None:
    """The table grid's column widths (Word lays a fixed table out by them), from `columns`."""
    grid = table._tbl.tblGrid
    for col, (_, width, _, _) in zip(grid.iterchildren(qn("w:gridCol")), columns):
        col.set(qn("w:w"), str(int(Cm(width).twips)))


def loop_table(doc, columns, var: str, items: str, total: list[str] | None) -> None:
    """Header (repeated on each page), one templated row per item, an optional total row."""
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    head, start, data, end = table.rows
    for i, (title, width, value, style) in enumerate(columns):
        for cell in table.columns[i].cells:
            cell.width = Cm(width)
        fill_cell(head.cells[i], title, "Table Head")
        fill_cell(data.cells[i], value, style)
    repeat_header(head)
    data._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    fill_cell(start.cells[0], "{%%tr for %s in %s %%}" % (var, items), "Table Text")
    fill_cell(end.cells[0], "{%tr endfor %}", "Table Text")
    if total:
        last = table.add_row()
        for i, text in enumerate(total):
            fill_cell(last.cells[i], text, "Table Head" if i == 0 else columns[i][3])
    grid_widths(table, columns)
    add(doc, "", "Normal")
