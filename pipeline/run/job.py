"""`pipeline run` as a library call: validate -> Word -> PDF -> Excel summary, written to a staging
folder and published together. Stops before writing anything when validation finds errors.

Returns data with codes, never sentences (pipeline.cli turns them into Thai), so a web server can
call `run_pipeline` as well as the command line."""

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.monitor.outputs import monitoring_summaries
from pipeline.office import children as office_children
from pipeline.office import soffice as office
from pipeline.office.cache import OfficeCache
from pipeline.render.excel.recalc import recalculate
from pipeline.render.excel.summary import write_summary
from pipeline.render.excel.writeback import write_back as write_back_master
from pipeline.render.pdf.convert import make_pdfs
from pipeline.render.publish import publish_folder
from pipeline.render.word.amendment import render_amendment
from pipeline.render.word.monitoring_report import render_reports
from pipeline.render.word.word import render_documents
from pipeline.render.word.word_context import projects_without_details
from pipeline.run.outlock import output_lock
from pipeline.run.staging import discard, new_staging_dir, publish, remove_leftovers
from pipeline.validate import validate_master, write_report_xlsx
from pipeline.workbook.master import Master, open_master
from pipeline.workbook.reader import read_plan

SUMMARY_NAME = "summary.xlsx"
VALIDATION_NAME = "validation.xlsx"
# -- why no PDFs were made: codes for --json and the web; pipeline.cli words them --
NO_PDF_REQUESTED = "no-pdf-requested"
LIBREOFFICE_MISSING = "libreoffice-missing"
# -- the stages in the order they start, with the label staff see --
STAGES = {
    "validate": "ตรวจสอบข้อมูล",
    "summary": "สร้างตารางสรุป Excel",
    "word": "สร้างเอกสาร Word",
    "pdf": "สร้าง PDF และคำนวณสูตรใน Excel",
    "publish": "ย้ายไฟล์เข้าที่",
    "write-back": "เขียนตารางสรุปกลับในสมุดงานหลัก",
}


@dataclass(frozen=True)
class ProgressEvent:
    stage: str  # a key of STAGES
    label: str  # its Thai label
    done: int | None = None  # documents done in this stage, when it counts them
    total: int | None = None


@dataclass
class WriteBackOutcome:
    code: str  # "written", "refused" (exit 3) or "failed" (LibreOffice, exit 5)
    backup: Path | None = None
    recalculated: bool = False
    error: PipelineError | None = None  # why it was refused


@dataclass
class RunResult:
    valid: bool
    errors: int = 0
    warnings: int = 0
    files: list[Path] = field(default_factory=list)
    pdf_skipped: str | None = None  # NO_PDF_REQUESTED, LIBREOFFICE_MISSING, or None: PDFs made
    recalculated: bool = False
    write_back: WriteBackOutcome | None = None  # None: not asked for
    empty_sheets: list[dict] = field(default_factory=list)  # {code, seq, name}: no details, so no sheet
    seconds: float = 0.0
    notices: list[str] = field(default_factory=list)  # warning codes from rendering, e.g. NO_EMBLEM
    templates: dict[str, Path] = field(default_factory=dict)  # Word template file name -> where it was read

    @property
    def exit_code(self) -> int:
        """1 validation errors; a refused or failed write-back its error's code (3, or 5); else 0."""
        if not self.valid:
            return 1
        error = self.write_back.error if self.write_back else None
        return error.exit_code if error else 0


Progress = Callable[[ProgressEvent], None]


def run_pipeline(
    workbook: Path | Master,
    out_dir: Path,
    *,
    years: list[int] | None = None,
    pdf: bool = True,
    write_back: bool = False,
    progress: Progress | None = None,
    report_sink=None,
    templates: Path | None = None,
    office_cache: OfficeCache | None = None,
) -> RunResult:
    """The whole job. `progress(event)` is called as stages start (and with documents done/total
    in the Word and PDF stages); `report_sink(report)` gets the validation report before anything is generated.
    `templates`: a folder with the four Word templates (and garuda.png) instead of the defaults.
    `workbook`: a path, or a master already opened (the web page opens an upload once).
    `office_cache`: what LibreOffice made before (PDFs, the summary's results), for files that did
    not change (pipeline serve)."""
    started = time.perf_counter()
    notify = _notifier(progress)
    notify("validate")
    master = workbook if isinstance(workbook, Master) else open_master(workbook)
    report = validate_master(master)
    if report_sink:
        report_sink(report)
    result = RunResult(valid=report.valid, errors=len(report.errors), warnings=len(report.warnings))
    if not report.valid:
        return result
    plan = read_plan(master)
    years = plan.chosen_years(years)
    monitoring = monitoring_summaries(plan, master, years)  # [] when the master has no such rows
    with output_lock(out_dir):  # -- one run per output folder; a dead run's leftovers go first --
        remove_leftovers(out_dir)
        office_children.remove_dead_temp_folders()
        staging = new_staging_dir(out_dir)
        try:
            _generate(plan, years, staging, pdf, result, notify, templates, monitoring, office_cache)
            if report.problems:  # the warnings, with links to their cells, beside the documents
                write_report_xlsx(report, staging / VALIDATION_NAME, folder=out_dir)
            notify("publish")
            result.files = publish(staging, out_dir)
        finally:
            discard(staging)
    if write_back:
        notify("write-back")
        result.write_back = _write_back(master, plan, recalculate=pdf)  # -- --no-pdf: no LibreOffice --
    result.seconds = time.perf_counter() - started
    return result


def _notifier(progress: Progress | None):
    def notify(stage: str, done: int | None = None, total: int | None = None) -> None:
        if progress:
            progress(ProgressEvent(stage, STAGES[stage], done, total))

    return notify


def _generate(
    plan,
    years,
    staging: Path,
    pdf: bool,
    result: RunResult,
    notify,
    templates: Path | None = None,
    monitoring=(),
    office_cache: OfficeCache | None = None,
) -> None:
    notify("summary")
    summary = write_summary(plan, staging / SUMMARY_NAME, years, monitoring)
    office_ready = pdf and office.find_soffice() is not None
    with ThreadPoolExecutor(1) as pool:
        # -- the recalculation's LibreOffice starts now, beside the Word rendering and the PDFs --
        recalculated = pool.submit(recalculate, [summary], cache=office_cache) if office_ready else None
        notify("word")
        books: list = []
        documents = render_documents(
            plan,
            staging,
            years,
            book_out=books,
            templates_dir=templates,
            notices=result.notices,
            sources=result.templates,
            progress=lambda done, total: notify("word", done, total),
        )
        result.empty_sheets = [
            {"code": p.code, "seq": p.seq, "name": p.name} for p in projects_without_details(plan, years)
        ]
        documents += render_reports(plan, monitoring, staging, templates)
        documents += render_amendment(plan, staging, templates)  # -- [] for a plan never amended --
        if not pdf:  # quick drafts: no LibreOffice at all; Excel computes the formulas when it opens
            result.pdf_skipped = NO_PDF_REQUESTED
        elif not office_ready:
            result.pdf_skipped = LIBREOFFICE_MISSING
        else:
            notify("pdf")
            make_pdfs(
                documents,
                books[0] if books else None,
                progress=lambda done, total: notify("pdf", done, total),
                cache=office_cache,
            )
            publish_folder(plan, monitoring, staging, with_plan=years == plan.settings.years)
        result.recalculated = bool(recalculated and recalculated.result())


def _write_back(master: Master, plan, recalculate: bool) -> WriteBackOutcome:
    try:
        outcome = write_back_master(master, plan, recalculate=recalculate)
    except PipelineError as exc:  # refused or failed: outputs/ is already written, the master is as it was
        return WriteBackOutcome("refused" if exc.exit_code == 3 else "failed", error=exc)
    return WriteBackOutcome("written", backup=outcome.backup, recalculated=outcome.recalculated)
