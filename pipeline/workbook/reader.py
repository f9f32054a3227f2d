"""Read the master workbook into a Plan. Assumes it validated; see pipeline.validate."""

from decimal import Decimal
from pathlib import Path

from pipeline import contract as c
from pipeline.model import Amendment, Dimension, Plan, Project, Settings, YearRow
from pipeline.text.thai import satang
from pipeline.workbook.cells import clean_text, parse_budget, parse_date, parse_int, parse_quarter, split_section
from pipeline.workbook.master import Master, Sheet, open_master


def read_plan(source: Path | Master) -> Plan:
    """The plan of an opened master (or of the file at a path, opened here)."""
    master = source if isinstance(source, Master) else open_master(source)
    sheets = master.sheets
    projects = [_project(r) for r in records(sheets.get(c.SHEET_PROJECTS))]
    rows = _named_from_projects([_year_row(r) for r in records(sheets.get(c.SHEET_YEARLY))], projects)
    return Plan(
        settings=_settings(sheets.get(c.SHEET_SETTINGS)),
        dimensions=[
            Dimension(parse_int(r[c.DimensionCol.NUMBER]), clean_text(r[c.DimensionCol.NAME]))
            for r in records(sheets.get(c.SHEET_DIMENSIONS))
        ],
        projects=projects,
        rows=in_force(rows),
        amendments=_amendments(sheets.get(c.SHEET_AMENDMENTS)),
        cancelled_rows=[r for r in rows if r.cancelled_in is not None],
    )


def in_force(rows: list[YearRow]) -> list[YearRow]:
    """The rows no amendment cancelled, each year's numbered 1, 2, … in ลำดับ order: a cancelled row
    leaves its number unused in the sheet (validation allows it), the printed table has no gap.
    Rows of a valid master that was never amended keep their numbers."""
    kept = [r for r in rows if r.cancelled_in is None]
    for year in {r.year for r in kept}:
        for n, r in enumerate(sorted((r for r in kept if r.year == year), key=lambda r: r.order), 1):
            r.order = n
    return kept


def _amendments(sheet: Sheet | None) -> list[Amendment]:
    col = c.AmendmentCol
    found = [
        Amendment(
            number=parse_int(r[col.NUMBER]),
            announce_date=parse_date(r[col.DATE]),
            reason=clean_text(r[col.REASON]),
            signer=clean_text(r.get(col.SIGNER)),
            signer_position=clean_text(r.get(col.SIGNER_POSITION)),
        )
        for r in records(sheet)
    ]
    return sorted(found, key=lambda a: a.number)


def _named_from_projects(rows: list[YearRow], projects: list[Project]) -> list[YearRow]:
    """The name in โครงการ is the one source: staff rename a project in one place and the tables,
    the sheets and the file names all follow. The name column of แผนรายปี is only a reading aid
    (validation warns, row-name-differs, when it has drifted). An empty มิติ cell there is the
    project's มิติ too (a differing one is kept and warned about: row-dimension-differs)."""
    by_code = {p.code: p for p in projects}
    for row in rows:
        project = by_code.get(row.project_code)
        if project is not None:
            row.name = project.name
            if row.dimension is None:
                row.dimension = project.dimension
    return rows


def records(sheet: Sheet | None) -> list[dict]:
    """Data rows as dicts keyed by header text, the values validation checked; [] without the sheet."""
    return sheet.records() if sheet is not None else []


def _settings(sheet: Sheet | None) -> Settings:
    values = {clean_text(r[c.SettingsCol.KEY]): r[c.SettingsCol.VALUE] for r in records(sheet)}
    kwargs = {}
    for key in c.SETTING_KEYS:
        raw = values.get(key.label)
        if key.kind == "paragraphs":
            kwargs[key.field] = split_section(raw, "paragraphs")
        else:
            kwargs[key.field] = {"year": parse_int, "date": parse_date}.get(key.kind, clean_text)(raw)
    return Settings(**kwargs)


def _project(r: dict) -> Project:
    sections = {attr: split_section(r.get(header), kind) for header, (attr, kind) in c.PROJECT_SECTIONS.items()}
    col = c.ProjectCol
    return Project(
        code=clean_text(r[col.CODE]),
        seq=parse_int(r[col.SEQ]),
        name=clean_text(r[col.NAME]),
        dimension=parse_int(r[col.DIMENSION]),
        **sections,
    )


def _year_row(r: dict) -> YearRow:
    col = c.YearlyCol
    budget, _ = parse_budget(r[col.BUDGET])
    quarters = tuple(bool(parse_quarter(r[q])) for q in col.QUARTERS)
    return YearRow(
        year=parse_int(r[col.YEAR]),
        order=parse_int(r[col.ORDER]),
        project_code=clean_text(r[col.PROJECT_CODE]),
        name=clean_text(r[col.NAME]),
        dimension=parse_int(r[col.DIMENSION]),
        budget=satang(budget) if budget is not None else Decimal(0),
        quarters=quarters,
        note=clean_text(r.get(col.NOTE)),
        added_in=parse_int(r.get(col.ADDED_IN)),
        cancelled_in=parse_int(r.get(col.CANCELLED_IN)),
        mission=clean_text(r.get(col.MISSION)),
    )
