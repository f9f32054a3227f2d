"""year_table.docx: one fiscal year's table as the e-plan system prints it."""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.shared import Cm

from template_build.package import add
from template_build.tables import fill_cell, grid_widths, repeat_header, title_in_first_row

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
    title_in_first_row(title_row, "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. {{ year }} ของ {{ organisation }}")
    for i, (title, _, value, style) in enumerate(YEAR_COLUMNS):
        fill_cell(head1.cells[i], title if i < 4 or i == 8 else "", "Table Head")
        fill_cell(head2.cells[i], title if 4 <= i < 8 else "", "Table Head")
        fill_cell(data.cells[i], value, style)
    fill_cell(head1.cells[4], "ดำเนินการไตรมาส", "Table Head")
    head1.cells[4].merge(head1.cells[7])
    for i in (0, 1, 2, 3, 8):
        head1.cells[i].merge(head2.cells[i])
    for row in (title_row, head1, head2):
        repeat_header(row)
    for row in (data, total):  # a project's row never breaks across pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    grid_widths(table, YEAR_COLUMNS)
    fill_cell(loop_start.cells[0], "{%tr for r in rows %}", "Table Text")
    fill_cell(loop_end.cells[0], "{%tr endfor %}", "Table Text")
    totals = [
        "รวมทั้งสิ้น",
        "",
        "",
        "{{ total.budget }}",
        "{{ total.q1 }}",
        "{{ total.q2 }}",
        "{{ total.q3 }}",
        "{{ total.q4 }}",
        "",
    ]
    for i, text in enumerate(totals):
        fill_cell(total.cells[i], text, "Table Head" if i == 0 else YEAR_COLUMNS[i][3])
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
