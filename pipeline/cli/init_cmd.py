"""`pipeline init`: a new master workbook. Without options the empty contract (as always); with
--org and --years a new organisation's plan, ready once a project is added; with --from the next
plan from the current master (which is only read)."""

from pathlib import Path

from pipeline.errors import UsageError
from pipeline.lifecycle import init as life
from pipeline.text.thai import thai_date
from pipeline.workbook.new_plan import PLACEHOLDERS, eve_of, plan_years

EXAMPLE = 'pipeline init inputs/new-master.xlsx --org "เทศบาลตำบลบ้านใหม่" --years 2571-2575 --signer "นายสมชาย ใจดี"'


def add_parser(sub, add) -> None:
    p = add("init", cmd_init, EXAMPLE)
    p.add_argument("path", type=Path)
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument("--org", help='the organisation, e.g. "เทศบาลตำบลบ้านใหม่" or "อบต.โคกสำโรง"')
    p.add_argument("--years", help="the plan's fiscal years (Buddhist Era), e.g. 2571-2575")
    p.add_argument("--signer", help="who signs the ประกาศ; the title follows from the kind of organisation")
    p.add_argument("--title", help="the plan's name without its years (default: the national guide's)")
    p.add_argument("--from", dest="source", type=Path, metavar="OLD.xlsx", help="the next plan from this master")
    p.add_argument("--empty-years", action="store_true", help="with --from: no yearly rows (default: the last year's)")


def cmd_init(args) -> int:
    """Write a new master workbook: empty, for an organisation (--org, --years), or the next plan (--from)."""
    if args.source is None and args.org is None:
        given = [
            f"--{name.replace('_', '-')}" for name in ("years", "signer", "title", "empty_years") if getattr(args, name)
        ]
        if given:
            raise UsageError(
                f"{', '.join(given)} ใช้คู่กับ --org หรือ --from เท่านั้น",
                hint=f"ตัวอย่าง: {EXAMPLE}",
                english=f"{', '.join(given)} go with --org or --from",
            )
        done = life.create_empty(args.path, force=args.force)
        args.json_result = done.to_dict()
        if not args.json:
            print(f"สร้างสมุดงานเปล่า: {args.path}")
        return 0
    if args.source is not None and args.org is not None:
        raise UsageError(
            "--org ใช้กับแผนของหน่วยงานใหม่ ส่วน --from ใช้หน่วยงานของแผนเดิม: เลือกอย่างใดอย่างหนึ่ง",
            english="--org and --from do not go together",
        )
    if args.empty_years and args.source is None:
        raise UsageError("--empty-years ใช้คู่กับ --from เท่านั้น", english="--empty-years goes with --from")
    years = plan_years(args.years) if args.years else None
    if args.source is not None:
        done = life.next_master(
            args.path,
            args.source,
            years,
            rows=not args.empty_years,
            signer=args.signer or "",
            title=args.title or "",
            force=args.force,
        )
    elif years is None:
        raise UsageError(
            "ระบุปีของแผนด้วย --years เช่น --years 2571-2575", hint=f"ตัวอย่าง: {EXAMPLE}", english="--org needs --years"
        )
    else:
        done = life.create_master(
            args.path, args.org, years, signer=args.signer or "", title=args.title or "", force=args.force
        )
    args.json_result = done.to_dict()
    if not args.json:
        print("\n".join(_sentences(done)))
    return 0


def _sentences(done: life.NewMaster) -> list[str]:
    s = done.plan.settings
    years = ", ".join(f"{y}: {len(done.plan.rows_for(y))}" for y in s.years)
    if done.source is not None:
        lines = [
            f"สร้างแผนถัดไป: {done.path} จาก {done.source} (ไม่ได้แก้ไขไฟล์ {done.source.name})",
            f"{s.plan_title} พ.ศ. {s.start_year}-{s.end_year}: โครงการ {len(done.plan.projects)} รายการ "
            f"พร้อมรายละเอียด, แถวรายปี ({years}); ไม่มีแถวผลการดำเนินงานและการแก้ไขแผนของแผนเดิม",
        ]
    else:
        lines = [
            f"สร้างสมุดงานหลัก: {done.path}",
            f"{s.organisation}: ผู้ลงนาม {s.signer} ตำแหน่ง {s.signer_position}",
            f"{s.plan_title} พ.ศ. {s.start_year}-{s.end_year}: มิติ ๔ มิติตามแนวทางของสำนักงาน ป.ป.ช. "
            "เนื้อความประกาศและคำนำตั้งต้นอยู่ในแผ่นงาน ตั้งค่า (แก้ไขได้)",
        ]
    todo = {
        life.ROWS_EMPTY: "กรอกโครงการในแผ่นงาน โครงการ และแถวของทุกปีในแผ่นงาน แผนรายปี",
        life.PLACEHOLDER: "ในแผ่นงาน ตั้งค่า ใส่"
        + " และ".join(what for name, (text, what) in PLACEHOLDERS.items() if getattr(s, name) == text)
        + "แทนข้อความตัวอย่าง",
        life.DATES_EMPTY: "ใส่วันที่ประกาศ และข้อมูล ณ วันที่ ของแผนใหม่ในแผ่นงาน ตั้งค่า",
        life.TITLE_REPEATS_YEARS: f"ชื่อแผน '{s.plan_title}' มีปีของแผนอยู่แล้ว แม่แบบเติมปีให้เอง: ลบปีออกจากชื่อแผน",
    }
    steps = [todo[code] for code in done.todo]
    if done.source is None:
        steps.append(f"ตรวจวันที่ประกาศ (ตั้งไว้ {thai_date(eve_of(s.start_year), digits='arabic')}) และเนื้อความประกาศ")
    lines.append("ขั้นต่อไป:")
    lines += [f"  - {step}" for step in steps]
    lines.append(f'  - ตรวจด้วย pipeline validate "{done.path}"')
    return lines
