"""The monitoring report's template context: a RoundSummary turned into printable values.

Prose (heading, summary paragraph, signature) in Thai digits; the tables in Arabic digits with
baht to two decimals, as the e-plan tables print them.
"""

from collections import Counter
from decimal import Decimal

from pipeline import contract as c
from pipeline.model import FLAGS, Plan, ita_code, round_period, round_title
from pipeline.monitor.aggregate import Line, RoundSummary, percent
from pipeline.render.word.word_context import numbered
from pipeline.text.thai import baht_amount, baht_words, thai_date, thai_digits

UNDATED = "........................................"


def round_label(round_: int, digits: str = "thai") -> str:
    if round_ == 6:
        return f"รอบ {thai_digits(6) if digits == 'thai' else 6} เดือน"
    return "ประจำปี"


def report_heading(year: int, round_: int) -> str:
    """'รายงานการกำกับติดตาม…ประจำปี พ.ศ. ๒๕๖๖ รอบ ๖ เดือน' / 'รายงานผล…ประจำปี พ.ศ. ๒๕๖๖'."""
    tail = f" {round_label(6)}" if round_ == 6 else ""
    return f"{round_title(round_)} พ.ศ. {thai_digits(year)}{tail}"


def _money(amount: Decimal) -> str:
    return baht_amount(amount, digits="arabic", decimals=True)


def _line(line: Line) -> dict:
    return {
        "number": str(line.number) if line.number else "",
        "name": line.name,
        "projects": str(line.projects),
        "done": str(line.done),
        "in_progress": str(line.in_progress),
        "not_started": str(line.not_started),
        "failed": str(line.failed),
        "planned": _money(line.planned),
        "approved": _money(line.approved),
        "spent": _money(line.spent),
    }


def summary_paragraph(plan: Plan, s: RoundSummary) -> str:
    t, start_end = s.total, round_period(s.year, s.round)
    period = f"{thai_date(start_end[0])} ถึง {thai_date(start_end[1])}"
    text = (
        f"ตาม{plan.settings.plan_title}ของ{plan.settings.organisation} ปีงบประมาณ พ.ศ. {thai_digits(s.year)} "
        f"มีโครงการ/มาตรการทั้งสิ้น {thai_digits(t.projects)} โครงการ งบประมาณตามแผน {baht_amount(t.planned)} บาท "
        f"ผลการดำเนินงาน{round_label(s.round)} ({period}) ดำเนินการแล้วเสร็จ {thai_digits(t.done)} โครงการ "
        f"อยู่ระหว่างดำเนินการ {thai_digits(t.in_progress)} โครงการ ยังไม่ดำเนินการ {thai_digits(t.not_started)} โครงการ "
        f"และไม่สามารถดำเนินการได้ {thai_digits(t.failed)} โครงการ"
    )
    reasons = Counter(r.reason for _, r in s.projects if r.status == c.STATUS_FAILED and r.reason)
    if reasons:
        text += " (" + ", ".join(f"{k} {thai_digits(n)} โครงการ" for k, n in reasons.items()) + ")"
    text += f" คิดเป็นร้อยละ {thai_digits(s.percent_done)} ของโครงการตามแผน (ระดับสี{FLAGS[s.flag][0]})"
    if s.round == 6:
        text += f" และเมื่อรวมโครงการที่อยู่ระหว่างดำเนินการ คิดเป็นร้อยละ {thai_digits(s.percent_started)}"
    text += f" งบประมาณตามข้อบัญญัติ {baht_amount(t.approved)} บาท เบิกจ่ายจริง {baht_amount(t.spent)} บาท"
    if t.spent:
        text += f" ({baht_words(t.spent)})"
    if t.approved:
        text += f" คิดเป็นร้อยละ {thai_digits(percent(t.spent, t.approved))} ของงบประมาณตามข้อบัญญัติ"
    return text


def _project(order: int, planned, row) -> dict:
    result = row.result + (f"\nตัวชี้วัด/ผลที่ได้: {row.indicator}" if row.indicator else "")
    status = row.status + (f" ({row.reason})" if row.reason else "")
    return {
        "order": str(order),
        "name": planned.name,
        "dimension": str(planned.dimension),
        "status": status,
        "result": result,
        "spent": _money(row.spent or 0),
        "problems": row.problems,
        "evidence": "\n".join(row.evidence),
    }


def _notes(items: list[tuple[str, str]]) -> list[dict]:
    return numbered([f"{name}: {text}" for name, text in items]) if items else [{"num": "", "text": "ไม่มี", "level": 0}]


def report_context(plan: Plan, s: RoundSummary) -> dict:
    st = plan.settings
    start, end = round_period(s.year, s.round)
    label, colour = FLAGS[s.flag]
    return {
        "title": report_heading(s.year, s.round),
        "period": f"({thai_date(start)} ถึง {thai_date(end)})",
        "organisation": st.organisation,
        "ita_code": ita_code(st, s.round),
        "summary": summary_paragraph(plan, s),
        "percent": thai_digits(f"{s.percent_done}"),
        "percent_started": thai_digits(f"{s.percent_started}") if s.round == 6 else "",
        "flag_label": f"ระดับสี{label}",
        "flag_color": colour,
        "dimensions": [_line(line) for line in s.lines],
        "total": _line(s.total),
        "projects": [_project(i, p, r) for i, (p, r) in enumerate(s.projects, 1)],
        "problems": _notes(s.notes.get("problems", [])),
        "suggestions": _notes(s.notes.get("suggestions", [])),
        "report_date": thai_date(s.report_date) if s.report_date else UNDATED,
        "signer": st.signer,
        "signer_position": st.signer_position,
    }
