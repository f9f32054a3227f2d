"""Run every check over the workbook and collect one report: never stop at the first problem."""

from pathlib import Path

from pipeline import contract as c
from pipeline.validate import (
    checks_amendments,
    checks_cells,
    checks_monitoring,
    checks_projects,
    checks_settings,
    checks_structure,
    checks_yearly,
)
from pipeline.validate.checks_yearly import rows_by_year
from pipeline.validate.problems import Report, problem
from pipeline.workbook.master import Master, open_master

CHECKS = (
    *checks_structure.CHECKS,
    *checks_settings.CHECKS,
    *checks_projects.CHECKS,
    *checks_yearly.CHECKS,
    *checks_monitoring.CHECKS,
    *checks_amendments.CHECKS,
    *checks_cells.CHECKS,
)


def validate_workbook(path: Path) -> Report:
    """Every problem in the master workbook at `path` (opened here; see validate_master).

    Raises pipeline.errors.WorkbookUnreadable (exit 2) when the file cannot be read at all."""
    return validate_master(open_master(path))


def validate_master(master: Master) -> Report:
    """Every problem in an opened master workbook.

    A lock file next to the workbook (Excel's `~$master.xlsx`, LibreOffice's `.~lock.master.xlsx#`)
    gives a warning, not a refusal: validation only reads, reading an open file is allowed (also on
    Windows), and staff typically keep Excel open while they fix what the report lists. The warning
    tells them that edits not yet saved are not seen.
    """
    problems = [p for check in CHECKS for p in _run(check, master)]
    if master.lock is not None:
        problems.append(problem("file-open-elsewhere", lock=master.lock.name))
    return Report.build(master.path, problems, _stats(master))


def _run(check, master: Master) -> list:
    """A check that crashes is a bug in the pipeline; report it as a problem rather than a traceback."""
    try:
        return list(check(master))
    except Exception as exc:  # noqa: BLE001 -- one broken check must not hide all the others
        return [problem("check-failed", check=check.__name__, error=f"{type(exc).__name__}: {exc}")]


def _stats(master: Master) -> dict:
    period = master.plan_period()
    projects = master.sheets.get(c.SHEET_PROJECTS)
    yearly = master.sheets.get(c.SHEET_YEARLY)
    return {
        "sheets": [name for name in c.READ_SHEETS if name in master.sheets],
        "plan_years": list(range(period[0], period[1] + 1)) if period else [],
        "projects": len(projects.rows) if projects else 0,
        "yearly_rows": len(yearly.rows) if yearly else 0,
        "rows_per_year": {str(y): len(rows) for y, rows in sorted(rows_by_year(master).items())},
    }
