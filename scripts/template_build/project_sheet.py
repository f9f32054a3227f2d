"""project_sheet.docx: one project's nine sections; lists with nested items."""

from template_build.package import add
from template_build.styles import SUB_ITEM_STYLES, set_fonts


def build_project_sheet(doc) -> None:
    add(doc, "ลำดับที่ {{ seq }}", "Doc Title")
    p = add(doc, "๑. ชื่อโครงการ : ", "Section Head")
    name = p.add_run("{{ name }}")
    set_fonts(name._r.get_or_add_rPr(), bold=False)  # w:bCs too: Thai text reads that one
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


def add_list(doc, var: str) -> None:
    """`{{ item.num }}` is '๑)', '๒)'… (empty for a one-item list), or a sub-item's own '๒.๑)' or
    '-'; a tab then the text, in the style of the item's level (List Item, List Item 2, 3)."""
    add(doc, "{%%p for item in %s %%}" % var)
    for level, style in enumerate(("List Item", *SUB_ITEM_STYLES)):
        add(
            doc,
            "{%%p %s item.level == %d %%}" % ("if" if level == 0 else "elif", level) if level < 2 else "{%p else %}",
        )
        p = add(doc, "{{ item.num }}", style)
        p.add_run().add_tab()
        p.add_run("{{ item.text }}")
    add(doc, "{%p endif %}")
    add(doc, "{%p endfor %}")
