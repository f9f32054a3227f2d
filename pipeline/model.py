"""The plan as Python objects: what the reader builds and every renderer consumes."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pipeline.errors import YearOutsidePlan


@dataclass
class Settings:
    organisation: str        # องค์การบริหารส่วนตำบลโคกสำโรง
    start_year: int          # Buddhist Era, e.g. 2566
    end_year: int
    announce_date: date      # Gregorian date; shown in the Buddhist Era
    signer: str
    signer_position: str
    data_as_of: date
    reporter: str
    plan_title: str = "แผนปฏิบัติการป้องกันการทุจริต"
    announcement_body: list[str] = field(default_factory=list)   # paragraphs
    preface: list[str] = field(default_factory=list)             # คำนำ of the plan book, paragraphs
    ita_plan: str = ""       # ITA indicator codes, e.g. O36 / O37 / O38 (change between years)
    ita_round_6: str = ""
    ita_round_12: str = ""

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
    seq: int                 # ลำดับที่ of the project sheet
    name: str
    dimension: int
    rationale: list[str] = field(default_factory=list)     # paragraphs
    objectives: list[str] = field(default_factory=list)    # items
    target_group: list[str] = field(default_factory=list)  # paragraphs
    method: list[str] = field(default_factory=list)        # items
    responsible: list[str] = field(default_factory=list)   # paragraphs
    outputs: list[str] = field(default_factory=list)       # items
    outcomes: list[str] = field(default_factory=list)      # items


@dataclass
class YearRow:
    year: int
    order: int               # ลำดับ in that year's table
    project_code: str
    name: str                # as printed in the year's table
    dimension: int
    budget: Decimal
    quarters: tuple[bool, bool, bool, bool]
    note: str = ""


@dataclass
class Plan:
    settings: Settings
    dimensions: list[Dimension]
    projects: list[Project]
    rows: list[YearRow]

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
            raise YearOutsidePlan(f"ปี {', '.join(map(str, outside))} ไม่อยู่ในช่วงแผน "
                                  f"{plan_years[0]}–{plan_years[-1]}", hint="ระบุ --year เป็นปีงบประมาณในแผน",
                                  english=f"years {outside} are outside the plan {plan_years[0]}-{plan_years[-1]}",
                                  code="year-outside-plan")
        return sorted(set(years))
