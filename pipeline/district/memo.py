"""The one-page บันทึกข้อความ to the district chief: the roll-up's numbers for one fiscal year in
Thai prose (Thai digits), from the template `district_memo.docx` staff can edit (`--templates`, then
templates/, then the package's default, as for the other documents).

Same machinery as the other documents (pipeline.render.word): the template prepared once and
rendered in the sandbox (docx_fast.PreparedTemplate, word.make_env); the PDF is made by
pipeline.render.pdf.convert like every other PDF. Who it is from and to comes from the list of
names' sheet ตั้งค่าบันทึก (pipeline.district.roster); what is not filled in prints as a dotted line.
"""

from datetime import date
from pathlib import Path

from pythainlp.util import thai_strftime

from pipeline.district.tables import ROUND_TEXT, Rollup, YearTotal
from pipeline.model import FLAGS
from pipeline.render.word.docprops import properties, run_time
from pipeline.render.word.docx_fast import PreparedTemplate
from pipeline.render.word.word import NO_EMBLEM, find_garuda, find_template, make_env, with_garuda
from pipeline.text.thai import baht_amount, thai_digits

TEMPLATE_FILE = "district_memo.docx"
GARUDA_CM = 1.5  # งานสารบรรณ: the memo's Garuda is 1.5 cm tall
DOTS = "................................................"
NAMES_IN_PROSE = 8  # more missing organisations than this: "… และอีก n แห่ง"
CLOSING = "จึงเรียนมาเพื่อโปรดทราบ"


def memo_year(rollup: Rollup, today: date | None = None) -> int | None:
    """The year the memo is about: --year; else the latest year with monitoring figures; else the
    fiscal year of today when the plans cover it; else the first year."""
    if rollup.year_asked:
        return rollup.year_asked
    reported = [y for y, t in rollup.totals.items() if t.monitoring]
    if reported:
        return max(reported)
    today = today or date.today()
    current = today.year + 543 + (1 if today.month >= 10 else 0)
    if current in rollup.years:
        return current
    return rollup.years[0] if rollup.years else None


def memo_context(rollup: Rollup, attachment: str, today: date | None = None) -> dict:
    """What the template's tags print (see README "District roll-up" for the list of tags)."""
    settings = rollup.roster.settings if rollup.roster else {}
    district = settings.get("district", "")
    place = district.removeprefix("อำเภอ")
    year = memo_year(rollup, today)
    total = rollup.totals.get(year) if year else None
    subject = "รายงานสรุปแผนปฏิบัติการป้องกันการทุจริตขององค์กรปกครองส่วนท้องถิ่น"
    if year:
        subject += f" ประจำปีงบประมาณ พ.ศ. {thai_digits(year)}"
    if total and total.monitoring:
        subject += f" และผลการดำเนินงาน{ROUND_TEXT[total.round]}"
    return {
        "garuda": "",
        "agency": settings.get("agency", ""),
        "reference": settings.get("reference", ""),
        "date": thai_strftime(today or date.today(), "%-d %B %Y", thaidigit=True),
        "subject": subject,
        "to": settings.get("to") or (f"นายอำเภอ{place}" if place else f"นายอำเภอ{DOTS[:24]}"),
        "paragraphs": paragraphs(rollup, year, total, district, attachment),
        "closing": CLOSING,
        "signer": settings.get("signer") or DOTS[:36],
        "signer_position": settings.get("signer_position") or f"ท้องถิ่นอำเภอ{place or DOTS[:24]}",
        "year": thai_digits(year) if year else "",
        "district": district,
    }


def paragraphs(rollup: Rollup, year: int | None, total: YearTotal | None, district: str, attachment: str) -> list[str]:
    where = f"ในเขต{district}" if district else "ในเขตอำเภอ"
    out = [
        f"ตามที่องค์กรปกครองส่วนท้องถิ่น{where} ได้จัดทำแผนปฏิบัติการป้องกันการทุจริต "
        "และส่งข้อมูลแผนและผลการดำเนินงานตามแผนให้ท้องถิ่นอำเภอรวบรวม นั้น"
    ]
    sent = len(rollup.used)
    text = f"ท้องถิ่นอำเภอได้รวบรวมข้อมูลแล้ว ได้รับข้อมูลจากองค์กรปกครองส่วนท้องถิ่น จำนวน {thai_digits(sent)} แห่ง"
    if rollup.roster is not None and rollup.roster.names:
        text += f" จากทั้งหมด {thai_digits(len(rollup.roster.names))} แห่ง"
    if total is not None:
        text += (
            f" ในปีงบประมาณ พ.ศ. {thai_digits(year)} มีโครงการ/มาตรการรวม {thai_digits(total.total_projects)} โครงการ "
            + _money_phrase(total.total_budget)
        )
        by_dim = [
            f"มิติที่ {thai_digits(d)} จำนวน {thai_digits(total.projects.get(d, 0))} โครงการ"
            + (f" งบประมาณ {baht_amount(total.budget[d] / 100)} บาท" if total.budget.get(d) else "")
            for d, _ in rollup.dimensions
        ]
        if by_dim:
            text += " จำแนกเป็น " + " ".join(by_dim)
    out.append(text)
    if total is not None and total.monitoring is not None:
        f = total.monitoring
        out.append(
            f"ผลการดำเนินงาน{ROUND_TEXT[f.round]} มีหน่วยงานรายงานผล {thai_digits(total.reported)} แห่ง "
            f"รวม {thai_digits(f.projects)} โครงการ ดำเนินการแล้วเสร็จ {thai_digits(f.done)} โครงการ "
            f"อยู่ระหว่างดำเนินการ {thai_digits(f.in_progress)} โครงการ ยังไม่ดำเนินการ {thai_digits(f.not_started)} "
            f"โครงการ และไม่สามารถดำเนินการได้ {thai_digits(f.failed)} โครงการ คิดเป็นร้อยละ "
            f"{thai_digits(f.percent)} ของโครงการที่รายงาน (ระดับสี{FLAGS[f.flag][0]}) "
            f"งบประมาณตามข้อบัญญัติ {baht_amount(f.approved / 100)} บาท เบิกจ่ายจริง {baht_amount(f.spent / 100)} บาท"
        )
    follow = _follow_up(rollup, year)
    if follow:
        out.append(follow)
    out.append(f"รายละเอียดปรากฏตามตารางสรุป (ไฟล์ {attachment}) ที่แนบมาพร้อมนี้")
    return out


def _money_phrase(satang: int) -> str:
    """The amount in digits only: LibreOffice ends a justified line after the "(" of
    "(หกหมื่นบาทถ้วน)" (its Thai dictionary breaks before a Thai run even after "(" and a joiner)."""
    if not satang:
        return "ดำเนินการโดยไม่ใช้งบประมาณ"
    return f"งบประมาณรวม {baht_amount(satang / 100)} บาท"


def _follow_up(rollup: Rollup, year: int | None) -> str:
    """Who has not sent, who has not reported the round, how many files need fixing."""
    parts = []
    not_sent = [m.organisation for m in rollup.missing if m.code in ("not-submitted", "submission-unusable")]
    if not_sent:
        parts.append(f"หน่วยงานที่ยังไม่ส่งข้อมูลหรือส่งแล้วยังใช้ไม่ได้ {thai_digits(len(not_sent))} แห่ง ได้แก่ {_names(not_sent)}")
    late = [m for m in rollup.missing if m.code == "round-missing" and m.year == year]
    if late:
        names = _names([m.organisation for m in late])
        parts.append(f"หน่วยงานที่ยังไม่รายงานผล{ROUND_TEXT[late[0].round]} {thai_digits(len(late))} แห่ง ได้แก่ {names}")
    broken = sorted({p.file for p in rollup.errors})
    if broken:
        parts.append(f"มีไฟล์ที่อ่านไม่ได้หรือมีข้อผิดพลาด {thai_digits(len(broken))} ไฟล์ ซึ่งจะแจ้งให้หน่วยงานแก้ไขและส่งใหม่")
    if not parts:
        return ""
    return " ".join(parts) + " ท้องถิ่นอำเภอจะติดตามให้ครบถ้วนต่อไป"


def _names(names: list[str]) -> str:
    shown = names[:NAMES_IN_PROSE]
    text = " ".join(shown)
    if len(names) > len(shown):
        text += f" และอีก {thai_digits(len(names) - len(shown))} แห่ง"
    return text


def write_memo(
    rollup: Rollup,
    target: Path,
    *,
    attachment: str,
    templates_dir: Path | None = None,
    notices: list[str] | None = None,
    today: date | None = None,
) -> Path:
    """The memo's .docx at `target`; `notices` gets NO_EMBLEM when no Garuda is found."""
    path = find_template(TEMPLATE_FILE, templates_dir)
    context = memo_context(rollup, attachment, today)
    garuda = find_garuda(templates_dir)
    package = None
    if garuda is not None:
        package, context["garuda"] = with_garuda(path, garuda, GARUDA_CM)
    elif notices is not None:
        notices.append(NO_EMBLEM)
    template = PreparedTemplate.load(path, make_env(), package)
    rendered = template.render(context)
    author = context["agency"] or context["signer_position"]
    props = properties(f"บันทึกข้อความ {context['subject']}", author, run_time())
    return template.write(Path(target), rendered, replace=props)
