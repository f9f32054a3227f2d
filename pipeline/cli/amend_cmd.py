"""`pipeline amend`: record the next amendment of the plan (ครั้งที่ N) in the master."""

import re
from datetime import date
from pathlib import Path

from pipeline import contract as c
from pipeline.errors import UsageError
from pipeline.lifecycle.amend import start_amendment
from pipeline.workbook.cells import parse_date

EXAMPLE = 'pipeline amend inputs/master.xlsx --date "15 มีนาคม 2568" --reason "ได้รับจัดสรรงบประมาณเพิ่มเติม"'


def add_parser(sub, add, default_master: Path) -> None:
    p = add("amend", cmd_amend, EXAMPLE)
    p.add_argument("workbook", type=Path, nargs="?", default=default_master)
    p.add_argument("--date", help="the amendment's ประกาศ date: 15 มีนาคม 2568, 15/3/2568 (may be filled in later)")
    p.add_argument("--reason", default="", help="why the plan is amended (printed in the ประกาศ)")
    p.add_argument("--signer", default="", help="who signs, when not the plan's signer")
    p.add_argument("--signer-position", default="", help="the signer's position, when not the plan's")


def cmd_amend(args) -> int:
    """Add the next amendment (ครั้งที่ N) to the master; then mark the rows it adds or cancels in แผนรายปี."""
    result = start_amendment(
        args.workbook,
        day=amendment_date(args.date),
        reason=args.reason,
        signer=args.signer,
        signer_position=args.signer_position,
    )
    args.json_result = result.to_dict()
    if args.json:
        return 0
    n, added, cancelled = result.number, c.YearlyCol.ADDED_IN, c.YearlyCol.CANCELLED_IN
    made = []
    if result.sheet_added:
        made.append(f"แผ่นงาน {c.SHEET_AMENDMENTS}")
    if result.columns_added:
        made.append(f"คอลัมน์ {' และ '.join(result.columns_added)} ในแผ่นงาน {c.SHEET_YEARLY}")
    print(f"บันทึกการแก้ไขแผนครั้งที่ {n} ใน {args.workbook}" + (f" (เพิ่ม{' และ'.join(made)})" if made else ""))
    print(f"สำรองไฟล์เดิมไว้ที่ {result.backup.name}")
    print(f"ขั้นต่อไป ในแผ่นงาน {c.SHEET_YEARLY}:")
    print(f"  - โครงการที่เพิ่ม: เพิ่มแถว (และโครงการใหม่ในแผ่นงาน {c.SHEET_PROJECTS}) แล้วใส่ {n} ในคอลัมน์ {added}")
    print(f"  - โครงการที่ยกเลิก: ใส่ {n} ในคอลัมน์ {cancelled} (ไม่ต้องลบแถว)")
    print(f"  - เปลี่ยนงบประมาณหรือไตรมาส: ใส่ {n} ใน {cancelled} ของแถวเดิม แล้วคัดลอกเป็นแถวใหม่ที่แก้ค่าแล้ว ใส่ {n} ใน {added}")
    print(f'แล้วสั่ง pipeline run "{args.workbook}" เพื่อสร้างประกาศแก้ไขแผนครั้งที่ {n} และตารางเปรียบเทียบ')
    return 0


def amendment_date(text: str | None) -> date | None:
    """--date as staff type it: a Thai date (15 มีนาคม 2568, 15 มี.ค. 68) or day/month/year
    (a year past 2400 is Buddhist Era); None when not given."""
    if not text:
        return None
    found = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text)
    try:
        if found:
            day, month, year = map(int, found.groups())
            return date(year - 543 if year > 2400 else year, month, day)
    except ValueError:
        pass
    else:
        parsed = parse_date(text)
        if parsed is not None:
            return parsed
    raise UsageError(
        f"อ่านวันที่ '{text}' ไม่ได้",
        hint='พิมพ์เช่น --date "15 มีนาคม 2568" หรือ --date 15/3/2568',
        english=f"cannot read the date '{text}'",
    )
