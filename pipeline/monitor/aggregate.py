"""What a fiscal year's round adds up to: per มิติ and in total, with the % put into practice.

pandas does the grouping: one frame of the year's projects (from แผนรายปี, so every project of
the plan counts, reported or not) joined with that round's rows, then a crosstab of status by
มิติ and sums of the money columns.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pipeline import contract as c
from pipeline.model import Plan, PlannedProject, ProgressRow, flag, year_projects

STATUS_FIELDS = {
    c.STATUS_DONE: "done",
    c.STATUS_IN_PROGRESS: "in_progress",
    c.STATUS_NOT_STARTED: "not_started",
    c.STATUS_FAILED: "failed",
}


@dataclass
class Line:
    """One มิติ (or the total, number 0)."""

    number: int
    name: str
    projects: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    failed: int = 0
    planned: Decimal = Decimal(0)
    approved: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)


@dataclass
class RoundSummary:
    year: int
    round: int
    lines: list[Line]
    total: Line
    projects: list[tuple[PlannedProject, ProgressRow]]  # table order, once each
    report_date: date | None = None
    notes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # problems/suggestions

    @property
    def percent_done(self) -> Decimal:
        return percent(self.total.done, self.total.projects)

    @property
    def percent_started(self) -> Decimal:
        """Completed + in progress: what the 6-month report shows beside the completed share."""
        return percent(self.total.done + self.total.in_progress, self.total.projects)

    @property
    def flag(self) -> str:
        return flag(self.round, float(self.percent_done))


def percent(part, whole) -> Decimal:
    """part ÷ whole × 100 to two decimals, half up (12 ÷ 15 -> 80.00); 0.00 when whole is 0."""
    if not whole:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def reported_rounds(progress: list[ProgressRow], years: list[int]) -> list[tuple[int, int]]:
    """(year, round) pairs that have rows, for the chosen years."""
    return sorted({(r.year, r.round) for r in progress if r.year in years and r.round in c.ROUNDS})


def summarise(plan: Plan, progress: list[ProgressRow], year: int, round_: int) -> RoundSummary:
    import pandas as pd  # -- here, not at the top: a run without monitoring rows never pays its import --

    planned = year_projects(plan, year)
    rows = {r.code: r for r in progress if r.year == year and r.round == round_}
    # -- a project without a row (validation reports it) counts as not started --
    pairs = [(p, rows.get(p.code) or ProgressRow(year, round_, p.code, p.name, p.planned)) for p in planned]
    frame = pd.DataFrame(
        {
            "dimension": [p.dimension for p, _ in pairs],
            "status": [r.status for _, r in pairs],
            "planned": [p.planned for p, _ in pairs],
            "approved": [r.approved or Decimal(0) for _, r in pairs],
            "spent": [r.spent or Decimal(0) for _, r in pairs],
        }
    )
    counts = pd.crosstab(frame["dimension"], frame["status"])
    money = frame.groupby("dimension")[["planned", "approved", "spent"]].agg(lambda s: sum(s, Decimal(0)))
    lines = [_line(d.number, d.name, counts, money) for d in plan.dimensions]
    total = Line(
        0,
        "รวม",
        **{
            f: sum(getattr(line, f) for line in lines)
            for f in ("projects", "done", "in_progress", "not_started", "failed")
        },
        **{f: sum((getattr(line, f) for line in lines), Decimal(0)) for f in ("planned", "approved", "spent")},
    )
    dates = [r.report_date for _, r in pairs if r.report_date]
    notes = {
        key: [(p.name, getattr(r, key)) for p, r in pairs if getattr(r, key)] for key in ("problems", "suggestions")
    }
    return RoundSummary(year, round_, lines, total, pairs, max(dates) if dates else None, notes)


def _line(number: int, name: str, counts, money) -> Line:
    """`counts`: status crosstab by มิติ; `money`: sums by มิติ (pandas DataFrames)."""
    line = Line(number, name)
    if number in counts.index:
        for status, attr in STATUS_FIELDS.items():
            if status in counts.columns:
                setattr(line, attr, int(counts.at[number, status]))
        line.projects = int(counts.loc[number].sum())
    if number in money.index:
        for attr in ("planned", "approved", "spent"):
            setattr(line, attr, Decimal(money.at[number, attr]))
    return line
