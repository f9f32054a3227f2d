"""The plan as Python objects: what the reader builds and every renderer consumes; then the
monitoring rows, and what a fiscal year's round adds up to."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pipeline import contract as c
from pipeline.errors import YearOutsidePlan


@dataclass
class Settings:
    organisation: str  # องค์การบริหารส่วนตำบลโคกสำโรง
    start_year: int  # Buddhist Era, e.g. 2566
    end_year: int
    announce_date: date  # Gregorian date; shown in the Buddhist Era
    signer: str
    signer_position: str
    data_as_of: date
    reporter: str
    plan_title: str = "แผนปฏิบัติการป้องกันการทุจริต"
    announcement_body: list[str] = field(default_factory=list)  # paragraphs
    preface: list[str] = field(default_factory=list)  # คำนำ of the plan book, paragraphs
    ita_plan: str = ""  # ITA indicator codes, e.g. O36 / O37 / O38 (change between years)
    ita_round_6: str = ""
    ita_round_12: str = ""
    digits: str = ""  # contract.DIGITS_THAI: Arabic digits in the staff's text printed as Thai ones

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


@dataclass
class Dimension:
    number: int
    name: str


@dataclass
class Project:
    code: str
    seq: int  # ลำดับที่ of the project sheet
    name: str
    dimension: int
    rationale: list[str] = field(default_factory=list)  # paragraphs
    objectives: list[str] = field(default_factory=list)  # items
    target_group: list[str] = field(default_factory=list)  # paragraphs
    method: list[str] = field(default_factory=list)  # items
    responsible: list[str] = field(default_factory=list)  # paragraphs
    outputs: list[str] = field(default_factory=list)  # items
    outcomes: list[str] = field(default_factory=list)  # items


@dataclass
class YearRow:
    year: int
    order: int  # ลำดับ in that year's table
    project_code: str
    name: str  # as printed in the year's table
    dimension: int
    budget: Decimal
    quarters: tuple[bool, bool, bool, bool]
    note: str = ""
    added_in: int | None = None  # the amendment (ครั้งที่) that added the row; None: as announced
    cancelled_in: int | None = None  # the amendment that cancelled it; None: in force
    mission: str = ""  # ภารกิจ: the multi-year layout's mission headings, one per line (optional column)


@dataclass
class Amendment:
    """One amendment of the announced plan (sheet การแก้ไขแผน)."""

    number: int  # ครั้งที่ 1, 2, …
    announce_date: date | None
    reason: str = ""
    signer: str = ""  # empty: the plan's signer
    signer_position: str = ""


@dataclass
class Plan:
    settings: Settings
    dimensions: list[Dimension]
    projects: list[Project]
    rows: list[YearRow]  # the rows in force: as announced, with every amendment's changes
    amendments: list[Amendment] = field(default_factory=list)  # by number
    cancelled_rows: list[YearRow] = field(default_factory=list)  # rows an amendment cancelled

    def project(self, code: str) -> Project:
        for p in self.projects:
            if p.code == code:
                return p
        raise KeyError(code)

    def rows_for(self, year: int) -> list[YearRow]:
        return sorted((r for r in self.rows if r.year == year), key=lambda r: r.order)

    def chosen_years(self, years: list[int] | None) -> list[int]:
        """The years to make, sorted (all of the plan when none are given); a year outside the
        plan is refused here, the one place that checks it."""
        plan_years = self.settings.years
        if not years:
            return plan_years
        outside = sorted(set(years) - set(plan_years))
        if outside:
            raise YearOutsidePlan(
                f"ปี {', '.join(map(str, outside))} ไม่อยู่ในช่วงแผน {plan_years[0]}–{plan_years[-1]}",
                hint="ระบุ --year เป็นปีงบประมาณในแผน",
                english=f"years {outside} are outside the plan {plan_years[0]}-{plan_years[-1]}",
                code="year-outside-plan",
            )
        return sorted(set(years))


# == monitoring (sheet ผลการดำเนินงาน) ==

# -- thresholds of the national monitoring system: (green from, orange from) in percent --
THRESHOLDS = {6: (50, 20), 12: (80, 50)}
FLAGS = {"green": ("เขียว", "92D050"), "orange": ("ส้ม", "FFC000"), "red": ("แดง", "FF0000")}


@dataclass
class ProgressRow:
    year: int
    round: int  # 6 or 12
    code: str
    name: str = ""
    planned: Decimal = Decimal(0)  # งบประมาณตามแผน
    approved: Decimal | None = None  # งบประมาณตามข้อบัญญัติ
    spent: Decimal | None = None  # เบิกจ่ายจริง
    status: str = c.STATUS_NOT_STARTED  # an empty cell counts as not started
    reason: str = ""
    result: str = ""
    indicator: str = ""
    problems: str = ""
    suggestions: str = ""
    evidence: list[str] = field(default_factory=list)  # links or file names, one per line
    report_date: date | None = None
    row: int = 0  # Excel row in ผลการดำเนินงาน


def flag(round_: int, percent: float) -> str:
    """'green' / 'orange' / 'red' as the national monitoring system colours the round."""
    green, orange = THRESHOLDS[round_]
    return "green" if percent >= green else "orange" if percent >= orange else "red"


def round_title(round_: int) -> str:
    """The report's official name (without the year)."""
    if round_ == 6:
        return "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริตประจำปี"
    return "รายงานผลการดำเนินการป้องกันการทุจริตประจำปี"


def round_period(year: int, round_: int) -> tuple[date, date]:
    """1 Oct of the previous calendar year to 31 Mar (6) or 30 Sep (12) of the fiscal year."""
    ce = year - 543
    return date(ce - 1, 10, 1), date(ce, 3, 31) if round_ == 6 else date(ce, 9, 30)


def ita_code(settings, round_: int | None) -> str:
    """The indicator code for the plan (None) or a round, '' when the setting is empty."""
    return {None: settings.ita_plan, 6: settings.ita_round_6, 12: settings.ita_round_12}[round_]


@dataclass(frozen=True)
class PlannedProject:
    code: str
    name: str
    dimension: int
    planned: Decimal


def year_projects(plan, year: int) -> list[PlannedProject]:
    """The projects of `year`'s plan in table order, once each; a project listed twice in one
    year (2569) gets the sum of its rows' budgets, as its project sheet does."""
    out: dict[str, PlannedProject] = {}
    for r in plan.rows_for(year):
        if r.project_code in out:
            prev = out[r.project_code]
            out[r.project_code] = PlannedProject(prev.code, prev.name, prev.dimension, prev.planned + r.budget)
            continue
        try:
            name, dimension = plan.project(r.project_code).name, plan.project(r.project_code).dimension
        except KeyError:
            name, dimension = r.name, r.dimension
        out[r.project_code] = PlannedProject(r.project_code, name, dimension, r.budget)
    return list(out.values())
