"""amendment.docx: the ประกาศ of an amendment (…เพิ่มเติม/เปลี่ยนแปลง ครั้งที่ N), portrait like the
plan's ประกาศ, then its annex on landscape pages: per fiscal year a table of what changed, each
change as its เดิม and ใหม่ lines (name, มิติ, budget, quarters)."""

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from template_build.announcement import _continuation_header
from template_build.package import add, add_signature
from template_build.tables import fill_cell, grid_widths, repeat_header

# -- landscape, 24.7 cm between the margins; the project's name takes what the rest leaves --
CHANGE_COLUMNS = [  # header, width cm, cell template, paragraph style
    ("ที่", 1.0, "{{ r.number }}", "Table Center"),
    ("การแก้ไข", 2.3, "{{ r.kind }}", "Table Center"),
    ("เดิม/ใหม่", 1.9, "{{ r.side }}", "Table Center"),  # -- the bold header on one line --
    ("รายการโครงการ", 11.1, "{{ r.name }}", "Table Text"),
    ("มิติ", 1.0, "{{ r.dimension }}", "Table Center"),
    ("งบประมาณ (บาท)", 3.4, "{{ r.budget }}", "Table Number"),
    ("๑", 1.0, "{{ r.q1 }}", "Table Center"),
    ("๒", 1.0, "{{ r.q2 }}", "Table Center"),
    ("๓", 1.0, "{{ r.q3 }}", "Table Center"),
    ("๔", 1.0, "{{ r.q4 }}", "Table Center"),
]
QUARTERS = slice(6, 10)


def build_amendment(doc) -> None:
    doc.sections[0].top_margin = Cm(1.5)  # the Garuda sits 1.5 cm from the top edge, as in the ประกาศ
    garuda = add(doc, "{{ garuda }}", "Garuda")
    garuda.paragraph_format.line_spacing = Cm(3.0)
    garuda.paragraph_format.line_spacing_rule = 3  # WD_LINE_SPACING.AT_LEAST
    add(doc, "ประกาศ{{ organisation }}", "Doc Title")
    # -- as the plan's ประกาศ has it, its third line naming the amendment --
    add(doc, '{{ ("เรื่อง ประกาศใช้" ~ plan_title)|balance }}', "Doc Title")
    add(doc, "({{ plan_years }}) {{ heading }} ครั้งที่ {{ number }}", "Doc Title")
    add(doc, "", "Title Rule")
    add(
        doc,
        "ตามที่{{ organisation }}ได้ประกาศใช้{{ plan_title }} ({{ plan_years }}) "
        "เมื่อวันที่ {{ plan_announced }}{{ earlier }} นั้น",
        "Body Para",
    )
    add(
        doc,
        "{{ because }}{{ organisation }}จึง{{ verb }}{{ plan_title }} ({{ plan_years }}) ครั้งที่ {{ number }} "
        "โดย{{ summary }} รายละเอียดตามบัญชีแนบท้ายประกาศนี้ และให้ใช้แผนตามที่{{ verb }}นี้ตั้งแต่วันที่ประกาศเป็นต้นไป",
        "Body Para",
    )
    add(doc, "จึงประกาศมาให้ทราบโดยทั่วกัน", "Closing")
    add_signature(doc, "ประกาศ ณ วันที่ {{ announce_date }}")
    _continuation_header(doc)
    _annex(doc)


def _annex(doc) -> None:
    """The annex on landscape pages, numbered on from the ประกาศ ("- ๒ -" at the top)."""
    sect = doc.add_section(WD_SECTION.NEW_PAGE)
    sect.orientation = WD_ORIENT.LANDSCAPE
    sect.page_width, sect.page_height = Cm(29.7), Cm(21.0)
    sect.left_margin, sect.right_margin = Cm(3.0), Cm(2.0)
    sect.top_margin, sect.bottom_margin = Cm(2.5), Cm(2.0)
    sect.different_first_page_header_footer = False  # -- its first page carries its number too --
    add(doc, "บัญชีแนบท้ายประกาศ{{ organisation }}", "Doc Title")
    add(doc, "เรื่อง ประกาศใช้{{ plan_title }} ({{ plan_years }}) {{ heading }} ครั้งที่ {{ number }}", "Doc Title")
    add(doc, "ลงวันที่ {{ announce_date }}", "Doc Title")
    add(doc, "{%p for y in years %}")
    add(doc, "ปีงบประมาณ พ.ศ. {{ y.year }}", "Section Head")
    _change_table(doc)
    total = add(
        doc,
        "รวมปี {{ y.year }} จำนวน {{ y.count_after }} รายการ งบประมาณ {{ y.after }} บาท "
        "(เดิม {{ y.count_before }} รายการ งบประมาณ {{ y.before }} บาท)",
        "Normal",
    )
    total.paragraph_format.space_before = Pt(6)
    total.paragraph_format.space_after = Pt(12)
    add(doc, "{%p endfor %}")


def _change_table(doc) -> None:
    table = doc.add_table(rows=5, cols=len(CHANGE_COLUMNS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, (_, width, _, _) in enumerate(CHANGE_COLUMNS):
        for cell in table.columns[i].cells:
            cell.width = Cm(width)
    head1, head2, loop_start, data, loop_end = table.rows
    for i, (title, _, value, style) in enumerate(CHANGE_COLUMNS):
        quarter = QUARTERS.start <= i < QUARTERS.stop
        fill_cell(head1.cells[i], "" if quarter else title, "Table Head")
        fill_cell(head2.cells[i], title if quarter else "", "Table Head")
        fill_cell(data.cells[i], value, style)
    fill_cell(head1.cells[QUARTERS.start], "ดำเนินการไตรมาส", "Table Head")
    head1.cells[QUARTERS.start].merge(head1.cells[QUARTERS.stop - 1])
    for i in range(QUARTERS.start):
        head1.cells[i].merge(head2.cells[i])
    for row in (head1, head2):
        repeat_header(row)
        for cell in row.cells:
            for extra in cell.paragraphs[1:]:
                if not extra.text:
                    extra._p.getparent().remove(extra._p)
    data._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a line never breaks across pages
    grid_widths(table, CHANGE_COLUMNS)
    fill_cell(loop_start.cells[0], "{%tr for r in y.rows %}", "Table Text")
    fill_cell(loop_end.cells[0], "{%tr endfor %}", "Table Text")
