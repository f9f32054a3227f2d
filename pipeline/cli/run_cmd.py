"""`pipeline run` on the command line: arguments in, progress while it works, then sentences (or
JSON with codes) out. The work itself is pipeline.run.job.run_pipeline."""

import json
import sys
from contextlib import nullcontext

from pipeline.cli.run_report import ProgressUI, error_json, print_outcome, result_json
from pipeline.cli.validate_cmd import print_report
from pipeline.errors import PipelineError, file_system_error
from pipeline.run import job as run
from pipeline.run.report import outcome_notes


def run_command(args) -> int:
    quiet = args.quiet or args.json
    ui = ProgressUI(enabled=not quiet)
    sink = None if args.json else _report_printer(quiet)
    try:
        with ui if not quiet else nullcontext():
            result = run.run_pipeline(
                args.workbook,
                args.out,
                years=args.year,
                pdf=not args.no_pdf,
                write_back=args.write_back,
                progress=ui.update,
                report_sink=sink,
                templates=args.templates,
            )
    except (PipelineError, OSError) as exc:
        if not args.json:
            raise  # -- pipeline.cli.main prints it --
        error = exc if isinstance(exc, PipelineError) else file_system_error(exc)
        print(json.dumps(error_json(error), ensure_ascii=False, indent=2))
        return error.exit_code
    if args.json:
        print(json.dumps(result_json(result, args.out), ensure_ascii=False, indent=2))
    elif not result.valid:
        print(
            f"\nพบข้อผิดพลาด {result.errors} รายการ: ยังไม่ได้สร้างไฟล์ใด ๆ แก้ไขแล้วสั่งใหม่\n"
            f'ดูรายการพร้อมลิงก์ไปที่เซลล์: pipeline validate "{args.workbook}" --report validation.xlsx',
            file=sys.stderr,
        )
    elif not args.quiet:
        print_outcome(result, args.out, notes=outcome_notes(result, args.workbook, args.templates))
    failed = result.write_back.error if result.write_back else None
    if failed and args.quiet and not args.json:  # -- -q too: the master was not updated --
        print(f"ผิดพลาด: ไม่ได้เขียนกลับ: {failed}", file=sys.stderr)
    return result.exit_code


def _report_printer(quiet: bool):
    def sink(report):
        if report.problems and (not quiet or not report.valid):
            print_report(report)

    return sink
