"""The roll-up itself: which submission counts for each organisation, and the numbers per
organisation × fiscal year, per year and per มิติ (pandas), the organisations still missing and
every problem. No file is written here (pipeline.district.workbook and .memo write).

    rollup = build_rollup(submissions, roster, year=None, round_=None, extra_problems=[...])

Choosing: submissions are matched by organisation name (pipeline.district.names.name_key); of two,
the later ข้อมูล ณ วันที่ wins, then a master over a summary.xlsx (it has more), then the later file
time; the other is listed in the problems (`submission-superseded`).
The round shown for a year is `round_` when given (for the year asked for, or the years someone
reported), else the latest round any organisation reported for that year (so one year's monitoring
figures always share one round and its flags).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pandas as pd

from pipeline import contract as c
from pipeline.district.names import display_name, name_key, thai_sorted
from pipeline.district.problems import DistrictProblem, district_problem
from pipeline.district.roster import Roster
from pipeline.district.submission import MASTER, Submission
from pipeline.model import flag
from pipeline.monitor.aggregate import percent
from pipeline.validate.problems import ERROR, WARNING

STATUS_FIELDS = {
    c.STATUS_DONE: "done",
    c.STATUS_IN_PROGRESS: "in_progress",
    c.STATUS_NOT_STARTED: "not_started",
    c.STATUS_FAILED: "failed",
}
MONEY = ("planned", "approved", "spent")


@dataclass
class Figures:
    """Monitoring of one round: projects by status and money in satang."""

    round: int
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    failed: int = 0
    planned: int = 0
    approved: int = 0
    spent: int = 0

    @property
    def projects(self) -> int:
        return self.done + self.in_progress + self.not_started + self.failed

    @property
    def percent(self) -> Decimal:
        return percent(self.done, self.projects)

    @property
    def flag(self) -> str:
        return flag(self.round, float(self.percent))

    def add(self, other: "Figures") -> None:
        for name in (*STATUS_FIELDS.values(), *MONEY):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_dict(self) -> dict:
        out = {name: getattr(self, name) for name in ("round", *STATUS_FIELDS.values())}
        out.update({name: baht(getattr(self, name)) for name in MONEY})
        return {**out, "projects": self.projects, "percent": float(self.percent), "flag": self.flag}


class _Totals:
    """Projects and budget per มิติ, added up (a line and a year's total alike)."""

    projects: dict[int, int]
    budget: dict[int, int]

    @property
    def total_projects(self) -> int:
        return sum(self.projects.values())

    @property
    def total_budget(self) -> int:
        return sum(self.budget.values())


@dataclass
class Line(_Totals):
    """One organisation in one fiscal year (a row of ภาพรวม)."""

    organisation: str
    year: int
    file: str
    projects: dict[int, int]  # มิติ -> projects (rows of the year's plan, as summary.xlsx counts them)
    budget: dict[int, int]  # มิติ -> satang
    monitoring: Figures | None = None


@dataclass
class YearTotal(_Totals):
    year: int
    round: int | None
    organisations: int
    projects: dict[int, int]
    budget: dict[int, int]
    monitoring: Figures | None  # the organisations that reported the round, added up
    reported: int  # how many reported it


@dataclass
class Missing:
    organisation: str
    code: str  # not-submitted, submission-unusable, year-not-covered, round-missing
    year: int | None = None
    round: int | None = None
    files: list[str] = field(default_factory=list)


@dataclass
class Used:
    organisation: str
    file: str
    kind: str  # "master" or "summary"
    data_as_of: date | None
    years: list[int]
    warnings: int
    in_list: bool | None  # None without a list of names


@dataclass
class Rollup:
    years: list[int]
    rounds: dict[int, int | None]
    dimensions: list[tuple[int, str]]
    lines: list[Line]  # by year, then Thai order
    totals: dict[int, YearTotal]
    missing: list[Missing]
    problems: list[DistrictProblem]
    used: list[Used]  # Thai order
    roster: Roster | None
    files: int  # files looked at
    year_asked: int | None = None
    round_asked: int | None = None

    @property
    def errors(self) -> list[DistrictProblem]:
        return [p for p in self.problems if p.severity == ERROR]

    def to_dict(self) -> dict:
        """Codes and numbers (baht as numbers), no sentences beyond the problems' own messages."""
        return {
            "years": self.years,
            "rounds": {str(y): r for y, r in self.rounds.items()},
            "files": self.files,
            "organisations": len(self.used),
            "dimensions": [{"number": n, "name": name} for n, name in self.dimensions],
            "lines": [
                {
                    "organisation": line.organisation,
                    "year": line.year,
                    "file": line.file,
                    "projects": {str(d): n for d, n in line.projects.items()},
                    "budget": {str(d): baht(v) for d, v in line.budget.items()},
                    "monitoring": line.monitoring.to_dict() if line.monitoring else None,
                }
                for line in self.lines
            ],
            "totals": [
                {
                    "year": t.year,
                    "round": t.round,
                    "organisations": t.organisations,
                    "reported": t.reported,
                    "projects": t.total_projects,
                    "budget": baht(t.total_budget),
                    "monitoring": t.monitoring.to_dict() if t.monitoring else None,
                }
                for t in self.totals.values()
            ],
            "missing": [
                {"organisation": m.organisation, "code": m.code, "year": m.year, "round": m.round, "files": m.files}
                for m in self.missing
            ],
            "problems": [p.to_dict() for p in self.problems],
            "used": [
                {
                    "organisation": u.organisation,
                    "file": u.file,
                    "kind": u.kind,
                    "data_as_of": u.data_as_of.isoformat() if u.data_as_of else None,
                    "warnings": u.warnings,
                }
                for u in self.used
            ],
            "list": str(self.roster.path) if self.roster and self.roster.path else None,
        }


def baht(satang: int) -> float | int:
    return satang // 100 if satang % 100 == 0 else satang / 100


def build_rollup(
    submissions: list[Submission],
    roster: Roster | None,
    *,
    year: int | None = None,
    round_: int | None = None,
    extra_problems: list[DistrictProblem] = (),
    files: int = 0,
) -> Rollup:
    problems = list(extra_problems)
    for sub in submissions:
        problems += sub.problems
    winners, superseded = _choose([s for s in submissions if s.usable])
    problems += superseded
    names = _names(winners, roster)
    if roster is not None:
        listed = roster.keys()
        problems += [
            district_problem("organisation-not-in-list", s.file, organisation=names[key])
            for key, s in winners.items()
            if key not in listed
        ]
    years = [year] if year else sorted({y for s in winners.values() for y in s.years})
    plan, progress = _frames(winners, years)
    rounds = _rounds(progress, years, round_, year)
    lines = _lines(winners, names, plan, progress, years, rounds)
    dims = _dimensions(winners, plan)
    totals = {y: _year_total(y, rounds[y], [line for line in lines if line.year == y], dims) for y in years}
    used = [
        Used(
            names[key],
            s.file,
            s.kind,
            s.data_as_of,
            s.years,
            s.warnings,
            None if roster is None else key in roster.keys(),
        )
        for key, s in winners.items()
    ]
    return Rollup(
        years=years,
        rounds=rounds,
        dimensions=dims,
        lines=lines,
        totals=totals,
        missing=_missing(submissions, winners, names, roster, years, rounds, year),
        problems=_sorted_problems(problems),
        used=thai_sorted(used, key=lambda u: u.organisation),
        roster=roster,
        files=files,
        year_asked=year,
        round_asked=round_,
    )


def _choose(usable: list[Submission]) -> tuple[dict[str, Submission], list[DistrictProblem]]:
    """One submission per organisation (see the module docstring) and a problem for each other."""
    groups: dict[str, list[Submission]] = {}
    for sub in usable:
        groups.setdefault(name_key(sub.organisation), []).append(sub)
    winners, problems = {}, []
    for key, group in groups.items():
        ranked = sorted(group, key=_rank, reverse=True)
        winner = winners[key] = ranked[0]
        for other in ranked[1:]:
            why, why_en = _why(winner, other)
            problems.append(
                district_problem(
                    "submission-superseded",
                    other.file,
                    organisation=display_name(winner.organisation),
                    winner=winner.file,
                    why=why,
                    why_en=why_en,
                )
            )
    return winners, problems


def _rank(sub: Submission):
    return (sub.data_as_of or date.min, sub.kind == MASTER, sub.mtime, sub.file)


def _why(winner: Submission, other: Submission) -> tuple[str, str]:
    if (winner.data_as_of or date.min) != (other.data_as_of or date.min):
        return "ข้อมูล ณ วันที่ใหม่กว่า", "a later ข้อมูล ณ วันที่"
    if winner.kind != other.kind:
        return "เป็นสมุดงานหลัก", "it is the master workbook"
    if winner.mtime != other.mtime:
        return "ไฟล์ใหม่กว่า", "a later file time"
    return "ข้อมูลเหมือนกัน", "the same data"


def _names(winners: dict[str, Submission], roster: Roster | None) -> dict[str, str]:
    """The name each organisation is printed with: the list's spelling when it is listed."""
    listed = roster.keys() if roster else {}
    return {key: listed.get(key) or display_name(s.organisation) for key, s in winners.items()}


def _frames(winners: dict[str, Submission], years: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every yearly row and every monitoring row of the chosen submissions, in the chosen years."""
    plan = pd.DataFrame(
        [(key, *row) for key, s in winners.items() for row in s.rows],
        columns=["org", "year", "dimension", "budget"],
    )
    progress = pd.DataFrame(
        [(key, *row) for key, s in winners.items() for row in s.progress],
        columns=["org", "year", "round", "dimension", "status", *MONEY],
    )
    return plan[plan["year"].isin(years)], progress[progress["year"].isin(years)]


def _rounds(progress: pd.DataFrame, years: list[int], asked: int | None, year_asked: int | None) -> dict:
    """year -> the round shown (None: no monitoring for that year). `--round` applies to the year
    asked for, or to the years someone reported (not to a plan's later years, not begun yet)."""
    latest = progress.groupby("year")["round"].max().to_dict() if len(progress) else {}
    if asked:
        return {y: asked if (year_asked or y in latest) else None for y in years}
    return {y: int(latest[y]) if y in latest else None for y in years}


def _lines(winners, names, plan: pd.DataFrame, progress: pd.DataFrame, years, rounds) -> list[Line]:
    counts = plan.groupby(["org", "year", "dimension"]).size()
    budgets = plan.groupby(["org", "year", "dimension"])["budget"].sum()
    shown = progress[progress["round"] == progress["year"].map(rounds)]  # -- the year's round only --
    status = shown.groupby(["org", "year", "status"]).size()
    money = shown.groupby(["org", "year"])[list(MONEY)].sum()
    by_org_year: dict[tuple, dict] = {}
    for (org, year, dim), n in counts.items():
        entry = by_org_year.setdefault((org, year), {"projects": {}, "budget": {}})
        entry["projects"][int(dim)] = int(n)
        entry["budget"][int(dim)] = int(budgets[(org, year, dim)])
    reported = {(org, year) for org, year in money.index}
    lines = []
    for year in years:
        present = [key for key, s in winners.items() if year in s.years]
        for key in thai_sorted(present, key=lambda k: names[k]):
            entry = by_org_year.get((key, year), {"projects": {}, "budget": {}})
            figures = None
            if (key, year) in reported:
                figures = Figures(rounds[year])
                for name, attr in STATUS_FIELDS.items():
                    setattr(figures, attr, int(status.get((key, year, name), 0)))
                for attr in MONEY:
                    setattr(figures, attr, int(money.at[(key, year), attr]))
            lines.append(Line(names[key], year, winners[key].file, entry["projects"], entry["budget"], figures))
    return lines


def _dimensions(winners: dict[str, Submission], plan: pd.DataFrame) -> list[tuple[int, str]]:
    """Every มิติ a plan names or uses, with the name its first master gives (masters first)."""
    named: dict[int, str] = {}
    for sub in sorted(winners.values(), key=lambda s: s.kind != MASTER):
        for number, name in sub.dimensions.items():
            named.setdefault(number, name)
    used = {int(d) for d in plan["dimension"].unique()}
    return [(n, named.get(n, "")) for n in sorted(set(named) | used)]


def _year_total(year: int, round_: int | None, lines: list[Line], dims) -> YearTotal:
    projects = {d: sum(line.projects.get(d, 0) for line in lines) for d, _ in dims}
    budget = {d: sum(line.budget.get(d, 0) for line in lines) for d, _ in dims}
    reporting = [line.monitoring for line in lines if line.monitoring]
    figures = None
    if reporting:
        figures = Figures(round_)
        for f in reporting:
            figures.add(f)
    return YearTotal(year, round_, len(lines), projects, budget, figures, len(reporting))


def _missing(submissions, winners, names, roster, years, rounds, year_asked) -> list[Missing]:
    """The list's organisations with no usable submission; then, for each year, the organisations
    whose plan does not cover the year asked for, and those without rows for the year's round."""
    out = []
    if roster is not None:
        failed: dict[str, list[str]] = {}
        for sub in submissions:
            if not sub.usable and sub.organisation:
                failed.setdefault(name_key(sub.organisation), []).append(sub.file)
        for name in roster.names:
            key = name_key(name)
            if key not in winners:
                code = "submission-unusable" if key in failed else "not-submitted"
                out.append(Missing(name, code, files=failed.get(key, [])))
    expected = {name_key(n): n for n in roster.names} if roster else {}
    expected.update(names)
    for year in years:
        for key in thai_sorted(list(expected), key=lambda k: expected[k]):
            sub = winners.get(key)
            if sub is None:
                continue
            if year_asked and year not in sub.years:
                out.append(Missing(expected[key], "year-not-covered", year=year, files=[sub.file]))
            elif (
                rounds[year]
                and year in sub.years
                and not any(p[0] == year and p[1] == rounds[year] for p in sub.progress)
            ):
                out.append(Missing(expected[key], "round-missing", year=year, round=rounds[year], files=[sub.file]))
    return out


SEVERITY_ORDER = {ERROR: 0, WARNING: 1}


def _sorted_problems(problems: list[DistrictProblem]) -> list[DistrictProblem]:
    """Errors, then warnings, then skipped files; by file within each, a file's own rows together
    (its file-level row first, its cells in the order validation gave them)."""
    return sorted(problems, key=lambda p: (SEVERITY_ORDER.get(p.severity, 2), p.file, bool(p.sheet)))


MISSING_TEXT = {
    "not-submitted": "ยังไม่ส่งไฟล์",
    "submission-unusable": "ส่งแล้ว แต่ไฟล์มีข้อผิดพลาดจึงยังไม่ได้นำมารวม (ดูแผ่นงาน ปัญหา)",
    "year-not-covered": "แผนที่ส่งมาไม่มีปีงบประมาณ {year}",
    "round-missing": "ยังไม่มีผลการดำเนินงาน{round} ปีงบประมาณ {year}",
}
ROUND_TEXT = {6: "รอบ 6 เดือน", 12: "ประจำปี"}


def missing_text(m: Missing) -> str:
    """The Thai sentence for a Missing row (district.xlsx, the CLI and the web page say the same)."""
    return MISSING_TEXT[m.code].format(year=m.year or "", round=ROUND_TEXT.get(m.round, ""))
