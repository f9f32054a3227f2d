"""Build the Word templates in templates/ with python-docx, so they are reproducible.

    python scripts/make_templates.py [--out FOLDER]   # default: pipeline/templates/ and templates/

The committed .docx files are what staff edit in Word afterwards; run this only to start over.
Tags are docxtpl/Jinja (see docs/templates.md). All templates share one set of styles
(TH SarabunPSK 16 pt, Thai complex-script attributes included), A4, margins 3/2/2.5/2.5 cm.
"""
import argparse
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "TH SarabunPSK"
TEXT_WIDTH_CM = 16.0   # A4 portrait, 3 cm left and 2 cm right margins
# -- Latin letters are English (so no line breaks inside "Policy"), Thai (a complex script) is
#    Thai: Word and LibreOffice pick each run's language, hence its line breaking, by script --
LANG = {"w:val": "en-US", "w:bidi": "th-TH", "w:eastAsia": "th-TH"}
ROOT = Path(__file__).resolve().parent.parent


def set_fonts(rpr, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Explicit fonts for every script (Thai text uses w:cs / w:szCs), no theme fonts."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), FONT)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            _replace(rpr, tag, {"w:val": "1" if bold else "0"})
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            _replace(rpr, tag, {"w:val": str(int(size_pt * 2))})
    _replace(rpr, "w:lang", LANG)


def _replace(parent, tag: str, attrs: dict) -> None:
    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k), v)
    parent.append(el)
    _sort_rpr(parent)


_RPR_ORDER = ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:color", "w:sz", "w:szCs", "w:lang"]


def _sort_rpr(rpr) -> None:
    order = {qn(t): i for i, t in enumerate(_RPR_ORDER)}
    children = sorted(rpr, key=lambda el: order.get(el.tag, 5))
    for el in children:
        rpr.append(el)


def setup_styles(doc) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), 16)
    normal = styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), 16)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True   # no lone first/last line of a paragraph

    def para_style(name, *, align=None, bold=None, size=None, first=None, left=None,
                   hanging=None, before=None, tab=None, after=None, keep_next=None):
        st = styles.add_style(name, 1)
        st.base_style = normal
        pf = st.paragraph_format
        if align is not None:
            pf.alignment = align
        if first is not None:
            pf.first_line_indent = Cm(first)
        if left is not None:
            pf.left_indent = Cm(left)
        if hanging is not None:
            pf.first_line_indent = Cm(-hanging)
        if before is not None:
            pf.space_before = Pt(before)
        if tab is not None:
            pf.tab_stops.add_tab_stop(Cm(tab))
        if after is not None:
            pf.space_after = Pt(after)
        if keep_next is not None:
            pf.keep_with_next = keep_next
        set_fonts(st.element.get_or_add_rPr(), size, bold)
        return st

    # -- justified at word boundaries: LibreOffice 7.4 prints thaiDistribute ragged right --
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    # -- headings keep with the paragraph after them: never last on a page --
    para_style("Doc Title", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep_next=True)
    para_style("Body Para", align=justify, first=2.5)
    para_style("Section Head", bold=True, before=6, keep_next=True)
    para_style("Sub Head", bold=True, left=1.25, keep_next=True)
    para_style("Section Text", align=justify, left=1.25)
    # -- lists: the number "๑)" hangs, wrapped lines align with the text after the tab --
    # -- list items are set flush left: an item line is often one unbroken Thai run, which
    #    LibreOffice justifies by spreading its letters, and pdftotext then reads spaces inside
    #    words (การป้อ งกัน: 2 of the 43 "ป้องกัน" lost) --
    para_style("List Item", align=WD_ALIGN_PARAGRAPH.LEFT, left=2.0, hanging=0.75, tab=2.0)
    # -- sub-items: "๒.๑)" / "-" under their item's text, "๒.๑.๑)" one step further in; a
    #    "๓.๑) การจัดการเรื่องร้องเรียนทั่วไป" that opens bullets stays with them, like a heading --
    for name, (left, hanging, keep) in SUB_ITEM_STYLES.items():
        para_style(name, align=WD_ALIGN_PARAGRAPH.LEFT, left=left, hanging=hanging, tab=left, keep_next=keep)
    announcement_styles(para_style, justify)
    front_styles(para_style)
    para_style("Table Title", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=6)
    para_style("Table Text", size=14)
    para_style("Table Head", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para_style("Table Center", size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    para_style("Table Number", size=14, align=WD_ALIGN_PARAGRAPH.RIGHT)


def announcement_styles(para_style, justify) -> None:
    """The ประกาศ's own styles. From "จึงประกาศ…" to the signer's position every paragraph keeps
    with the next, so the signature block never stands alone on a page."""
    para_style("Garuda", align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    # -- a short centred rule under the title, then a gap before the body --
    rule = para_style("Title Rule", align=WD_ALIGN_PARAGRAPH.CENTER, left=5.5, after=12, keep_next=True)
    rule.paragraph_format.right_indent = Cm(5.5)
    _bottom_border(rule.element.get_or_add_pPr())
    para_style("Closing", align=justify, first=2.5, keep_next=True)
    para_style("Date Line", left=6.0, before=12, keep_next=True)
    para_style("Signature", align=WD_ALIGN_PARAGRAPH.CENTER, left=5.5, keep_next=True)


def _bottom_border(ppr) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "auto"}.items():
        bottom.set(qn(k), v)
    borders.append(bottom)
    # -- schema order: pBdr comes after keepNext/keepLines/pageBreakBefore/widowControl/numPr --
    anchor = next((el for el in ppr if el.tag in {qn("w:shd"), qn("w:tabs"), qn("w:spacing"),
                                                  qn("w:ind"), qn("w:jc")}), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)


def new_document(landscape: bool = False):
    doc = Document()
    setup_styles(doc)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.0) if landscape else Cm(2.5)
    sec.header_distance = sec.footer_distance = Cm(1.25)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # python-docx's default template starts empty
        body.remove(p)
    return doc


KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid",
               "Header", "Footer"}


def prune_package(doc) -> None:
    """Drop python-docx's ~160 unused sample styles and stylesWithEffects.xml (~800 KB of XML
    that every generated document would otherwise carry); Word still offers its built-ins."""
    custom = {st.name for st in doc.styles if st.element.get(qn("w:customStyle")) == "1"}
    for st in list(doc.styles):
        if st.name not in KEEP_STYLES | custom:
            st.element.getparent().remove(st.element)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)


APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           b"<Application>anticorruption-plan-pipeline</Application></Properties>")


def neutral_properties(doc, name: str) -> None:
    """No sample properties from python-docx's own template (its thumbnail picture, "generated by
    python-docx", created 2013, "Microsoft Macintosh Word"); each output gets its own properties
    at render time (pipeline/render/word/docprops.py)."""
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package.rels.pop(rid)
        elif rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = APP_XML
    props = doc.core_properties
    props.title, props.author, props.comments, props.last_modified_by = f"แม่แบบ {name}", "", "", ""
    props.created = props.modified = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)


def add(doc, text: str, style: str = "Normal"):
    return doc.add_paragraph(text, style=style)


def build_announcement(doc) -> None:
    doc.sections[0].top_margin = Cm(1.5)   # the Garuda sits 1.5 cm from the top edge
    garuda = add(doc, "{{ garuda }}", "Garuda")
    # -- room for the Garuda (about 3 cm) even when no image is set --
    garuda.paragraph_format.line_spacing = Cm(3.0)
    garuda.paragraph_format.line_spacing_rule = 3  # WD_LINE_SPACING.AT_LEAST
    add(doc, "ประกาศ{{ organisation }}", "Doc Title")
    # -- `balance`: a title too long for one line breaks into two lines of about equal length --
    add(doc, '{{ ("เรื่อง ประกาศใช้" ~ plan_title)|balance }}', "Doc Title")
    add(doc, "({{ plan_years }}) ของ{{ organisation }}", "Doc Title")
    add(doc, "", "Title Rule")
    add(doc, "{%p for text in body %}")
    add(doc, "{{ text }}", "Body Para")
    add(doc, "{%p endfor %}")
    add(doc, "จึงประกาศมาให้ทราบโดยทั่วกัน", "Closing")
    add(doc, "ประกาศ ณ วันที่ {{ announce_date }}", "Date Line")
    for _ in range(3):
        add(doc, "", "Signature")
    add(doc, "({{ signer }})", "Signature")
    add(doc, "{{ signer_position }}", "Signature")
    _continuation_header(doc)


def _continuation_header(doc) -> None:
    """งานสารบรรณ: pages after the first carry "- ๒ -" at the top; the first page has none."""
    sect = doc.sections[0]
    sect.different_first_page_header_footer = True
    p = sect.header.paragraphs[0]
    p.style = doc.styles["Normal"]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("- ")
    _page_field(p)
    p.add_run(" -")
    _thai_page_numbers(sect._sectPr)


def build_project_sheet(doc) -> None:
    add(doc, "ลำดับที่ {{ seq }}", "Doc Title")
    p = add(doc, "๑. ชื่อโครงการ : ", "Section Head")
    name = p.add_run("{{ name }}")
    set_fonts(name._r.get_or_add_rPr(), bold=False)   # w:bCs too: Thai text reads that one
    sections = [
        ("๒. หลักการและเหตุผล", "paras", "rationale"),
        ("๓. วัตถุประสงค์", "list", "objectives"),
        ("๔. กลุ่มเป้าหมาย", "text", "target_group"),
        ("๕. วิธีดำเนินการ", "list", "method"),
        ("๖. ระยะเวลาดำเนินการ", "line", "period"),
        ("๗. งบประมาณที่ใช้ในการดำเนินการ", "line", "budget"),
        ("๘. ผู้รับผิดชอบ", "text", "responsible"),
    ]
    for heading, kind, var in sections:
        add_section(doc, heading, kind, var)
    add(doc, "๙. ผลผลิต/ผลลัพธ์", "Section Head")
    add(doc, "ผลผลิต", "Sub Head")
    add_list(doc, "outputs")
    add(doc, "ผลลัพธ์", "Sub Head")
    add_list(doc, "outcomes")


def add_section(doc, heading: str, kind: str, var: str) -> None:
    add(doc, heading, "Section Head")
    if kind == "line":
        add(doc, "{{ %s }}" % var, "Section Text")
    elif kind == "list":
        add_list(doc, var)
    else:
        add(doc, "{%%p for text in %s %%}" % var)
        add(doc, "{{ text }}", "Body Para" if kind == "paras" else "Section Text")
        add(doc, "{%p endfor %}")


SUB_ITEM_STYLES = {"List Item 2": (3.0, 1.0, True), "List Item 3": (4.25, 1.25, False)}   # left, hanging (cm), keep with next


def add_list(doc, var: str) -> None:
    """`{{ item.num }}` is '๑)', '๒)'… (empty for a one-item list), or a sub-item's own '๒.๑)' or
    '-'; a tab then the text, in the style of the item's level (List Item, List Item 2, 3)."""
    add(doc, "{%%p for item in %s %%}" % var)
    for level, style in enumerate(("List Item", *SUB_ITEM_STYLES)):
        add(doc, "{%%p %s item.level == %d %%}" % ("if" if level == 0 else "elif", level)
            if level < 2 else "{%p else %}")
        p = add(doc, "{{ item.num }}", style)
        p.add_run().add_tab()
        p.add_run("{{ item.text }}")
    add(doc, "{%p endif %}")
    add(doc, "{%p endfor %}")


# -- widths from the content (14 pt, cell margins 0.19 cm each side): the header words fit on one
#    line, 999,999,999.99 too even in the fallback font (Laksaman), หมายเหตุ (usually empty) is as
#    narrow as its header, the project name takes the rest of the 24.7 cm between the margins --
YEAR_COLUMNS = [  # header, width cm, cell template, paragraph style
    ("ลำดับ", 1.3, "{{ r.order }}", "Table Center"),
    ("รายการโครงการ (ตั้งต้น)", 12.8, "{{ r.name }}", "Table Text"),
    ("มิติ", 1.0, "{{ r.dimension }}", "Table Center"),
    ("งบประมาณ (บาท)", 3.8, "{{ r.budget }}", "Table Number"),  # 999,999,999.99 at 14 pt: 3.32 cm + margins
    ("1", 1.0, "{{ r.q1 }}", "Table Center"),
    ("2", 1.0, "{{ r.q2 }}", "Table Center"),
    ("3", 1.0, "{{ r.q3 }}", "Table Center"),
    ("4", 1.0, "{{ r.q4 }}", "Table Center"),
    ("หมายเหตุ", 1.8, "{{ r.note }}", "Table Text"),
]


def build_year_table(doc) -> None:
    table = doc.add_table(rows=7, cols=len(YEAR_COLUMNS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, (_, width, _, _) in enumerate(YEAR_COLUMNS):
        for cell in table.columns[i].cells:
            cell.width = Cm(width)
    title_row, head1, head2, loop_start, data, loop_end, total = table.rows
    _title_row(title_row, "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. {{ year }} ของ {{ organisation }}")
    for i, (title, _, value, style) in enumerate(YEAR_COLUMNS):
        _cell(head1.cells[i], title if i < 4 or i == 8 else "", "Table Head")
        _cell(head2.cells[i], title if 4 <= i < 8 else "", "Table Head")
        _cell(data.cells[i], value, style)
    _cell(head1.cells[4], "ดำเนินการไตรมาส", "Table Head")
    head1.cells[4].merge(head1.cells[7])
    for i in (0, 1, 2, 3, 8):
        head1.cells[i].merge(head2.cells[i])
    for row in (title_row, head1, head2):
        _repeat_header(row)
    for row in (data, total):   # a project's row never breaks across pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    grid = table._tbl.tblGrid
    for col, (_, width, _, _) in zip(grid.iterchildren(qn("w:gridCol")), YEAR_COLUMNS):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    _cell(loop_start.cells[0], "{%tr for r in rows %}", "Table Text")
    _cell(loop_end.cells[0], "{%tr endfor %}", "Table Text")
    totals = ["รวมทั้งสิ้น", "", "", "{{ total.budget }}", "{{ total.q1 }}", "{{ total.q2 }}",
              "{{ total.q3 }}", "{{ total.q4 }}", ""]
    for i, text in enumerate(totals):
        _cell(total.cells[i], text, "Table Head" if i == 0 else YEAR_COLUMNS[i][3])
    total.cells[0].merge(total.cells[2])
    for row in (head1, head2, total):
        for cell in row.cells:
            for extra in cell.paragraphs[1:]:
                if not extra.text:
                    extra._p.getparent().remove(extra._p)
    add(doc, "", "Normal")
    add(doc, "** ข้อมูล ณ วันที่ {{ data_as_of }}", "Normal")
    add(doc, "ชื่อ - สกุล ผู้ออกรายงาน {{ reporter }}", "Normal")
    add(doc, "", "Normal")
    add(doc, "คำอธิบาย", "Section Head")
    add(doc, "{%p for d in dimensions %}")
    add(doc, "มิติ {{ d.number }} {{ d.name }}", "Normal")
    add(doc, "{%p endfor %}")


def _title_row(row, text: str) -> None:
    """The table's title as its first row, borderless, repeated with the header on every page."""
    cell = row.cells[0].merge(row.cells[-1])
    _cell(cell, text, "Table Title")
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tcpr = cell._tc.get_or_add_tcPr()
    before = [el for el in tcpr if el.tag in {qn(t) for t in ("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge")}]
    tcpr.insert(tcpr.index(before[-1]) + 1 if before else 0, borders)   # the schema's order


def _cell(cell, text: str, style: str) -> None:
    p = cell.paragraphs[0]
    p.text = text
    p.style = style


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    trpr.insert(0, cant)


def build_planbook(doc) -> None:
    """The plan book's frame: styles, the footer with Thai page numbers, and in its body the front
    matter (cover, คำนำ, สารบัญ); the parts follow it as sections of their own."""
    build_front_matter(doc)
    sect = doc.sections[0]
    p = sect.footer.paragraphs[0]
    p.style = doc.styles["Normal"]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(p)
    # -- an empty first-page footer: the ประกาศ's page is counted but carries no number --
    sect.different_first_page_header_footer = True
    sect.first_page_footer.is_linked_to_previous = False
    _thai_page_numbers(sect._sectPr)


def build_front_matter(doc) -> None:
    add(doc, "", "Cover Space")
    add(doc, "{{ plan_title|balance(26) }}", "Cover Title")
    add(doc, "({{ plan_years }})", "Cover Title")
    add(doc, "", "Cover Space")
    add(doc, "{{ organisation }}", "Cover Subtitle")
    add(doc, "คำนำ", "Front Head").paragraph_format.page_break_before = True
    add(doc, "{%p for text in preface %}")
    add(doc, "{{ text }}", "Body Para")
    add(doc, "{%p endfor %}")
    add(doc, "{{ organisation }}", "Preface Sign")
    add(doc, "สารบัญ", "Front Head").paragraph_format.page_break_before = True
    add(doc, "เรื่อง\tหน้า", "Contents Column")
    add(doc, "{%p for entry in contents %}")
    add(doc, "{%p if entry.sub %}")
    add(doc, "{{ entry.title }}\t{{ entry.page }}", "Contents 2")
    add(doc, "{%p else %}")
    add(doc, "{{ entry.title }}\t{{ entry.page }}", "Contents 1")
    add(doc, "{%p endif %}")
    add(doc, "{%p endfor %}")


def front_styles(para_style) -> None:
    """Cover, คำนำ and สารบัญ: sizes for a cover, a dotted leader to the right-aligned page number."""
    para_style("Cover Space", before=120)
    para_style("Cover Title", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=26)
    para_style("Cover Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=22)
    para_style("Front Head", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=20, after=12, keep_next=True)
    para_style("Preface Sign", align=WD_ALIGN_PARAGRAPH.RIGHT, before=24)
    column = para_style("Contents Column", bold=True, keep_next=True)
    column.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    for name, left in (("Contents 1", 0.0), ("Contents 2", 0.75)):
        st = para_style(name, left=left, hanging=0.0)
        st.paragraph_format.right_indent = Cm(1.0)
        st.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT,
                                                   WD_TAB_LEADER.DOTS)


def _thai_page_numbers(sect) -> None:
    num = OxmlElement("w:pgNumType")
    num.set(qn("w:fmt"), "thaiNumbers")
    sect.find(qn("w:cols")).addprevious(num)


def _page_field(paragraph) -> None:
    """A plain PAGE field: it takes the section's format, w:pgNumType fmt="thaiNumbers", which
    Word prints as ๑ ๒ ๓. (`\\* ThaiArabic` is not used: LibreOffice 7.4 reads it as Thai
    *letters* ก ข ค; it ignores thaiNumbers and prints 1 2 3, which is at least the right number.)"""
    def run_with(el):
        r = paragraph.add_run()
        r._r.append(el)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run("๑")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


DIMENSION_COLUMNS = [  # header, width cm, cell template, paragraph style (landscape: 24.7 cm)
    ("มิติ", 5.6, "{{ d.number }} {{ d.name }}", "Table Text"),
    ("จำนวน\nโครงการ", 2.3, "{{ d.projects }}", "Table Center"),
    ("แล้ว\nเสร็จ", 1.7, "{{ d.done }}", "Table Center"),
    ("อยู่ระหว่าง\nดำเนินการ", 2.3, "{{ d.in_progress }}", "Table Center"),
    ("ยังไม่\nดำเนินการ", 2.1, "{{ d.not_started }}", "Table Center"),
    ("ไม่สามารถ\nดำเนินการได้", 2.5, "{{ d.failed }}", "Table Center"),
    ("งบประมาณ\nตามแผน (บาท)", 2.6, "{{ d.planned }}", "Table Number"),
    ("งบประมาณตาม\nข้อบัญญัติ (บาท)", 2.8, "{{ d.approved }}", "Table Number"),
    ("เบิกจ่ายจริง\n(บาท)", 2.8, "{{ d.spent }}", "Table Number"),
]
PROJECT_COLUMNS = [
    ("ลำดับ", 1.5, "{{ p.order }}", "Table Center"),
    ("โครงการ/มาตรการ", 5.5, "{{ p.name }}", "Table Text"),
    ("มิติ", 1.1, "{{ p.dimension }}", "Table Center"),
    ("สถานะ", 2.6, "{{ p.status }}", "Table Text"),
    ("ผลการดำเนินงาน", 5.0, "{{ p.result }}", "Table Text"),
    ("เบิกจ่ายจริง\n(บาท)", 2.4, "{{ p.spent }}", "Table Number"),
    ("ปัญหาและอุปสรรค", 2.6, "{{ p.problems }}", "Table Text"),
    ("หลักฐาน", 4.0, "{{ p.evidence }}", "Table Text"),
]


def build_monitoring_report(doc) -> None:
    """The 6-month / annual progress report (ITA): heading, summary, tables, notes, signature."""
    add(doc, "{{ title }}", "Doc Title")
    add(doc, "{{ period }}", "Doc Title")
    add(doc, "{{ organisation }}", "Doc Title")
    add(doc, "{%p if ita_code %}")
    add(doc, "ตัวชี้วัด ITA {{ ita_code }}", "Doc Title")
    add(doc, "{%p endif %}")
    add(doc, "๑. สรุปผลการดำเนินงาน", "Section Head").paragraph_format.keep_with_next = True
    add(doc, "{{ summary }}", "Body Para")
    flag = doc.add_table(rows=1, cols=2)
    flag.style = doc.styles["Table Grid"]
    flag.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell(flag.rows[0].cells[0], "ร้อยละของโครงการที่ดำเนินการแล้วเสร็จ", "Table Head")
    _cell(flag.rows[0].cells[1], "{% cellbg flag_color %}{{ percent }} ({{ flag_label }})", "Table Head")
    add(doc, "{%p if percent_started %}")
    add(doc, "รวมที่อยู่ระหว่างดำเนินการ ร้อยละ {{ percent_started }}", "Section Text")
    add(doc, "{%p endif %}")
    add(doc, "๒. ผลการดำเนินงานจำแนกตามมิติ", "Section Head").paragraph_format.keep_with_next = True
    _loop_table(doc, DIMENSION_COLUMNS, "d", "dimensions",
                ["รวม", "{{ total.projects }}", "{{ total.done }}", "{{ total.in_progress }}",
                 "{{ total.not_started }}", "{{ total.failed }}", "{{ total.planned }}",
                 "{{ total.approved }}", "{{ total.spent }}"])
    add(doc, "๓. ผลการดำเนินงานรายโครงการ", "Section Head").paragraph_format.keep_with_next = True
    _loop_table(doc, PROJECT_COLUMNS, "p", "projects", None)
    for number, title, var in (("๔", "ปัญหาและอุปสรรค", "problems"), ("๕", "ข้อเสนอแนะ", "suggestions")):
        add(doc, f"{number}. {title}", "Section Head")
        add_list(doc, var)
    add(doc, "รายงาน ณ วันที่ {{ report_date }}", "Date Line")
    for _ in range(3):
        add(doc, "", "Signature")
    add(doc, "({{ signer }})", "Signature")
    add(doc, "{{ signer_position }}", "Signature")


def _loop_table(doc, columns, var: str, items: str, total: list[str] | None) -> None:
    """Header (repeated on each page), one templated row per item, an optional total row."""
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    head, start, data, end = table.rows
    for i, (title, width, value, style) in enumerate(columns):
        for cell in table.columns[i].cells:
            cell.width = Cm(width)
        _cell(head.cells[i], title, "Table Head")
        _cell(data.cells[i], value, style)
    _repeat_header(head)
    data._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _cell(start.cells[0], "{%%tr for %s in %s %%}" % (var, items), "Table Text")
    _cell(end.cells[0], "{%tr endfor %}", "Table Text")
    if total:
        last = table.add_row()
        for i, text in enumerate(total):
            _cell(last.cells[i], text, "Table Head" if i == 0 else columns[i][3])
    grid = table._tbl.tblGrid
    for col, (_, width, _, _) in zip(grid.iterchildren(qn("w:gridCol")), columns):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    add(doc, "", "Normal")


BUILDERS = {
    "announcement.docx": (build_announcement, False),
    "project_sheet.docx": (build_project_sheet, False),
    "year_table.docx": (build_year_table, True),
    "planbook.docx": (build_planbook, False),
    "monitoring_report.docx": (build_monitoring_report, True),
}


def build_all(out_dir: Path, only: list[str] | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (builder, landscape) in BUILDERS.items():
        if only and name not in only:
            continue
        doc = new_document(landscape)
        builder(doc)
        prune_package(doc)
        neutral_properties(doc, name)
        path = out_dir / name
        doc.save(path)
        written.append(path)
    return written


def main(argv=None) -> int:
    """One source (this script) writes the defaults shipped in the package, then copies them to the
    top-level templates/ that staff edit: the two start byte-identical and cannot drift by hand."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="write only here (default: both folders)")
    parser.add_argument("--only", action="append", choices=sorted(BUILDERS), help="build just this template")
    args = parser.parse_args(argv)
    written = build_all(args.out or ROOT / "pipeline" / "templates", args.only)
    if args.out is None:
        (ROOT / "templates").mkdir(exist_ok=True)
        written += [Path(shutil.copyfile(p, ROOT / "templates" / p.name)) for p in list(written)]
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
