"""planbook.docx: the plan book's frame (footer with Thai page numbers) and its front matter."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from template_build.fields import page_field, thai_page_numbers
from template_build.package import add


def build_planbook(doc) -> None:
    """The plan book's frame: styles, the footer with Thai page numbers, and in its body the front
    matter (cover, คำนำ, สารบัญ); the parts follow it as sections of their own."""
    build_front_matter(doc)
    sect = doc.sections[0]
    p = sect.footer.paragraphs[0]
    p.style = doc.styles["Normal"]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field(p)
    # -- an empty first-page footer: the ประกาศ's page is counted but carries no number --
    sect.different_first_page_header_footer = True
    sect.first_page_footer.is_linked_to_previous = False
    thai_page_numbers(sect._sectPr)


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
