"""What an amendment changes, from the marks in แผนรายปี (pipeline.contract.OPTIONAL_HEADERS).

Every row has a life: in force from the amendment that added it (none: as announced) until the one
that cancelled it. So the plan after amendment N, and what N changed, follow from the rows alone:
- a row added in N is an addition, a row cancelled in N a cancellation;
- a row cancelled in N and a row added in N for the same project and year are one change (เดิม ->
  ใหม่: the old row kept as it was announced, its new version with the new budget or quarters).
"""

from dataclasses import dataclass
from decimal import Decimal

from pipeline.model import Amendment, Plan, YearRow

ADDED, CHANGED, CANCELLED = "added", "changed", "cancelled"
WORDS = {ADDED: "เพิ่มเติม", CHANGED: "เปลี่ยนแปลง", CANCELLED: "ยกเลิก"}


@dataclass(frozen=True)
class Change:
    kind: str  # ADDED, CHANGED or CANCELLED
    year: int
    old: YearRow | None  # None for an addition
    new: YearRow | None  # None for a cancellation

    @property
    def word(self) -> str:
        return WORDS[self.kind]


def latest(plan: Plan) -> Amendment | None:
    return max(plan.amendments, key=lambda a: a.number) if plan.amendments else None


def every_row(plan: Plan) -> list[YearRow]:
    return [*plan.rows, *plan.cancelled_rows]


def in_force_after(row: YearRow, number: int) -> bool:
    """Is `row` part of the plan after amendment `number` (0: the plan as announced)?"""
    return (row.added_in or 0) <= number and (row.cancelled_in is None or row.cancelled_in > number)


def state(plan: Plan, number: int, year: int) -> list[YearRow]:
    """`year`'s rows after amendment `number`, in the sheet's ลำดับ order."""
    rows = [r for r in every_row(plan) if r.year == year and in_force_after(r, number)]
    return sorted(rows, key=lambda r: _position(r))


def changes(plan: Plan, number: int) -> list[Change]:
    """What amendment `number` changed, by year and then by place in the table."""
    rows = every_row(plan)
    added = [r for r in rows if r.added_in == number]
    cancelled = [r for r in rows if r.cancelled_in == number and r.added_in != number]
    found = []
    for old in cancelled:
        new = next((r for r in added if (r.year, r.project_code) == (old.year, old.project_code)), None)
        if new is not None:
            added.remove(new)
        found.append(Change(CHANGED if new else CANCELLED, old.year, old, new))
    found += [Change(ADDED, r.year, None, r) for r in added]
    return sorted(found, key=lambda ch: (ch.year, _position(ch.new or ch.old)))


def note(plan: Plan, row: YearRow) -> str:
    """How the yearly table marks a row an amendment brought in (e-plan style, Arabic digits):
    'เพิ่มเติม ครั้งที่ 1', or 'เปลี่ยนแปลง ครั้งที่ 1' when it replaced a cancelled row of the
    same project; '' for a row as announced."""
    if row.added_in is None:
        return ""
    replaced = any(
        (r.cancelled_in, r.year, r.project_code) == (row.added_in, row.year, row.project_code)
        for r in plan.cancelled_rows
    )
    return f"{WORDS[CHANGED if replaced else ADDED]} ครั้งที่ {row.added_in}"


def heading_word(found: list[Change]) -> str:
    """The ประกาศ's word for it: เพิ่มเติม (additions only), เปลี่ยนแปลง (no addition), or both."""
    kinds = {ch.kind for ch in found}
    if kinds and kinds <= {ADDED}:
        return WORDS[ADDED]
    if ADDED not in kinds:
        return WORDS[CHANGED]
    return f"{WORDS[ADDED]}/{WORDS[CHANGED]}"


def total(rows: list[YearRow]) -> Decimal:
    return sum((r.budget for r in rows), Decimal(0))


def _position(row: YearRow) -> tuple:
    return (row.order is None, row.order or 0)
