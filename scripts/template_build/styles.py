"""The one set of styles every template carries: TH SarabunPSK 16 pt with its complex-script
attributes, Latin text tagged English and Thai text Thai, headings that keep with the next paragraph."""

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "TH SarabunPSK"
TEXT_WIDTH_CM = 16.0  # A4 portrait, 3 cm left and 2 cm right margins
# -- Latin letters are English (so no line breaks inside "Policy"), Thai (a complex script) is
#    Thai: Word and LibreOffice pick each run's language, hence its line breaking, by script --
LANG = {"w:val": "en-US", "w:bidi": "th-TH", "w:eastAsia": "th-TH"}


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


SUB_ITEM_STYLES = {
    "List Item 2": (3.0, 1.0, True),
    "List Item 3": (4.25, 1.25, False),
}  # left, hanging (cm), keep with next


def setup_styles(doc) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), 16)
    normal = styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), 16)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True  # no lone first/last line of a paragraph

    def para_style(
        name,
        *,
        align=None,
        bold=None,
        size=None,
        first=None,
        left=None,
        hanging=None,
        before=None,
        tab=None,
        after=None,
        keep_next=None,
    ):
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
    anchor = next(
        (el for el in ppr if el.tag in {qn("w:shd"), qn("w:tabs"), qn("w:spacing"), qn("w:ind"), qn("w:jc")}), None
    )
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)


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
        st.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
