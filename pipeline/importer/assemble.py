"""Tie the parts together: match table rows to project sheets and cross-check them."""

from collections import Counter, defaultdict

from pipeline.model import Project, YearRow

from .anomalies import Anomaly, anomaly
from .projects import Sheet
from .tables import TableRow
from .text import squash


def projects_and_rows(
    sheets: list[Sheet], table_rows: list[TableRow], anomalies: list[Anomaly]
) -> tuple[list[Project], list[YearRow]]:
    """Every project of the tables gets a code: from its sheet, or a new one with empty sections
    (many plan books attach sheets for only some projects; staff fill the rest in โครงการ). A book
    without any sheet is said once (sheets-missing), not once for each project."""
    by_name = {squash(s.name): s for s in sheets}
    code = {s.seq: f"P{s.seq:02d}" for s in sheets}
    without = _projects_without_sheet(sheets, table_rows, by_name, anomalies if sheets else [])
    rows, matched = [], defaultdict(list)
    for r in table_rows:
        sheet = by_name.get(squash(r.name))
        if sheet is not None:
            matched[sheet.seq].append(r)
        row_code = code[sheet.seq] if sheet else without[squash(r.name)].code
        rows.append(
            YearRow(
                r.year, r.order, row_code, r.name, r.dimension or 0, r.budget, r.quarters, r.note, mission=r.mission
            )
        )
    _check_numbers(sheets, anomalies)
    _check_duplicates(table_rows, matched, anomalies)
    projects = []
    for s in sorted(sheets, key=lambda s: s.seq):
        projects.append(
            Project(
                code[s.seq], s.seq, _name(s, matched[s.seq]), _dimension(s, matched[s.seq], anomalies), **s.fields()
            )
        )
        _check_period_and_budget(s, matched[s.seq], anomalies)
    return projects + list(without.values()), rows


def _projects_without_sheet(
    sheets: list[Sheet], table_rows: list[TableRow], by_name: dict, anomalies: list[Anomaly]
) -> dict[str, Project]:
    """squashed name -> a Project numbered after the last sheet, with the tables' name and มิติ."""
    unmatched: dict[str, list[TableRow]] = {}
    for r in table_rows:
        if squash(r.name) not in by_name:
            unmatched.setdefault(squash(r.name), []).append(r)
    seq = max((s.seq for s in sheets), default=0)
    projects = {}
    for key, rows in unmatched.items():
        seq += 1
        name = Counter(r.name for r in rows).most_common(1)[0][0]
        dims = Counter(r.dimension for r in rows if r.dimension)
        projects[key] = Project(f"P{seq:02d}", seq, name, dims.most_common(1)[0][0] if dims else 0)
        years = ", ".join(str(y) for y in sorted({r.year for r in rows}))
        anomalies.append(
            anomaly("project-without-sheet", rows[0].where, name=name, years=years, project=projects[key].code, seq=seq)
        )
    return projects


def _name(sheet: Sheet, rows: list[TableRow]) -> str:
    """The name as the e-plan tables print it: the sheet's copy was re-joined from wrapped lines,
    so its spaces are guesses (the rows matched it ignoring whitespace)."""
    names = Counter(r.name for r in rows)
    return names.most_common(1)[0][0] if names else sheet.name


def _dimension(sheet: Sheet, rows: list[TableRow], anomalies: list[Anomaly]) -> int:
    dims = Counter(r.dimension for r in rows if r.dimension)
    if not rows:
        anomalies.append(anomaly("project-without-rows", sheet.where, seq=sheet.seq, name=sheet.name))
        return 0
    if len(dims) > 1:
        anomalies.append(anomaly("dimension-differs", sheet.where, seq=sheet.seq, dims=dict(dims)))
    return dims.most_common(1)[0][0] if dims else 0


def _check_numbers(sheets: list[Sheet], anomalies: list[Anomaly]) -> None:
    for seq, count in Counter(s.seq for s in sheets).items():
        if count > 1:
            anomalies.append(anomaly("duplicate-project-number", seq=seq, count=count))


def _check_duplicates(table_rows: list[TableRow], matched: dict, anomalies: list[Anomaly]) -> None:
    for rows in matched.values():
        per_year = defaultdict(list)
        for r in rows:
            per_year[r.year].append(r)
        for year, same in sorted(per_year.items()):
            if len(same) > 1:
                orders = ", ".join(str(r.order) for r in same)
                anomalies.append(
                    anomaly(
                        "duplicate-row", same[0].where, year=year, name=same[0].name, count=len(same), orders=orders
                    )
                )


def _check_period_and_budget(sheet: Sheet, rows: list[TableRow], anomalies: list[Anomaly]) -> None:
    """Sections ๖ and ๗ restate the first year's plan: compare them with that year's row."""
    at = f"โครงการลำดับที่ {sheet.seq}"
    budget = sheet.budget()
    if budget is None:
        anomalies.append(
            anomaly("budget-unreadable", sheet.where, at=at, what="ในหัวข้อ ๗ ", then="", what_en=" in section 7")
        )
    for year in sheet.period_years():
        in_year = [r for r in rows if r.year == year]
        if not in_year:
            anomalies.append(anomaly("period-mismatch", sheet.where, at=at, year=year))
        elif budget is not None and all(r.budget != budget for r in in_year):
            anomalies.append(
                anomaly(
                    "budget-mismatch",
                    sheet.where,
                    at=at,
                    budget=f"{budget:,.2f}",
                    year=year,
                    order=in_year[0].order,
                    row_budget=f"{in_year[0].budget:,.2f}",
                )
            )
