"""The latest amendment's ประกาศ (…เพิ่มเติม/เปลี่ยนแปลง ครั้งที่ N) with its annex: per fiscal year a
table of what changed, each change as its เดิม and ใหม่ lines.

    outputs/ประกาศแก้ไขแผน ครั้งที่ 1.docx       (only when the master records an amendment)

Made from amendment.docx (templates/ first, then the package's default) with the same machinery as
the plan's ประกาศ (pipeline.render.word.word), the Garuda included. The plan's own ประกาศ is
untouched: it is the plan as announced; the year tables and summary.xlsx are the plan as amended.
"""

from pathlib import Path

from pipeline import contract as c
from pipeline.lifecycle import changes as ch
from pipeline.model import Amendment, Plan, YearRow
from pipeline.render.word.docprops import properties, run_time
from pipeline.render.word.docx_fast import PreparedTemplate
from pipeline.render.word.filenames import safe_child, safe_filename
from pipeline.render.word.word import (
    find_garuda,
    find_template,
    has_pasted_image,
    make_env,
    prints_thai_digits,
    with_garuda,
)
from pipeline.render.word.word_context import announcement_context
from pipeline.text.thai import baht_amount, thai_date, thai_digits

TEMPLATE_FILE = "amendment.docx"
FILE_NAME = "ประกาศแก้ไขแผน ครั้งที่ {number}"
NO_DATE = "……………………………"  # -- an amendment not dated yet: a line to write the date on --


def amendment_name(number: int) -> str:
    return FILE_NAME.format(number=number)


def render_amendment(plan: Plan, out_dir: Path, templates_dir: Path | None = None) -> list[Path]:
    """The latest amendment's ประกาศ in `out_dir` ([] when the plan was never amended)."""
    amendment = ch.latest(plan)
    if amendment is None:
        return []
    path = find_template(TEMPLATE_FILE, templates_dir)
    env = make_env(prints_thai_digits(plan))
    template, garuda = PreparedTemplate.load(path, env), ""
    emblem = find_garuda(templates_dir)
    if emblem is not None and not has_pasted_image(template):
        package, garuda = with_garuda(path, emblem)
        template = PreparedTemplate.load(path, env, package)
    context = amendment_context(plan, amendment, ch.changes(plan, amendment.number), garuda)
    s = plan.settings
    title = f"ประกาศ{s.organisation} เรื่อง {s.plan_title} {context['heading']} ครั้งที่ {context['number']}"
    target = safe_child(Path(out_dir), safe_filename(amendment_name(amendment.number), suffix=".docx"))
    return [template.write(target, template.render(context), replace=properties(title, s.organisation, run_time()))]


def amendment_context(plan: Plan, amendment: Amendment, found: list[ch.Change], garuda="") -> dict:
    s, n = plan.settings, amendment.number
    earlier = [a for a in plan.amendments if a.number < n]
    heading = ch.heading_word(found)
    reason = amendment.reason.removeprefix("เนื่องจาก").strip()
    return {
        **announcement_context(plan, garuda),
        "number": thai_digits(n),
        "heading": heading,
        "verb": heading.replace("/", "และ"),
        "because": f"เนื่องจาก{reason} " if reason else "",
        "plan_announced": thai_date(s.announce_date),
        "earlier": "".join(f" และประกาศแก้ไขแผน ครั้งที่ {thai_digits(a.number)} เมื่อวันที่ {_date(a)}" for a in earlier),
        "summary": _summary(found),
        "announce_date": _date(amendment),
        "signer": amendment.signer or s.signer,
        "signer_position": amendment.signer_position or s.signer_position,
        "years": [
            _year(plan, n, year, [x for x in found if x.year == year]) for year in sorted({x.year for x in found})
        ],
    }


def _date(amendment: Amendment) -> str:
    return thai_date(amendment.announce_date) if amendment.announce_date else NO_DATE


def _summary(found: list[ch.Change]) -> str:
    counts = [(kind, sum(x.kind == kind for x in found)) for kind in (ch.ADDED, ch.CHANGED, ch.CANCELLED)]
    parts = [f"{ch.WORDS[kind]} {thai_digits(count)} โครงการ" for kind, count in counts if count]
    if len(parts) > 1:
        parts[-1] = "และ" + parts[-1]
    return " ".join(parts) or "ไม่มีโครงการที่เปลี่ยน"


def _year(plan: Plan, number: int, year: int, found: list[ch.Change]) -> dict:
    before, after = ch.state(plan, number - 1, year), ch.state(plan, number, year)
    rows = []
    for i, change in enumerate(found, 1):
        lines = [("เดิม", change.old), ("ใหม่", change.new)]
        for j, (side, row) in enumerate((side, row) for side, row in lines if row is not None):
            rows.append(
                {"number": thai_digits(i) if j == 0 else "", "kind": change.word if j == 0 else ""} | _line(side, row)
            )
    return {
        "year": thai_digits(year),
        "rows": rows,
        "count_before": thai_digits(len(before)),
        "count_after": thai_digits(len(after)),
        "before": baht_amount(ch.total(before)),
        "after": baht_amount(ch.total(after)),
    }


def _line(side: str, row: YearRow) -> dict:
    marks = [c.QUARTER_OUTPUT_MARK if q else "" for q in row.quarters]
    return {
        "side": side,
        "name": row.name,
        "dimension": thai_digits(row.dimension),
        "budget": baht_amount(row.budget) if row.budget else "-",
        **{f"q{i + 1}": mark for i, mark in enumerate(marks)},
    }
