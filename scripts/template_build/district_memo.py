"""district_memo.docx: the district's one-page บันทึกข้อความ to the district chief about the roll-up.

งานสารบรรณ's internal memo: the small Garuda (1.5 cm) at the top left beside "บันทึกข้อความ" (29 pt),
the headings ส่วนราชการ / ที่ / วันที่ / เรื่อง (20 pt bold) with dotted lines to the margin, then
เรียน, the paragraphs (first line indented 2.5 cm), the closing and the signature.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt

from template_build.package import add
from template_build.styles import TEXT_WIDTH_CM, set_fonts

LABEL_PT = 20  # ส่วนราชการ, ที่, วันที่, เรื่อง
TITLE_PT = 29  # บันทึกข้อความ
DATE_TAB_CM = 8.0  # where วันที่ starts on the ที่ line
SUBJECT_INDENT_CM = 1.35  # "เรื่อง" at 20 pt and two spaces


def _character_style(doc, name: str, size: float):
    style = doc.styles.add_style(name, 2)  # WD_STYLE_TYPE.CHARACTER
    set_fonts(style.element.get_or_add_rPr(), size, True)
    return style


def _field_line(doc, parts: list[tuple[str, str | None]], tabs: list[float]):
    """A heading line: (text, character style or None) runs; a tab with a dotted leader ends each
    field at `tabs` (cm from the left margin)."""
    p = add(doc, "", "Memo Field")
    for stop in tabs:
        p.paragraph_format.tab_stops.add_tab_stop(Cm(stop), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.DOTS)
    for text, style in parts:
        run = p.add_run(text)
        if style:
            run.style = doc.styles[style]
    return p


def build_district_memo(doc) -> None:
    section = doc.sections[0]
    section.top_margin = Cm(1.5)  # the Garuda's top 1.5 cm from the page's edge
    section.bottom_margin = Cm(2.0)
    _character_style(doc, "Memo Label", LABEL_PT)
    _character_style(doc, "Memo Title", TITLE_PT)
    field = doc.styles.add_style("Memo Field", 1)
    field.base_style = doc.styles["Normal"]
    field.paragraph_format.space_before = Pt(2)
    # -- the Garuda at the left margin, the title centred on the same line --
    head = add(doc, "", "Normal")
    head.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM / 2), WD_TAB_ALIGNMENT.CENTER)
    head.paragraph_format.line_spacing = Cm(1.6)
    head.paragraph_format.line_spacing_rule = 3  # WD_LINE_SPACING.AT_LEAST: room for the Garuda
    head.add_run("{{ garuda }}\t")
    head.add_run("บันทึกข้อความ").style = doc.styles["Memo Title"]
    _field_line(doc, [("ส่วนราชการ", "Memo Label"), ("  {{ agency }}\t", None)], [TEXT_WIDTH_CM])
    _field_line(
        doc,
        [("ที่", "Memo Label"), ("  {{ reference }}\t", None), ("วันที่", "Memo Label"), ("  {{ date }}\t", None)],
        [DATE_TAB_CM, TEXT_WIDTH_CM],
    )
    subject = _field_line(doc, [("เรื่อง", "Memo Label"), ("  {{ subject }}", None)], [])
    # -- a long subject's second line starts under its first word, not under เรื่อง --
    subject.paragraph_format.left_indent = Cm(SUBJECT_INDENT_CM)
    subject.paragraph_format.first_line_indent = Cm(-SUBJECT_INDENT_CM)
    to = add(doc, "เรียน  {{ to }}", "Normal")
    to.paragraph_format.space_before = Pt(12)
    to.paragraph_format.space_after = Pt(6)
    add(doc, "{%p for text in paragraphs %}")
    add(doc, "{{ text }}", "Body Para")
    add(doc, "{%p endfor %}")
    closing = add(doc, "{{ closing }}", "Closing")
    closing.paragraph_format.space_before = Pt(6)
    for _ in range(3):
        add(doc, "", "Signature")
    add(doc, "({{ signer }})", "Signature")
    add(doc, "{{ signer_position }}", "Signature")
    head.alignment = WD_ALIGN_PARAGRAPH.LEFT
