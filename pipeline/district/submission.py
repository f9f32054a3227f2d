"""One submission read into plain numbers: a master workbook (opened once, validated, its plan and
monitoring rows read) or a summary.xlsx (pipeline.district.summary_file).

`read_submission` runs in a worker process when there are many files, so what it returns is small
and plain (ints of satang, tuples, the problems), never the workbook itself; and it never raises
for a bad file: what is wrong is in `problems`.
"""

import os
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pipeline import contract as c
from pipeline.district.collect import Found
from pipeline.district.problems import DistrictProblem, district_problem, from_validation, unreadable
from pipeline.district.summary_file import is_summary, read_summary
from pipeline.errors import WorkbookUnreadable
from pipeline.model import ProgressRow, year_projects
from pipeline.monitor.aggregate import reported_rounds
from pipeline.monitor.reader import read_progress
from pipeline.validate import validate_master
from pipeline.validate.problems import ERROR
from pipeline.workbook.master import Master, open_master
from pipeline.workbook.reader import read_plan

MASTER, SUMMARY = "master", "summary"


@dataclass
class Submission:
    file: str  # as the district sees it (Found.name)
    mtime: float
    kind: str = ""  # MASTER, SUMMARY, or "" when it is not a submission
    organisation: str = ""  # as written in the file
    data_as_of: date | None = None
    years: list[int] = field(default_factory=list)
    dimensions: dict[int, str] = field(default_factory=dict)
    rows: list[tuple[int, int, int]] = field(default_factory=list)  # (year, มิติ, budget in satang) per yearly row
    # -- (year, round, มิติ, status, planned, approved, spent in satang): one per project of the year's
    #    plan, as pipeline.monitor.aggregate counts it (a project without a row is not started) --
    progress: list[tuple[int, int, int, str, int, int, int]] = field(default_factory=list)
    problems: list[DistrictProblem] = field(default_factory=list)
    warnings: int = 0  # the master's own validation warnings (its staff see them; not listed here)

    @property
    def errors(self) -> list[DistrictProblem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def usable(self) -> bool:
        return bool(self.kind) and bool(self.organisation) and not self.errors


def read_submission(found: Found) -> Submission:
    """Everything the roll-up needs from one file; never raises for a bad file."""
    sub = Submission(found.name, found.mtime)
    try:
        master = open_master(found.path)
        if any(name in master.sheetnames for name in c.INPUT_SHEETS):
            _read_master(sub, master)
        elif is_summary(master.sheetnames):
            read_summary(sub, master.data)
        else:
            sheets = ", ".join([c.SHEET_YEARLY, c.summary_sheet_name(2566)])
            sub.problems.append(district_problem("not-a-submission", sub.file, sheets=sheets))
    except WorkbookUnreadable as exc:
        sub.problems.append(unreadable(sub.file, exc))
    except Exception as exc:  # noqa: BLE001 -- one file must never stop the roll-up of the others
        sub.problems.append(district_problem("submission-failed", sub.file, error=f"{type(exc).__name__}: {exc}"))
    if sub.kind and sub.errors:
        sub.problems = [p if p.organisation else _named(p, sub.organisation) for p in sub.problems]
    return sub


def read_all(found: list[Found]) -> list[Submission]:
    """For a worker process: a chunk of files read one after another."""
    return [read_submission(f) for f in found]


def _read_master(sub: Submission, master: Master) -> None:
    sub.kind = MASTER
    sub.organisation = _organisation(master)
    report = validate_master(master)
    sub.warnings = len(report.warnings)
    if not report.valid:
        sub.problems.append(
            district_problem("submission-invalid", sub.file, organisation=sub.organisation, errors=len(report.errors))
        )
        sub.problems += [from_validation(sub.file, p, sub.organisation) for p in report.errors]
        return
    plan = read_plan(master)
    sub.organisation = plan.settings.organisation
    sub.data_as_of = plan.settings.data_as_of
    sub.years = plan.settings.years
    sub.dimensions = {d.number: d.name for d in plan.dimensions}
    sub.rows = [(r.year, r.dimension, _satang(r.budget)) for r in plan.rows]
    progress = read_progress(master)
    for year, round_ in reported_rounds(progress, sub.years):
        sub.progress += _round_rows(plan, progress, year, round_)


def _round_rows(plan, progress: list[ProgressRow], year: int, round_: int) -> list[tuple]:
    """One row per project of the year's plan, as pipeline.monitor.aggregate.summarise pairs them
    (the plan's budget, the row's status and money; no row: not started)."""
    rows = {r.code: r for r in progress if r.year == year and r.round == round_}
    out = []
    for planned in year_projects(plan, year):
        row = rows.get(planned.code)
        status = row.status if row else c.STATUS_NOT_STARTED
        approved = (row.approved if row else None) or Decimal(0)
        spent = (row.spent if row else None) or Decimal(0)
        out.append(
            (year, round_, planned.dimension, status, _satang(planned.planned), _satang(approved), _satang(spent))
        )
    return out


def _satang(amount: Decimal) -> int:
    return int(Decimal(amount).scaleb(2).to_integral_value())


def _organisation(master: Master) -> str:
    """หน่วยงาน from ตั้งค่า, read even when the workbook has errors (to say whose file it is)."""
    sheet = master.sheets.get(c.SHEET_SETTINGS)
    key, value = c.SettingsCol.KEY, c.SettingsCol.VALUE
    if sheet is None or sheet.col(key) is None or sheet.col(value) is None:
        return ""
    label = next(k.label for k in c.SETTING_KEYS if k.field == "organisation")
    return next((sheet.text(r, value) for r in sheet.rows if sheet.text(r, key) == label), "")


def _named(p: DistrictProblem, organisation: str) -> DistrictProblem:
    return DistrictProblem(p.file, p.code, p.severity, p.message, p.fix, p.message_en, p.sheet, p.cell, organisation)


def worker_init() -> None:
    """A worker process of the roll-up: lower priority than the page or terminal that started it."""
    if hasattr(os, "nice"):
        try:
            os.nice(5)
        except OSError:
            pass
