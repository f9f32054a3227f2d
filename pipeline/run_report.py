"""What `pipeline run` shows: progress while it works, then a table of what was written."""
import re
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

STEPS = 6  # validate, Word, Excel, recalc, PDF, publish


class ProgressUI:
    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                  TimeElapsedColumn(), transient=True, disable=not enabled)
        self._task = None

    def __enter__(self):
        self._progress.__enter__()
        self._task = self._progress.add_task("เริ่ม", total=STEPS)
        return self

    def __exit__(self, *exc):
        return self._progress.__exit__(*exc)

    def step(self, name: str) -> None:
        if self._task is not None:
            self._progress.update(self._task, description=name, advance=1)


def pdf_pages(path: Path) -> int | None:
    """Page count read from the PDF's page objects (LibreOffice writes them uncompressed)."""
    count = len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))
    return count or None


def _kind(path: Path) -> str:
    return {".docx": "Word", ".pdf": "PDF", ".xlsx": "Excel"}.get(path.suffix, path.suffix)


def print_outcome(result, out_dir: Path, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=f"ไฟล์ที่สร้าง ({len(result.files)} ไฟล์) ใน {out_dir}", show_lines=False)
    for col in ("ไฟล์", "ชนิด", "หน้า", "ขนาด"):
        table.add_column(col, justify="right" if col in ("หน้า", "ขนาด") else "left")
    for path in sorted(result.files, key=lambda p: (len(p.relative_to(out_dir).parts), str(p))):
        pages = pdf_pages(path) if path.suffix == ".pdf" else None
        table.add_row(str(path.relative_to(out_dir)), _kind(path), str(pages or ""),
                      f"{path.stat().st_size / 1024:,.0f} KB")
    console.print(table)
    counts = {k: sum(1 for p in result.files if _kind(p) == k) for k in ("Word", "PDF", "Excel")}
    console.print(f"Word {counts['Word']} ไฟล์, PDF {counts['PDF']} ไฟล์, Excel {counts['Excel']} ไฟล์; "
                  f"คำเตือน {result.warnings} รายการ; ใช้เวลา {result.seconds:.1f} วินาที")
    if result.pdf_skipped:
        console.print(f"[yellow]{result.pdf_skipped}[/]")
    if not result.recalculated and not result.pdf_skipped:
        console.print("[yellow]ไม่ได้คำนวณสูตรใน summary.xlsx ล่วงหน้า: Excel จะคำนวณเมื่อเปิดไฟล์[/]")
    if result.write_back:
        console.print(result.write_back)


def result_json(result, out_dir: Path) -> dict:
    return {
        "valid": result.valid,
        "errors": result.errors,
        "warnings": result.warnings,
        "files": [str(p.relative_to(out_dir)).replace("\\", "/") for p in result.files],
        "pdf_skipped": result.pdf_skipped,
        "recalculated": result.recalculated,
        "write_back": result.write_back,
        "seconds": round(result.seconds, 3),
    }
