"""`pipeline district` on the command line: the folder of submissions in, a progress bar while the
files are read, then the sentences and tables staff read (or, with --json, the library's result with
codes). The work itself is pipeline.district.job."""

from pathlib import Path

from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from pipeline.cli.console import console
from pipeline.district import job
from pipeline.district.problems import SEVERITY_TH
from pipeline.district.tables import ROUND_TEXT, Rollup, baht, missing_text
from pipeline.errors import NothingToRollUp
from pipeline.model import FLAGS
from pipeline.render.word.word import NO_EMBLEM

EXAMPLE = "pipeline district ส่งมา -o district.xlsx --year 2566 --round 6"
SHOWN_PROBLEMS = 30  # -- on screen; district.xlsx's ปัญหา sheet lists them all --


def add_parser(sub, add) -> None:
    """`add(name, func, example)` is pipeline.cli's helper (help text, --json)."""
    p = add("district", cmd_district, EXAMPLE)
    p.add_argument("folder", type=Path, help="the folder of submissions (sub-folders and .zip files are read too)")
    p.add_argument("-o", "--output", type=Path, default=Path("district.xlsx"), help="default: district.xlsx")
    p.add_argument("--year", type=int, help="only this fiscal year (Buddhist Era), e.g. 2566")
    p.add_argument("--round", type=int, choices=(6, 12), help="the monitoring round (default: the latest reported)")
    p.add_argument("--no-pdf", action="store_true", help="the memo in Word only")
    p.add_argument("--templates", type=Path, metavar="DIR", help="take district_memo.docx and garuda.png from DIR")
    p.add_argument("--init-list", action="store_true", help="write FOLDER/รายชื่อหน่วยงาน.xlsx and stop")
    p.add_argument("--force", action="store_true", help="with --init-list: overwrite the list")
    p.add_argument("--workers", type=int, default=job.READ_WORKERS, help="processes reading files (default: 2)")
    p.add_argument("-q", "--quiet", action="store_true")


def cmd_district(args) -> int:
    """Roll up every organisation's submission in FOLDER into district.xlsx and a บันทึกข้อความ."""
    quiet = args.quiet or args.json
    if args.init_list:
        path, names = job.init_list(args.folder, force=args.force)
        args.json_result = {"written": [str(path)], "organisations": names}
        if not quiet:
            print(f"สร้างรายชื่อหน่วยงาน: {path} ({len(names)} หน่วยงานจากไฟล์ในโฟลเดอร์)")
            print("เพิ่มชื่อหน่วยงานที่ยังไม่ส่ง และกรอกแผ่นงาน ตั้งค่าบันทึก (ผู้ลงนาม เรียน ฯลฯ) แล้วสั่ง pipeline district อีกครั้ง")
        return 0
    bar = _Bar(enabled=not quiet)
    try:
        with bar:
            result = job.make_district(
                args.folder,
                args.output,
                year=args.year,
                round_=args.round,
                pdf=not args.no_pdf,
                templates=args.templates,
                progress=bar.update,
                workers=args.workers,
            )
    except NothingToRollUp as exc:
        if not quiet and exc.problems:
            console().print(problem_table(exc.problems))
        raise  # -- pipeline.cli.main prints the message and the exit code --
    data = result.to_dict()
    args.json_result = {k: v for k, v in data.items() if k not in ("exit_code", "error")}
    if not quiet:
        print_result(result.rollup, result.files, result.notices, result.seconds)
    return result.exit_code


class _Bar:
    """Files read n/total, then each writing stage."""

    def __init__(self, enabled: bool):
        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), transient=True
        )
        self.enabled, self.task = enabled, None

    def __enter__(self):
        if self.enabled:
            self.progress.__enter__()
            self.task = self.progress.add_task(job.STAGES["collect"], total=None)
        return self

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc) if self.enabled else False

    def update(self, event: job.DistrictProgress) -> None:
        if self.task is None:
            return
        if event.total:
            self.progress.update(
                self.task,
                description=f"{event.label} {event.done}/{event.total}",
                completed=event.done,
                total=event.total,
            )
        else:
            self.progress.update(self.task, description=event.label)


def print_result(rollup: Rollup, files: list[Path], notices: list[str], seconds: float) -> None:
    out = console()
    out.print(year_table(rollup))
    if rollup.missing:
        out.print(Text(f"ยังไม่ส่งหรือยังส่งไม่ครบ {len(rollup.missing)} รายการ", style="bold yellow"))
        for m in rollup.missing:
            out.print(f"  {m.organisation}: {missing_text(m)}", soft_wrap=True)
    elif rollup.roster is None:
        out.print("ไม่มีรายชื่อหน่วยงาน.xlsx ในโฟลเดอร์: สร้างด้วย pipeline district โฟลเดอร์ --init-list", style="yellow")
    if rollup.problems:
        out.print(problem_table(rollup.problems))
    out.print(
        f"รวม {len(rollup.used)} หน่วยงาน จากไฟล์ {rollup.files} ไฟล์; ปัญหา {len(rollup.problems)} รายการ "
        f"(ข้อผิดพลาด {len(rollup.errors)}); ใช้เวลา {seconds:.1f} วินาที"
    )
    for path in files:
        out.print(f"เขียนไฟล์: {path}", soft_wrap=True)
    if NO_EMBLEM in notices:
        out.print(
            f"คำเตือน ({NO_EMBLEM}): บันทึกข้อความยังไม่มีตราครุฑ: วางรูปชื่อ garuda.png ไว้ในโฟลเดอร์ templates "
            "หรือวางรูปลงในแม่แบบ district_memo.docx",
            style="yellow",
            soft_wrap=True,
        )


def year_table(rollup: Rollup) -> Table:
    table = Table(title=Text("สรุปรายปีงบประมาณ", style="bold"), title_justify="left")
    for label in ("ปี", "หน่วยงาน", "โครงการ", "งบประมาณ (บาท)", "รอบ", "รายงานผล", "ร้อยละแล้วเสร็จ"):
        table.add_column(label, justify="left" if label == "ปี" else "right")
    for year, total in rollup.totals.items():
        figures = total.monitoring
        table.add_row(
            str(year),
            str(total.organisations),
            str(total.total_projects),
            f"{baht(total.total_budget):,.2f}",
            ROUND_TEXT.get(total.round, "-"),
            f"{total.reported}" if total.round else "-",
            f"{figures.percent} ({FLAGS[figures.flag][0]})" if figures else "-",
        )
    return table


def problem_table(problems) -> Table:
    table = Table(title=Text(f"ปัญหาของไฟล์ที่ส่งมา {len(problems)} รายการ", style="bold"), title_justify="left")
    for label in ("ระดับ", "ไฟล์", "แผ่นงาน!เซลล์", "รหัส", "ปัญหา"):
        table.add_column(label, overflow="fold")
    for p in problems[:SHOWN_PROBLEMS]:
        style = {"error": "red", "warning": "yellow"}.get(p.severity, "dim")
        table.add_row(Text(SEVERITY_TH.get(p.severity, p.severity), style=style), p.file, p.location, p.code, p.message)
    if len(problems) > SHOWN_PROBLEMS:
        table.caption = f"… และอีก {len(problems) - SHOWN_PROBLEMS} รายการ (ทั้งหมดอยู่ในแผ่นงาน ปัญหา ของ district.xlsx)"
    return table
