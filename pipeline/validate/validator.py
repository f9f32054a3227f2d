"""Run every check over the workbook and collect one report: never stop at the first problem."""
from pathlib import Path

from pipeline import contract as c
from pipeline.validate import checks_cells, checks_monitoring, checks_projects, checks_settings, checks_structure, checks_yearly
from pipeline.validate.checks_yearly import rows_by_year
from pipeline.validate.grid import Book, load_book
from pipeline.validate.problems import Report, problem
from pipeline.workbook.io import lock_file

CHECKS = (*checks_structure.CHECKS, *checks_settings.CHECKS, *checks_projects.CHECKS,
          *checks_yearly.CHECKS, *checks_monitoring.CHECKS, *checks_cells.CHECKS)


def validate_workbook(path: Path) -> Report:
    """Every problem in the master workbook at `path`.

    Raises pipeline.errors.WorkbookUnreadable (exit 2) when the file cannot be read at all.

    A lock file next to the workbook (Excel's `~$master.xlsx`, LibreOffice's `.~lock.master.xlsx#`)
    gives a warning, not a refusal: validation only reads, reading an open file is allowed (also on
    Windows), and staff typically keep Excel open while they fix what the report lists. The warning
    tells them that edits not yet saved are not seen.
    """
    path = Path(path)
    book = load_book(path)
    try:
        problems = [p for check in CHECKS for p in _run(check, book)]
    finally:
        book.wb.close()
    lock = lock_file(path)
    if lock is not None:
        problems.append(problem("file-open-elsewhere", lock=lock.name))
    return Report.build(path, problems, _stats(book))


def _run(check, book: Book) -> list:
    """A check that crashes is a bug in the pipeline; report it as a problem rather than a traceback."""
    try:
        return list(check(book))
    except Exception as exc:  # noqa: BLE001 -- one broken check must not hide all the others
        return [problem("check-failed", check=check.__name__, error=f"{type(exc).__name__}: {exc}")]


def _stats(book: Book) -> dict:
    period = book.plan_period()
    projects = book.sheets.get(c.SHEET_PROJECTS)
    yearly = book.sheets.get(c.SHEET_YEARLY)
    return {
        "sheets": [name for name in c.CONTRACT_SHEETS if name in book.sheets],
        "plan_years": list(range(period[0], period[1] + 1)) if period else [],
        "projects": len(projects.rows) if projects else 0,
        "yearly_rows": len(yearly.rows) if yearly else 0,
        "rows_per_year": {str(y): len(rows) for y, rows in sorted(rows_by_year(book).items())},
    }
