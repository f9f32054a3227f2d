"""Read the master workbook into a Plan. Assumes it validated; see pipeline.validate."""
from decimal import Decimal
from pathlib import Path

from pipeline import contract as c
from pipeline.model import Dimension, Plan, Project, Settings, YearRow
from pipeline.thai import satang
from pipeline.workbook.cells import clean_text, parse_budget, parse_date, parse_int, parse_quarter, split_section
from pipeline.workbook.extent import stream_rows
from pipeline.workbook.io import open_workbook


def read_plan(path: Path) -> Plan:
    wb = open_workbook(path)
    try:
        return plan_from_workbook(wb)
    finally:
        wb.close()


def plan_from_workbook(wb) -> Plan:
    projects = [_project(r) for r in records(wb[c.SHEET_PROJECTS])]
    return Plan(
        settings=_settings(wb[c.SHEET_SETTINGS]),
        dimensions=[Dimension(parse_int(r[c.DimensionCol.NUMBER]), clean_text(r[c.DimensionCol.NAME]))
                    for r in records(wb[c.SHEET_DIMENSIONS])],
        projects=projects,
        rows=_named_from_projects([_year_row(r) for r in records(wb[c.SHEET_YEARLY])], projects),
    )


def _named_from_projects(rows: list[YearRow], projects: list[Project]) -> list[YearRow]:
    """The name in โครงการ is the one source: staff rename a project in one place and the tables,
    the sheets and the file names all follow. The name column of แผนรายปี is only a reading aid
    (validation warns, row-name-differs, when it has drifted)."""
    names = {p.code: p.name for p in projects}
    for row in rows:
        row.name = names.get(row.project_code, row.name)
    return rows


def records(ws) -> list[dict]:
    """Data rows as dicts keyed by header text; blank rows are skipped. Each has '_row'."""
    header, out = [], []
    for number, values in stream_rows(ws):
        if number == 1:
            header = [clean_text(h) for h in values]
            continue
        record = dict.fromkeys(h for h in header if h)  # -- a short row still has every key --
        record.update((h, v) for h, v in zip(header, values) if h)
        record["_row"] = number
        out.append(record)
    return out


def _settings(ws) -> Settings:
    values = {clean_text(r[c.SettingsCol.KEY]): r[c.SettingsCol.VALUE] for r in records(ws)}
    kwargs = {}
    for key in c.SETTING_KEYS:
        raw = values.get(key.label)
        if key.kind == "paragraphs":
            kwargs[key.field] = split_section(raw, "paragraphs")
        else:
            kwargs[key.field] = {"year": parse_int, "date": parse_date}.get(key.kind, clean_text)(raw)
    return Settings(**kwargs)


def _project(r: dict) -> Project:
    sections = {attr: split_section(r.get(header), kind)
                for header, (attr, kind) in c.PROJECT_SECTIONS.items()}
    col = c.ProjectCol
    return Project(code=clean_text(r[col.CODE]), seq=parse_int(r[col.SEQ]), name=clean_text(r[col.NAME]),
                   dimension=parse_int(r[col.DIMENSION]), **sections)


def _year_row(r: dict) -> YearRow:
    col = c.YearlyCol
    budget, _ = parse_budget(r[col.BUDGET])
    quarters = tuple(bool(parse_quarter(r[q])) for q in col.QUARTERS)
    return YearRow(year=parse_int(r[col.YEAR]), order=parse_int(r[col.ORDER]),
                   project_code=clean_text(r[col.PROJECT_CODE]), name=clean_text(r[col.NAME]),
                   dimension=parse_int(r[col.DIMENSION]), budget=satang(budget) if budget is not None else Decimal(0),
                   quarters=quarters, note=clean_text(r.get(col.NOTE)))
