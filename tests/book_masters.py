"""Masters for the plan-book round trip (tests/test_book_roundtrip.py), built from the real one, and
the comparison the round trip promises: run a master, import the plan book it wrote, same master.

- a municipality's: another kind of organisation (เทศบาลตำบล, signed by its นายกเทศมนตรี), its own
  name in every text, its own คำนำ, three projects over 2568-2570 with budgets and quarters that
  differ from year to year;
- a large synthetic one: the real projects cloned to 40, each in all five years, every row with a
  budget and quarters of its own (after bench/bench_word.py:synthetic).
"""

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from pipeline import contract as c
from pipeline.model import Plan, Project, YearRow
from pipeline.render.word.word_context import has_details
from pipeline.workbook.reader import read_plan
from pipeline.workbook.writer import plan_workbook, save_workbook
from tests.conftest import MASTER

MUNICIPALITY = "เทศบาลตำบลโคกสำโรง"
MAYOR = "นายกเทศมนตรีตำบลโคกสำโรง"
# -- two paragraphs as staff write them: the second opens with no word the importer knows --
MUNICIPAL_PREFACE = [
    f"{MUNICIPALITY}ได้จัดทำแผนปฏิบัติการป้องกันการทุจริต (พ.ศ. ๒๕๖๘ - ๒๕๗๐) ตามแนวทางของสำนักงาน ป.ป.ช.",
    "ขอขอบคุณผู้บริหาร สมาชิกสภาเทศบาล และพนักงานเทศบาลทุกท่านที่ร่วมจัดทำแผนฉบับนี้",
]
# -- the text sections of a project sheet (๒-๕, ๘, ๙); ๖ and ๗ are printed from the yearly rows --
SECTIONS = tuple(attr for attr, _ in c.PROJECT_SECTIONS.values())
# -- the settings the plan book prints; the ITA codes are only in the monitoring outputs --
BOOK_SETTINGS = tuple(key.field for key in c.SETTING_KEYS if key not in c.ITA_SETTING_KEYS)


def write_master(plan: Plan, path: Path) -> Path:
    save_workbook(plan_workbook(plan), path)
    return path


def municipality_plan() -> Plan:
    real = read_plan(MASTER)
    old = real.settings.organisation

    def own(value):
        if isinstance(value, str):
            return value.replace(old, MUNICIPALITY).replace("๒๕๖๖ - ๒๕๗๐", "๒๕๖๘ - ๒๕๗๐")
        return [own(v) for v in value]

    settings = replace(
        real.settings,
        organisation=MUNICIPALITY,
        signer_position=MAYOR,
        start_year=2568,
        end_year=2570,
        announcement_body=own(real.settings.announcement_body),
        preface=list(MUNICIPAL_PREFACE),
    )
    chosen = [p for p in real.projects if p.seq in (1, 8, 12)]
    projects = [
        replace(p, code=f"P{n:02d}", seq=n, name=own(p.name), **{a: own(getattr(p, a)) for a in SECTIONS})
        for n, p in enumerate(chosen, 1)
    ]
    budgets = {2568: (0, 20000, 5000), 2569: (0, 25000, 0), 2570: (1500, 0, 0)}
    quarters = ((True, True, True, True), (False, True, True, False), (True, False, False, False))
    rows = [
        YearRow(year, n, p.code, p.name, p.dimension, Decimal(budgets[year][n - 1]), quarters[(n + year) % 3])
        for year in settings.years
        for n, p in enumerate(projects, 1)
    ]
    return Plan(settings, real.dimensions, projects, rows)


def synthetic_plan(count: int = 40) -> Plan:
    real = read_plan(MASTER)
    projects = []
    for i in range(count):
        base = real.projects[i % len(real.projects)]
        projects.append(replace(base, code=f"S{i + 1:03d}", seq=i + 1, name=f"{base.name} ชุดที่ {i + 1}"))
    rows = []
    for year in real.settings.years:
        for order, p in enumerate(projects, 1):
            budget = Decimal((p.seq * 7 + year) % 5 * 2500) + Decimal("0.50") * (p.seq % 2)
            marks = tuple(bool((p.seq + year) >> q & 1) for q in range(4))
            rows.append(YearRow(year, order, p.code, p.name, p.dimension, budget, marks if any(marks) else (True,) * 4))
    return Plan(real.settings, real.dimensions, projects, rows)


def multi_paragraph_plan() -> Plan:
    """The real plan with one more paragraph in every section that has text: sections printed
    without a first-line indent (กลุ่มเป้าหมาย, ผู้รับผิดชอบ) must not run their paragraphs together."""
    real = read_plan(MASTER)

    def more(value, attr: str):
        if isinstance(value, str):
            return f"{value}\nอีกย่อหน้าหนึ่งของ{attr}" if value else value
        return [*value, f"อีกข้อหนึ่งของ{attr}"] if value else value

    projects = [replace(p, **{a: more(getattr(p, a), a) for a in SECTIONS}) for p in real.projects]
    return replace(real, projects=projects)


def with_sheets(plan: Plan) -> list[Project]:
    """The projects whose sheet the plan book prints: the first plan year's, with details."""
    first = {r.project_code for r in plan.rows_for(plan.settings.start_year)}
    return sorted((p for p in plan.projects if p.code in first and has_details(p)), key=lambda p: p.seq)


def differences(original: Plan, imported: Plan) -> list[str]:
    """What the import of `original`'s plan book got wrong, one line each; [] when all is the same:
    the settings the book prints, the มิติ, every yearly row (by year and ลำดับ: name, มิติ, budget,
    quarters, note) and, for every project with a sheet in the book (by ลำดับที่), its name, มิติ and
    text sections. Project codes are not compared: the book does not print them."""
    out = []
    for name in BOOK_SETTINGS:
        a, b = getattr(original.settings, name), getattr(imported.settings, name)
        if a != b:
            out.append(f"setting {name}: {a!r} != {b!r}")
    if original.dimensions != imported.dimensions:
        out.append(f"dimensions: {original.dimensions} != {imported.dimensions}")

    def rows(plan):
        return {(r.year, r.order): (r.name, r.dimension, r.budget, r.quarters, r.note) for r in plan.rows}

    a_rows, b_rows = rows(original), rows(imported)
    for key in sorted(a_rows.keys() | b_rows.keys()):
        if a_rows.get(key) != b_rows.get(key):
            out.append(f"row {key}: {a_rows.get(key)} != {b_rows.get(key)}")
    by_seq = {p.seq: p for p in imported.projects}
    for p in with_sheets(original):
        q = by_seq.get(p.seq)
        if q is None:
            out.append(f"project {p.seq}: missing")
            continue
        for attr in ("name", "dimension", *SECTIONS):
            if getattr(p, attr) != getattr(q, attr):
                out.append(f"project {p.seq} {attr}: {getattr(p, attr)!r} != {getattr(q, attr)!r}")
    return out
