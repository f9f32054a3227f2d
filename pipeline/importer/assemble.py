"""Tie the parts together: match table rows to project sheets and cross-check them."""
from collections import Counter, defaultdict

from pipeline.model import Project, YearRow

from .anomalies import Anomaly
from .projects import Sheet
from .tables import TableRow
from .text import squash


def projects_and_rows(sheets: list[Sheet], table_rows: list[TableRow],
                      anomalies: list[Anomaly]) -> tuple[list[Project], list[YearRow]]:
    by_name = {squash(s.name): s for s in sheets}
    code = {s.seq: f"P{s.seq:02d}" for s in sheets}
    rows, matched = [], defaultdict(list)
    for r in table_rows:
        sheet = by_name.get(squash(r.name))
        if sheet is None:
            anomalies.append(Anomaly("row-without-project", f"ปี {r.year} ลำดับ {r.order} '{r.name}' "
                                     "ไม่มีหน้ารายละเอียดโครงการที่ชื่อตรงกัน", r.where))
        else:
            matched[sheet.seq].append(r)
        rows.append(YearRow(r.year, r.order, code[sheet.seq] if sheet else "", r.name, r.dimension or 0,
                            r.budget, r.quarters, r.note))
    _check_numbers(sheets, anomalies)
    _check_duplicates(table_rows, matched, anomalies)
    projects = []
    for s in sorted(sheets, key=lambda s: s.seq):
        projects.append(Project(code[s.seq], s.seq, _name(s, matched[s.seq]), _dimension(s, matched[s.seq], anomalies),
                                **s.fields()))
        _check_period_and_budget(s, matched[s.seq], anomalies)
    return projects, rows


def _name(sheet: Sheet, rows: list[TableRow]) -> str:
    """The name as the e-plan tables print it: the sheet's copy was re-joined from wrapped lines,
    so its spaces are guesses (the rows matched it ignoring whitespace)."""
    names = Counter(r.name for r in rows)
    return names.most_common(1)[0][0] if names else sheet.name


def _dimension(sheet: Sheet, rows: list[TableRow], anomalies: list[Anomaly]) -> int:
    dims = Counter(r.dimension for r in rows if r.dimension)
    if not rows:
        anomalies.append(Anomaly("project-without-rows", f"โครงการลำดับที่ {sheet.seq} '{sheet.name}' "
                                 "ไม่อยู่ในตารางรายปีใดเลย จึงไม่รู้มิติ (ใส่ 0)", sheet.where))
        return 0
    if len(dims) > 1:
        anomalies.append(Anomaly("dimension-differs", f"โครงการลำดับที่ {sheet.seq}: ตารางรายปีระบุมิติต่างกัน "
                                 f"{dict(dims)} (ใช้มิติที่พบบ่อยที่สุด)", sheet.where))
    return dims.most_common(1)[0][0] if dims else 0


def _check_numbers(sheets: list[Sheet], anomalies: list[Anomaly]) -> None:
    for seq, count in Counter(s.seq for s in sheets).items():
        if count > 1:
            anomalies.append(Anomaly("duplicate-project-number", f"มีหน้ารายละเอียด 'ลำดับที่ {seq}' {count} หน้า"))


def _check_duplicates(table_rows: list[TableRow], matched: dict, anomalies: list[Anomaly]) -> None:
    for seq, rows in matched.items():
        per_year = defaultdict(list)
        for r in rows:
            per_year[r.year].append(r)
        for year, same in sorted(per_year.items()):
            if len(same) > 1:
                orders = ", ".join(str(r.order) for r in same)
                anomalies.append(Anomaly("duplicate-row", f"ปี {year}: '{same[0].name}' ซ้ำ {len(same)} แถว "
                                         f"(ลำดับ {orders}) นำเข้าทุกแถวตามต้นฉบับ", same[0].where))


def _check_period_and_budget(sheet: Sheet, rows: list[TableRow], anomalies: list[Anomaly]) -> None:
    """Sections ๖ and ๗ restate the first year's plan: compare them with that year's row."""
    at = f"โครงการลำดับที่ {sheet.seq}"
    budget = sheet.budget()
    if budget is None:
        anomalies.append(Anomaly("budget-unreadable", f"{at}: อ่านงบประมาณในหัวข้อ ๗ ไม่ได้", sheet.where))
    for year in sheet.period_years():
        in_year = [r for r in rows if r.year == year]
        if not in_year:
            anomalies.append(Anomaly("period-mismatch", f"{at}: หัวข้อ ๖ ระบุปี {year} แต่ตารางปี {year} "
                                     "ไม่มีโครงการนี้", sheet.where))
        elif budget is not None and all(r.budget != budget for r in in_year):
            anomalies.append(Anomaly("budget-mismatch", f"{at}: หัวข้อ ๗ ระบุงบประมาณ {budget:,.2f} บาท "
                                     f"แต่ตารางปี {year} ลำดับ {in_year[0].order} ระบุ {in_year[0].budget:,.2f} บาท",
                                     sheet.where))
