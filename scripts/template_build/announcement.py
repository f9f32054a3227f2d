"""announcement.docx: the ประกาศ, with room for the Garuda and "- ๒ -" on later pages."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from template_build.fields import page_field, thai_page_numbers
from template_build.package import add, add_signature


def build_announcement(doc) -> None:
    doc.sections[0].top_margin = Cm(1.5)  # the Garuda sits 1.5 cm from the top edge
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
    add_signature(doc, "ประกาศ ณ วันที่ {{ announce_date }}")
    _continuation_header(doc)


def _continuation_header(doc) -> None:
    """งานสารบรรณ: pages after the first carry "- ๒ -" at the top; the first page has none."""
    sect = doc.sections[0]
    sect.different_first_page_header_footer = True
    p = sect.header.paragraphs[0]
    p.style = doc.styles["Normal"]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("- ")
    page_field(p)
    p.add_run(" -")
    thai_page_numbers(sect._sectPr)
