"""monitoring_report.docx: the 6-month and annual progress report (ITA)."""

from docx.enum.table import WD_TABLE_ALIGNMENT

from template_build.package import add, add_signature
from template_build.project_sheet import add_list
from template_build.tables import fill_cell, loop_table

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
    ("หลักฐาน", 4.0, "{{ p.evidence|wrap_urls }}", "Table Text"),  # a web address wraps at / and .
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
    fill_cell(flag.rows[0].cells[0], "ร้อยละของโครงการที่ดำเนินการแล้วเสร็จ", "Table Head")
    fill_cell(flag.rows[0].cells[1], "{% cellbg flag_color %}{{ percent }} ({{ flag_label }})", "Table Head")
    add(doc, "{%p if percent_started %}")
    add(doc, "รวมที่อยู่ระหว่างดำเนินการ ร้อยละ {{ percent_started }}", "Section Text")
    add(doc, "{%p endif %}")
    add(doc, "๒. ผลการดำเนินงานจำแนกตามมิติ", "Section Head").paragraph_format.keep_with_next = True
    loop_table(
        doc,
        DIMENSION_COLUMNS,
        "d",
        "dimensions",
        [
            "รวม",
            "{{ total.projects }}",
            "{{ total.done }}",
            "{{ total.in_progress }}",
            "{{ total.not_started }}",
            "{{ total.failed }}",
            "{{ total.planned }}",
            "{{ total.approved }}",
            "{{ total.spent }}",
        ],
    )
    add(doc, "๓. ผลการดำเนินงานรายโครงการ", "Section Head").paragraph_format.keep_with_next = True
    loop_table(doc, PROJECT_COLUMNS, "p", "projects", None)
    for number, title, var in (("๔", "ปัญหาและอุปสรรค", "problems"), ("๕", "ข้อเสนอแนะ", "suggestions")):
        add(doc, f"{number}. {title}", "Section Head")
        add_list(doc, var)
    add_signature(doc, "รายงาน ณ วันที่ {{ report_date }}")
