"""Command line: a thin shell over the library. Each command opens its input, calls one library
function and turns PipelineError into a clean message and exit code (never a traceback).

This package is the only place that knows argparse and writes sentences for staff; the library
returns data and codes (pipeline.run.job.RunResult, validation problems, importer anomalies)."""

import argparse
import json
import sys
import tempfile
import traceback
from pathlib import Path

from pipeline.cli.amend_cmd import add_parser as add_amend_parser
from pipeline.cli.console import console
from pipeline.cli.district_cmd import add_parser as add_district_parser
from pipeline.cli.init_cmd import add_parser as add_init_parser
from pipeline.cli.run_cmd import run_command
from pipeline.cli.validate_cmd import problem_table, validate_command
from pipeline.errors import InternalError, Interrupted, OutputBlocked, PipelineError, UsageError, file_system_error
from pipeline.importer import import_planbook
from pipeline.monitor.init import init_round
from pipeline.workbook.writer import plan_workbook, save_workbook

DEFAULT_MASTER = Path("inputs/master.xlsx")


def cmd_import(args) -> int:
    """Import a plan book (.txt extracted from a PDF, a .docx, or the .pdf itself) into a master workbook."""
    _refuse_overwrite(args.output, args.force)
    result = import_planbook(args.planbook)
    save_workbook(plan_workbook(result.plan), args.output)
    plan = result.plan
    args.json_result = {
        "written": str(args.output),
        "projects": len(plan.projects),
        "rows_per_year": {str(y): len(plan.rows_for(y)) for y in plan.settings.years},
        "anomalies": [a.to_dict() for a in result.anomalies],
    }
    if args.json:
        return 0
    years = ", ".join(f"{y}: {len(plan.rows_for(y))}" for y in plan.settings.years)
    print(f"นำเข้าแล้ว: โครงการ {len(plan.projects)} รายการ, แถวรายปี ({years}) -> {args.output}")
    if result.anomalies:
        title = f"ข้อสังเกตจากต้นฉบับ {len(result.anomalies)} รายการ (นำเข้าตามต้นฉบับ ไม่ได้แก้ไข)"
        console().print()
        console().print(problem_table(title, result.anomalies))
    return 0


def cmd_validate(args) -> int:
    """Check the master workbook and list every problem with its sheet and cell."""
    return validate_command(args)


def cmd_run(args) -> int:
    """Validate, then make Word, PDF and Excel outputs."""
    return run_command(args)


def cmd_serve(args) -> int:
    """Start the web page for staff (upload, check, generate, download) in the browser."""
    from pipeline.web.server import serve  # -- FastAPI and uvicorn load only for `serve` (~0.5 s) --

    return serve(args.host, args.port, password=args.password, open_browser=args.open)


def cmd_monitor_init(args) -> int:
    """Add the monitoring rows (ผลการดำเนินงาน) of one fiscal year and round to the master."""
    result = init_round(args.workbook, args.year, args.round)
    args.json_result = {
        "added": result.added,
        "filled": result.filled,
        "settings_added": result.settings_added,
        "backup": result.backup.name if result.backup else None,
    }
    if args.json:
        return 0
    label = "รอบ ๖ เดือน" if args.round == 6 else "ประจำปี"
    if result.backup is None:
        print(f"ผลการดำเนินงาน ปี {args.year} {label}: มีครบทุกโครงการแล้ว ไม่ได้แก้ไขไฟล์ {args.workbook}")
        return 0
    print(
        f"เพิ่มแถวผลการดำเนินงาน ปี {args.year} {label} {len(result.added)} โครงการ"
        f"{f' (เติมช่องที่ว่าง {result.filled} ช่อง)' if result.filled else ''} ใน {args.workbook}\n"
        f"สำรองไฟล์เดิมไว้ที่ {result.backup.name}"
    )
    if result.settings_added:
        added = ", ".join(result.settings_added)
        print(f"เพิ่มแถวในแผ่นงาน ตั้งค่า: {added} (ใส่รหัสตัวชี้วัด ITA ของปีที่ประเมินในคอลัมน์ ค่า)")
    return 0


def _refuse_overwrite(path: Path, force: bool) -> None:
    if Path(path).exists() and not force:
        raise OutputBlocked(
            f"มีไฟล์ {path} อยู่แล้ว จะไม่เขียนทับ",
            hint="ใช้ --force ถ้าต้องการเขียนทับ หรือระบุชื่อไฟล์ใหม่",
            english=f"{path} exists; use --force to overwrite",
        )


def _print_error(exc: PipelineError, lang: str, args=None) -> int:
    _print_json(exc, args)
    print(f"{'error' if lang == 'en' else 'ผิดพลาด'}: {exc.text(lang)}", file=sys.stderr)
    return exc.exit_code


def _print_json(exc: PipelineError, args) -> None:
    """With --json every exit prints one JSON object with its code (run prints its own shape first)."""
    if getattr(args, "json", False):
        print(json.dumps({"exit_code": exc.exit_code, "error": exc.to_dict()}, ensure_ascii=False, indent=2))


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError instead of exiting, so --json can report it like any error."""

    def error(self, message: str):
        raise UsageError(
            f"คำสั่งไม่ถูกต้อง: {message}",
            hint=f"ดูวิธีใช้ด้วย {self.prog} --help",
            english=f"usage error: {message}",
            usage=self.format_usage(),
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pipeline", description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name, func, example):
        p = sub.add_parser(
            name,
            help=func.__doc__,
            description=func.__doc__,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(func=func)
        _json_option(p)
        return p

    add_init_parser(sub, add)  # -- pipeline/cli/init_cmd.py --

    p = add("import", cmd_import, "pipeline import inputs/source/khoksamrong-plan-2566-2570.txt -o inputs/master.xlsx")
    p.add_argument("planbook", type=Path)
    p.add_argument("-o", "--output", type=Path, default=DEFAULT_MASTER)
    p.add_argument("--force", action="store_true", help="overwrite an existing workbook")

    p = add("validate", cmd_validate, "pipeline validate inputs/master.xlsx --report outputs/validation.xlsx")
    p.add_argument("workbook", type=Path, nargs="?", default=DEFAULT_MASTER)
    p.add_argument("--lang", choices=("th", "en"), default="th")
    p.add_argument("--report", type=Path, help="also write an Excel report with links to the cells")

    example = "example:\n  pipeline monitor init inputs/master.xlsx --year 2566 --round 6"
    monitor = sub.add_parser(
        "monitor",
        help="monitoring rows for the ITA progress reports",
        description="Monitoring: the 6-month and annual progress reports",
        epilog=example,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    monitor_sub = monitor.add_subparsers(dest="monitor_command", required=True)
    p = monitor_sub.add_parser(
        "init",
        help=cmd_monitor_init.__doc__,
        description=cmd_monitor_init.__doc__,
        epilog=example,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(func=cmd_monitor_init)
    _json_option(p)
    p.add_argument("workbook", type=Path, nargs="?", default=DEFAULT_MASTER)
    p.add_argument("--year", type=int, required=True, help="fiscal year (Buddhist Era), e.g. 2566")
    p.add_argument("--round", type=int, required=True, choices=(6, 12), help="6 = 1 Oct-31 Mar, 12 = whole year")

    p = add("run", cmd_run, "pipeline run inputs/master.xlsx --out outputs --year 2566")
    p.add_argument("workbook", type=Path, nargs="?", default=DEFAULT_MASTER)
    p.add_argument("--out", type=Path, default=Path("outputs"))
    p.add_argument("--year", type=int, action="append", help="only this fiscal year (repeatable)")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDF conversion")
    p.add_argument("--write-back", action="store_true", help="also replace the summary sheets in the master")
    p.add_argument("-q", "--quiet", action="store_true")
    p.add_argument("--lang", choices=("th", "en"), default="th", help="file-level errors in English too")
    p.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help="take the Word templates and garuda.png from DIR (default: templates/)",
    )

    p = add("serve", cmd_serve, "pipeline serve --open")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (other than 127.0.0.1 needs a password)")
    p.add_argument("--port", type=int, default=8750)
    p.add_argument("--password", help="required beyond 127.0.0.1 (or set PIPELINE_WEB_PASSWORD)")
    p.add_argument("--open", action="store_true", help="open the page in the browser")

    add_district_parser(sub, add)
    add_amend_parser(sub, add, DEFAULT_MASTER)  # -- pipeline/cli/amend_cmd.py --
    return parser


def _lang_of(argv: list[str]) -> str:
    """--lang as typed, for a command line argparse could not read."""
    for i, arg in enumerate(argv):
        if arg == "--lang=en" or (arg == "--lang" and argv[i + 1 : i + 2] == ["en"]):
            return "en"
    return "th"


def _json_option(p) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object (exit_code, error, the result)")


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):  # Windows consoles default to a legacy code page
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        args = argparse.Namespace(json="--json" in argv)
        if not args.json:
            sys.stderr.write(exc.usage)
        return _print_error(exc, _lang_of(argv), args)
    lang = getattr(args, "lang", "th")
    try:
        code = args.func(args)
    except PipelineError as exc:
        return _print_error(exc, lang, args)
    except KeyboardInterrupt:
        return _print_error(Interrupted("ยกเลิกแล้ว", english="interrupted"), lang, args)
    except OSError as exc:  # disk full, a folder without write permission, a path too long …
        return _print_error(file_system_error(exc), lang, args)
    except Exception:  # a bug: staff get one clear line, maintainers get the traceback in a file
        log = Path(tempfile.gettempdir()) / "anticorruption-pipeline-error.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        bug = InternalError(
            f"ผิดพลาดภายในโปรแกรม (ไม่ใช่ความผิดของข้อมูล) รายละเอียดสำหรับผู้ดูแลระบบอยู่ที่ {log}",
            english=f"internal error (not a problem of the data); details for maintainers in {log}",
        )
        _print_json(bug, args)
        print(bug.text(lang), file=sys.stderr)
        return bug.exit_code
    if getattr(args, "json", False) and args.func not in (cmd_validate, cmd_run):  # -- those print their own --
        result = {"exit_code": code, "error": None, **getattr(args, "json_result", {})}
        print(json.dumps(result, ensure_ascii=False, indent=2))
    return code
