"""`pipeline init` with a plan in it: a new organisation's first master (`--org --years`), or the
next plan from the current master (`--from OLD`). The old master is only read (one open of its
bytes); the new one is written through a temporary file and an atomic replace, and an existing
file is never overwritten without `force`."""

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InitRefused, OutputBlocked
from pipeline.model import Plan
from pipeline.text.digits import repeats_years
from pipeline.validate import validate_master
from pipeline.workbook.master import open_master
from pipeline.workbook.new_plan import PLACEHOLDERS, new_plan, next_plan
from pipeline.workbook.reader import read_plan
from pipeline.workbook.writer import empty_workbook, plan_workbook, save_workbook

# -- what staff still have to see to: codes for --json and the web page; the CLI words them --
TITLE_REPEATS_YEARS = "plan-title-years"
PLACEHOLDER = "setting-placeholder"
DATES_EMPTY = "dates-empty"
ROWS_EMPTY = "rows-empty"


@dataclass
class NewMaster:
    path: Path
    plan: Plan | None  # None: the empty contract (init without options)
    source: Path | None = None  # the current master, for --from
    todo: list[str] = field(default_factory=list)  # codes above

    def to_dict(self) -> dict:
        out = {"written": str(self.path)}
        if self.plan is not None:
            s = self.plan.settings
            out |= {
                "organisation": s.organisation,
                "signer_position": s.signer_position,
                "years": [s.start_year, s.end_year],
                "projects": len(self.plan.projects),
                "rows_per_year": {str(y): len(self.plan.rows_for(y)) for y in s.years},
                "from": str(self.source) if self.source else None,
                "todo": self.todo,
            }
        return out


def create_empty(path: Path, *, force: bool = False) -> NewMaster:
    """The empty contract, as `pipeline init PATH` always wrote it."""
    refuse_overwrite(path, force)
    save_workbook(empty_workbook(), path)
    return NewMaster(Path(path), None)


def create_master(
    path: Path, org: str, years: tuple[int, int], *, signer: str = "", title: str = "", force: bool = False
) -> NewMaster:
    """A new organisation's master: ready to validate once a project and its yearly rows are in."""
    plan = new_plan(org, years, signer=signer, title=title)  # -- a bad --org or --years before any check of the file --
    refuse_overwrite(path, force)
    save_workbook(plan_workbook(plan), path)
    return NewMaster(Path(path), plan, todo=_todo(plan))


def next_master(
    path: Path,
    source: Path,
    years: tuple[int, int] | None = None,
    *,
    rows: bool = True,
    signer: str = "",
    title: str = "",
    force: bool = False,
) -> NewMaster:
    """The next plan from the master at `source` (read once, never written)."""
    source, path = Path(source), Path(path)
    if path.resolve() == source.resolve():
        raise OutputBlocked(
            f"จะไม่เขียนแผนใหม่ทับ {source.name} ซึ่งเป็นแผนปัจจุบัน",
            hint="ระบุชื่อไฟล์ใหม่สำหรับแผนถัดไป เช่น inputs/แผน-2571-2575.xlsx",
            english=f"the next plan would overwrite the current master {source}",
            code="output-blocked",
        )
    refuse_overwrite(path, force)
    master = open_master(source)
    errors = validate_master(master).errors
    if errors:
        raise InitRefused(
            f"สมุดงาน {source.name} มีข้อผิดพลาด {len(errors)} รายการ จึงยังไม่สร้างแผนถัดไปจากสมุดงานนี้ "
            f"(แรกสุด: {errors[0].message})",
            hint=f'ดูรายการทั้งหมดด้วย pipeline validate "{source}" แล้วแก้ก่อน',
            english=f"{source}: {len(errors)} validation errors; fix them first",
            code="init-from-refused",
        )
    plan = next_plan(read_plan(master), years, rows=rows, signer=signer, title=title)
    save_workbook(plan_workbook(plan), path)
    return NewMaster(path, plan, source, todo=_todo(plan))


def refuse_overwrite(path: Path, force: bool) -> None:
    if Path(path).exists() and not force:
        raise OutputBlocked(
            f"มีไฟล์ {path} อยู่แล้ว จะไม่เขียนทับ",
            hint="ใช้ --force ถ้าต้องการเขียนทับ หรือระบุชื่อไฟล์ใหม่",
            english=f"{path} exists; use --force to overwrite",
        )


def _todo(plan: Plan) -> list[str]:
    s = plan.settings
    todo = []
    if repeats_years(s.plan_title, s.start_year, s.end_year):
        todo.append(TITLE_REPEATS_YEARS)
    if any(getattr(s, name) == text for name, (text, _) in PLACEHOLDERS.items()):
        todo.append(PLACEHOLDER)
    if s.announce_date is None or s.data_as_of is None:
        todo.append(DATES_EMPTY)
    if not plan.rows:
        todo.append(ROWS_EMPTY)
    return todo
