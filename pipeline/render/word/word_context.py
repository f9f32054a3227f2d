"""Template contexts: the plan turned into the plain values the Word templates print.

Formatting lives here, not in templates, so the tags stay `{{ name }}`-simple for staff:
prose gets Thai digits (PyThaiNLP via pipeline.text.thai), the e-plan year table keeps Arabic digits
as the e-plan prints them (`20,000.00`, `07 กรกฎาคม 2566`).
"""

from collections import OrderedDict
from decimal import Decimal

from pipeline import contract as c
from pipeline.errors import PipelineError
from pipeline.lifecycle import changes
from pipeline.model import Plan, Project, YearRow
from pipeline.text.list_items import outline
from pipeline.text.thai import baht_amount, budget_phrase, eplan_date, fiscal_year_label, thai_date, thai_digits


def numbered(items: list[str]) -> list[dict]:
    """Top-level items numbered '๑)', '๒)'… in Thai digits (a list of one item has no number, as
    in the plan book); sub-items keep their own '๒.๑)' or '-' and carry their level."""
    lines = outline(items)
    count = sum(line.level == 0 for line in lines)
    out, n = [], 0
    for line in lines:
        if line.level == 0:
            n += 1
            num = f"{thai_digits(n)})" if count > 1 else ""
        else:
            num = line.mark
        out.append({"num": num, "text": line.text, "level": line.level})
    return out


def announcement_context(plan: Plan, garuda="") -> dict:
    s = plan.settings
    return {
        "garuda": garuda,
        "organisation": s.organisation,
        "plan_title": s.plan_title,
        "plan_years": f"พ.ศ. {thai_digits(s.start_year)} - {thai_digits(s.end_year)}",
        "body": list(s.announcement_body),
        "announce_date": thai_date(s.announce_date),
        "signer": s.signer,
        "signer_position": s.signer_position,
    }


def year_table_context(plan: Plan, year: int) -> dict:
    s = plan.settings
    rows = plan.rows_for(year)
    marks = [[c.QUARTER_OUTPUT_MARK if q else "" for q in r.quarters] for r in rows]
    return {
        "year": str(year),
        "organisation": s.organisation,
        "rows": [_table_row(r, m, changes.note(plan, r)) for r, m in zip(rows, marks)],
        "total": {
            "budget": baht_amount(sum((r.budget for r in rows), Decimal(0)), digits="arabic", decimals=True),
            **{f"q{i + 1}": str(sum(r.quarters[i] for r in rows)) for i in range(4)},
        },
        # -- e-plan style: Arabic digits, zero-padded day, no "พ.ศ." --
        "data_as_of": eplan_date(s.data_as_of),
        "reporter": s.reporter,
        "dimensions": [{"number": str(d.number), "name": d.name} for d in plan.dimensions],
    }


def _table_row(r: YearRow, marks: list[str], amended: str = "") -> dict:
    """`amended`: how the e-plan marks a row an amendment brought in (เพิ่มเติม ครั้งที่ 1), in หมายเหตุ."""
    return {
        "order": str(r.order),
        "name": r.name,
        "dimension": str(r.dimension),
        "budget": baht_amount(r.budget, digits="arabic", decimals=True),
        "q1": marks[0],
        "q2": marks[1],
        "q3": marks[2],
        "q4": marks[3],
        "note": " ".join(filter(None, (r.note, amended))),
    }


def sheets_for_year(plan: Plan, year: int) -> list[tuple[Project, Decimal]]:
    """The projects in `year`'s plan, in ลำดับที่ (Project.seq) order, with their budget.

    A project listed more than once in one year (2569 lists โครงการจัดเวทีประชาคม twice) gets
    one sheet whose budget is the sum of its rows, so the sheets add up to the table's
    รวมทั้งสิ้น. Its years' rows are all data staff entered; nothing is silently dropped.
    """
    budgets: OrderedDict[str, Decimal] = OrderedDict()
    for row in plan.rows_for(year):
        budgets[row.project_code] = budgets.get(row.project_code, Decimal(0)) + row.budget
    by_code = {p.code: p for p in plan.projects}
    missing = [code for code in budgets if code not in by_code]
    if missing:
        raise PipelineError(
            f"แผนรายปี {year} อ้างถึงรหัสโครงการที่ไม่มีในชีตโครงการ: {', '.join(missing)}",
            hint="ตรวจสมุดงานด้วย `pipeline validate` ก่อน",
            english=f"year {year} refers to unknown project codes {missing}",
        )
    return sorted(((by_code[c], b) for c, b in budgets.items()), key=lambda pb: pb[0].seq)


def has_details(project: Project) -> bool:
    """False for a project imported from a table row without its sheet: nothing to print yet."""
    return any(getattr(project, attr) for attr, _ in c.PROJECT_SECTIONS.values())


def projects_without_details(plan: Plan, years: list[int]) -> list[Project]:
    used = {r.project_code for r in plan.rows if r.year in years}
    return sorted((p for p in plan.projects if p.code in used and not has_details(p)), key=lambda p: p.seq)


def project_sheet_context(project: Project, year: int, budget: Decimal) -> dict:
    return {
        "seq": thai_digits(project.seq),
        "name": project.name,
        "rationale": list(project.rationale),
        "objectives": numbered(project.objectives),
        "target_group": list(project.target_group),
        "method": numbered(project.method),
        "period": fiscal_year_label(year),
        "budget": budget_phrase(budget),
        "responsible": list(project.responsible),
        "outputs": numbered(project.outputs),
        "outcomes": numbered(project.outcomes),
        "year": thai_digits(year),
    }
