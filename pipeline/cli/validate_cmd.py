"""`pipeline validate` and the report on the terminal (a table per sheet, errors first, with counts)."""

import json
import unicodedata

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline import contract as c
from pipeline.cli.console import console as default_console
from pipeline.errors import WorkbookUnreadable
from pipeline.validate import validate_workbook, write_report_xlsx
from pipeline.validate.problems import ERROR, Problem, Report, unreadable_dict

LABELS = {
    "th": {
        "file": "ไฟล์",
        ERROR: "ผิดพลาด",
        "warning": "คำเตือน",
        "where": "ตำแหน่ง",
        "code": "รหัสปัญหา",
        "value": "ค่าในช่อง",
        "message": "รายละเอียดและวิธีแก้",
        "level": "ระดับ",
        "summary": "ตรวจ {workbook}: ข้อผิดพลาด {errors} รายการ, คำเตือน {warnings} รายการ",
        "sheet": "{sheet}: ผิดพลาด {errors}, คำเตือน {warnings}",
        "ok": "ผ่าน: ไม่มีข้อผิดพลาด สร้างเอกสารได้",
        "bad": "ไม่ผ่าน: แก้ข้อผิดพลาดข้างต้นก่อนสร้างเอกสาร",
    },
    "en": {
        "file": "file",
        ERROR: "error",
        "warning": "warning",
        "where": "where",
        "code": "code",
        "value": "value",
        "message": "message",
        "level": "level",
        "summary": "checked {workbook}: {errors} errors, {warnings} warnings",
        "sheet": "{sheet}: {errors} errors, {warnings} warnings",
        "ok": "valid: no errors, documents can be generated",
        "bad": "invalid: fix the errors above first",
    },
}
VALUE_WIDTH = 40


def print_report(report: Report, lang: str = "th", console: Console | None = None) -> None:
    """Counts, then one table per sheet (file-level problems first), errors before warnings."""
    console = console or default_console()
    words = LABELS.get(lang, LABELS["th"])
    console.print(
        Text(
            words["summary"].format(workbook=report.workbook, errors=len(report.errors), warnings=len(report.warnings)),
            style="bold",
        )
    )
    for sheet in _sheet_order(report):
        problems = sorted(
            (p for p in report.problems if p.sheet == sheet),
            key=lambda p: (p.severity != ERROR, p.row or 0, p.cell, p.code),
        )
        errors = sum(p.severity == ERROR for p in problems)
        title = words["sheet"].format(sheet=sheet or words["file"], errors=errors, warnings=len(problems) - errors)
        console.print(problem_table(title, problems, lang))
    console.print(Text(words["ok"] if report.valid else words["bad"], style="green" if report.valid else "red bold"))


def problem_table(title: str, problems: list[Problem], lang: str = "th") -> Table:
    """One table of problems, validation's or the importer's, in the order given."""
    words = LABELS.get(lang, LABELS["th"])
    table = Table(title=Text(title, style="bold"), title_justify="left", show_lines=False, expand=False)
    for key in ("level", "where", "code", "value", "message"):
        table.add_column(words[key], overflow="fold")
    for p in problems:
        style = "red" if p.severity == ERROR else "yellow"
        message = p.text(lang).removeprefix(f"{p.location}: ")
        table.add_row(
            Text(words[p.severity], style=style),
            Text(p.cell or p.sheet or words["file"]),
            Text(p.code),
            Text(_short(p.value)),
            Text(message),
        )
    return table


def _sheet_order(report: Report) -> list[str]:
    present = {p.sheet for p in report.problems}
    ordered = ["", *c.CONTRACT_SHEETS]
    return [s for s in ordered if s in present] + sorted(present - set(ordered))


def _short(value) -> str:
    """At most VALUE_WIDTH characters, never cutting a Thai vowel or tone mark from its letter."""
    text = "" if value is None else str(value).replace("\n", " ⏎ ")
    if len(text) <= VALUE_WIDTH:
        return text
    end = VALUE_WIDTH
    while end > 0 and unicodedata.category(text[end]) in ("Mn", "Mc"):
        end -= 1
    return text[:end] + "…"


def validate_command(args) -> int:
    """`pipeline validate`: exit 0 clean or warnings only, 1 errors, 2 unreadable."""
    try:
        report = validate_workbook(args.workbook)
    except WorkbookUnreadable as exc:
        if not args.json:
            raise  # -- cli.main prints it and exits 2 --
        data = {**unreadable_dict(args.workbook, exc), "exit_code": exc.exit_code, "error": exc.to_dict()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return exc.exit_code
    if args.report:
        write_report_xlsx(report, args.report)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_report(report, lang=args.lang)
        if args.report:
            print(f"Excel report: {args.report}" if args.lang == "en" else f"รายงาน Excel: {args.report}")
    return report.exit_code
