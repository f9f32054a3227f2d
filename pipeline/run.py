"""`pipeline run`: validate -> Word -> PDF -> Excel summary, written to a staging folder and
published together. Stops before writing anything when validation finds errors."""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import office
from pipeline.errors import PipelineError
from pipeline.render.pdf import make_pdfs
from pipeline.staging import discard, new_staging_dir, publish

SUMMARY_NAME = "summary.xlsx"
VALIDATION_NAME = "validation.xlsx"


@dataclass
class RunResult:
    valid: bool
    errors: int = 0
    warnings: int = 0
    files: list[Path] = field(default_factory=list)
    pdf_skipped: str = ""          # why PDFs were not made ("" when they were)
    recalculated: bool = False
    write_back: str = ""           # what happened to the master
    seconds: float = 0.0


class InvalidYear(PipelineError):
    exit_code = 2


def run_pipeline(workbook: Path, out_dir: Path, *, years: list[int] | None = None, pdf: bool = True,
                 write_back: bool = False, progress=None, report_sink=None) -> RunResult:
    """The whole job. `progress(step_name)` is called as steps start; `report_sink(report)` gets
    the validation report (to print it) before anything is generated."""
    from pipeline.validate import validate_workbook
    from pipeline.workbook.reader import read_plan

    started = time.perf_counter()
    step = progress or (lambda name: None)
    step("ตรวจสอบข้อมูล")
    report = validate_workbook(workbook)
    if report_sink:
        report_sink(report)
    result = RunResult(valid=report.valid, errors=len(report.errors), warnings=len(report.warnings))
    if not report.valid:
        return result
    plan = read_plan(workbook)
    years = _chosen_years(plan, years)
    staging = new_staging_dir(out_dir)
    try:
        _generate(plan, years, staging, pdf, result, step)
        if report.problems:  # the warnings, with links to their cells, beside the documents
            from pipeline.validate import write_report_xlsx
            write_report_xlsx(report, staging / VALIDATION_NAME)
        step("ย้ายไฟล์เข้าที่")
        result.files = publish(staging, out_dir)
    finally:
        discard(staging)
    if write_back:
        step("เขียนตารางสรุปกลับในสมุดงานหลัก")
        result.write_back = _write_back(workbook, plan)
    result.seconds = time.perf_counter() - started
    return result


def _generate(plan, years, staging: Path, pdf: bool, result: RunResult, step) -> None:
    from pipeline.render.excel.recalc import recalculate
    from pipeline.render.excel.summary import write_summary
    from pipeline.render.word.word import render_documents

    step("สร้างตารางสรุป Excel")
    summary = write_summary(plan, staging / SUMMARY_NAME, years)
    office_ready = pdf and office.find_soffice() is not None
    with ThreadPoolExecutor(1) as pool:
        # -- the recalculation's LibreOffice starts now, beside the Word rendering and the PDFs --
        recalculated = pool.submit(recalculate, [summary]) if office_ready else None
        step("สร้างเอกสาร Word")
        book_parts: list[Path] = []
        documents = render_documents(plan, staging, years, book_parts_out=book_parts)
        if not pdf:  # quick drafts: no LibreOffice at all; Excel computes the formulas when it opens
            result.pdf_skipped = "ข้ามการสร้าง PDF และการคำนวณสูตรล่วงหน้าตามที่สั่ง (--no-pdf)"
        elif not office_ready:
            result.pdf_skipped = "ไม่พบ LibreOffice: ข้ามการสร้าง PDF และการคำนวณสูตรล่วงหน้า. " + office.INSTALL_HINT
        else:
            step("สร้าง PDF และคำนวณสูตรใน Excel")
            make_pdfs(documents, book_parts)
        result.recalculated = bool(recalculated and recalculated.result())


def _chosen_years(plan, years: list[int] | None) -> list[int]:
    plan_years = plan.settings.years
    if not years:
        return plan_years
    outside = [y for y in years if y not in plan_years]
    if outside:
        raise InvalidYear(f"ปี {', '.join(map(str, outside))} ไม่อยู่ในช่วงแผน "
                          f"{plan_years[0]}–{plan_years[-1]}", hint="ระบุ --year เป็นปีงบประมาณในแผน")
    return sorted(set(years))


def _write_back(workbook: Path, plan) -> str:
    from pipeline.workbook.writeback import write_back
    try:
        outcome = write_back(workbook, plan)
    except PipelineError as exc:  # refusal: outputs/ is already written, the master stays as it was
        return f"ไม่ได้เขียนกลับ: {exc}"
    note = "" if outcome.recalculated else " (ไม่ได้คำนวณสูตร: ไม่พบ LibreOffice)"
    return f"เขียนตารางสรุปกลับใน {workbook.name} แล้ว สำรองไฟล์เดิมไว้ที่ {outcome.backup.name}{note}"


# ---------------------------------------------------------------- command line glue


def run_command(args) -> int:
    from pipeline.run_report import ProgressUI, print_outcome, result_json

    quiet = args.quiet or args.json
    ui = ProgressUI(enabled=not quiet)
    sink = None if args.json else _report_printer(quiet)
    with ui if not quiet else nullcontext():
        result = run_pipeline(args.workbook, args.out, years=args.year, pdf=not args.no_pdf,
                              write_back=args.write_back, progress=ui.step, report_sink=sink)
    if args.json:
        print(json.dumps(result_json(result, args.out), ensure_ascii=False, indent=2))
    elif not result.valid:
        print(f"\nพบข้อผิดพลาด {result.errors} รายการ: ยังไม่ได้สร้างไฟล์ใด ๆ แก้ไขแล้วสั่งใหม่\n"
              f"ดูรายการพร้อมลิงก์ไปที่เซลล์: pipeline validate \"{args.workbook}\" --report validation.xlsx",
              file=sys.stderr)
    elif not args.quiet:
        print_outcome(result, args.out)
    return 0 if result.valid else 1


def _report_printer(quiet: bool):
    from pipeline.validate import print_report

    def sink(report):
        if report.problems and (not quiet or not report.valid):
            print_report(report)
    return sink
