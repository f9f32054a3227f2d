"""What `pipeline run` shows: progress while it works, then a table of what was written."""

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.cli.console import console as default_console
from pipeline.run.job import STAGES, ProgressEvent, RunResult
from pipeline.run.report import file_kind, outcome_rows


class ProgressUI:
    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            transient=True,
            disable=not enabled,
        )
        self._task = None

    def __enter__(self):
        self._progress.__enter__()
        self._task = self._progress.add_task("เริ่ม", total=len(STAGES))
        return self

    def __exit__(self, *exc):
        return self._progress.__exit__(*exc)

    def update(self, event: ProgressEvent) -> None:
        """A stage starts (bar moves one stage) or reports documents done (shown as n/total)."""
        if self._task is None:
            return
        if event.done is None:
            self._progress.update(self._task, description=event.label, advance=1)
        else:
            self._progress.update(self._task, description=f"{event.label} {event.done}/{event.total}")


def print_outcome(
    result: RunResult, out_dir: Path, notes: list[tuple[str, str]] = (), console: Console | None = None
) -> None:
    """One row per top-level file, one row per year folder (its counts), then the notes."""
    console = console or default_console()
    table = Table(title=f"ไฟล์ที่สร้างใน {out_dir}")
    for col in ("ไฟล์ / โฟลเดอร์", "Word", "PDF", "Excel", "หน้า PDF"):
        table.add_column(col, justify="left" if col.startswith("ไฟล์") else "right")
    for row in outcome_rows(result.files, out_dir):
        table.add_row(row["name"], *(str(row[k] or "") for k in ("word", "pdf", "excel", "pages")))
    console.print(table)
    totals = {k: sum(1 for p in result.files if file_kind(p) == k) for k in ("Word", "PDF", "Excel")}
    console.print(
        f"รวม Word {totals['Word']} ไฟล์, PDF {totals['PDF']} ไฟล์, Excel {totals['Excel']} ไฟล์; "
        f"คำเตือน {result.warnings} รายการ; ใช้เวลา {result.seconds:.1f} วินาที"
    )
    for style, sentence in notes:
        console.print(sentence, style=style or None, soft_wrap=True)  # one line each, never cut


def result_json(result: RunResult, out_dir: Path) -> dict:
    """The result with codes, not sentences: `pdf_skipped` and `write_back.code` are stable names."""
    wb = result.write_back
    return {
        "exit_code": result.exit_code,
        "error": wb.error.to_dict() if wb and wb.error else None,
        "valid": result.valid,
        "errors": result.errors,
        "warnings": result.warnings,
        "files": [str(p.relative_to(out_dir)).replace("\\", "/") for p in result.files],
        "pdf_skipped": result.pdf_skipped,
        "recalculated": result.recalculated,
        "write_back": None
        if wb is None
        else {
            "code": wb.code,
            "backup": wb.backup.name if wb.backup else None,
            "recalculated": wb.recalculated,
            "error_code": wb.error.code if wb.error else None,
            "error_en": wb.error.english if wb.error else None,
        },
        "empty_sheets": result.empty_sheets,
        "seconds": round(result.seconds, 3),
        "notices": list(result.notices),
        "templates": {name: str(path) for name, path in sorted(result.templates.items())},
    }


def error_json(error) -> dict:
    """A run that stopped (exit 2, 3, 4, 5): the same keys as result_json, with the error."""
    return {
        "exit_code": error.exit_code,
        "error": error.to_dict(),
        "valid": None,
        "errors": None,
        "warnings": None,
        "files": [],
        "pdf_skipped": None,
        "recalculated": False,
        "write_back": None,
        "empty_sheets": [],
        "seconds": None,
        "notices": [],
    }
