"""A new master that is a plan from its first save: `pipeline init --org … --years …` (a new
organisation) and `pipeline init NEW --from OLD` (the next plan from the current one).

The four มิติ are those of the current national guide: สำนักงาน ป.ป.ช., แนวทางการจัดทำแผนปฏิบัติการ
ป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใสขององค์กรปกครองส่วนท้องถิ่น for the plans of
พ.ศ. 2566–2570, as the real plan book (inputs/source) prints them. The ประกาศ body and the คำนำ are
written from the default texts below with the organisation's name and the plan years; staff edit
them in the ตั้งค่า sheet like any other setting. The signer's title follows from the kind of
organisation (นายกเทศมนตรีตำบล…, นายกองค์การบริหารส่วนตำบล…, นายกองค์การบริหารส่วนจังหวัด…).
"""

import re
from dataclasses import dataclass, replace
from datetime import date

from pipeline.errors import UsageError
from pipeline.model import Dimension, Plan, Settings
from pipeline.text.preface import default_preface
from pipeline.text.thai import arabic_digits, nfc, thai_digits

PLAN_TITLE = "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส"
DIMENSIONS = (
    Dimension(1, "การสร้างวัฒนธรรมสุจริต"),
    Dimension(2, "การบริหารราชการด้วยความโปร่งใส"),
    Dimension(3, "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน"),
    Dimension(4, "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"),
)
# -- printed as typed until staff replace them; validation warns (setting-placeholder) --
PLACEHOLDERS = {
    "signer": ("(ใส่ชื่อผู้ลงนาม)", "ชื่อจริงของผู้ลงนามประกาศ"),
    "reporter": ("(ใส่ชื่อผู้ออกรายงาน)", "ชื่อจริงของผู้ออกรายงาน (ผู้จัดทำตาราง e-plan)"),
}


@dataclass(frozen=True)
class Kind:
    name: str  # the kind, as the organisation's name begins: เทศบาลตำบล
    short: tuple[str, ...]  # what staff may type instead: ทต.
    executive: str  # the signer's title without the place: นายกเทศมนตรีตำบล


# -- longest first: เทศบาลตำบล… must not be read as a เทศบาล of another kind --
KINDS = (
    Kind("องค์การบริหารส่วนจังหวัด", ("อบจ.",), "นายกองค์การบริหารส่วนจังหวัด"),
    Kind("องค์การบริหารส่วนตำบล", ("อบต.",), "นายกองค์การบริหารส่วนตำบล"),
    Kind("เทศบาลนคร", ("ทน.",), "นายกเทศมนตรีนคร"),
    Kind("เทศบาลเมือง", ("ทม.",), "นายกเทศมนตรีเมือง"),
    Kind("เทศบาลตำบล", ("ทต.",), "นายกเทศมนตรีตำบล"),
    Kind("เมืองพัทยา", (), "นายกเมืองพัทยา"),
)


@dataclass(frozen=True)
class Organisation:
    name: str  # เทศบาลตำบลบ้านใหม่
    kind: Kind

    @property
    def place(self) -> str:
        return self.name[len(self.kind.name) :]

    @property
    def signer_position(self) -> str:
        return self.kind.executive + self.place


def organisation(text: str) -> Organisation:
    """The organisation named as typed (อบต.บ้านใหม่ is องค์การบริหารส่วนตำบลบ้านใหม่); UsageError
    when its kind is not one of KINDS."""
    name = re.sub(r"\s+", " ", nfc(text or "")).strip()
    for kind in KINDS:
        for short in kind.short:
            if name.startswith(short):
                name = kind.name + name[len(short) :].strip()
        if name.startswith(kind.name) and (name[len(kind.name) :].strip() or kind.name == "เมืองพัทยา"):
            return Organisation(kind.name + name[len(kind.name) :].strip(), kind)
    kinds = ", ".join(k.name + "…" for k in KINDS[:-1]) + " หรือเมืองพัทยา"
    raise UsageError(
        f"ไม่รู้จักประเภทของหน่วยงาน '{text}'",
        hint=f"ระบุชื่อเต็มที่ขึ้นต้นด้วยประเภท: {kinds} (หรือย่อ อบต. อบจ. ทต. ทม. ทน.)",
        english=f"unknown kind of organisation '{text}' (e.g. เทศบาลตำบล…, องค์การบริหารส่วนตำบล…)",
    )


def plan_years(text: str) -> tuple[int, int]:
    """'2571-2575' (or ๒๕๗๑–๒๕๗๕) -> (2571, 2575); UsageError otherwise."""
    found = re.fullmatch(r"\s*(\d{4})\s*[-–—]\s*(\d{4})\s*", arabic_digits(text or ""))
    start, end = (int(found[1]), int(found[2])) if found else (0, 0)
    if not found or not 2500 <= start <= end <= 2700:
        raise UsageError(
            f"ปีของแผน '{text}' ไม่ถูกต้อง",
            hint="ระบุปีเริ่มต้นและปีสิ้นสุดเป็น พ.ศ. เช่น --years 2571-2575",
            english=f"plan years '{text}' must be like 2571-2575",
        )
    return start, end


def eve_of(start: int) -> date:
    """30 September before the plan's first fiscal year begins (BE `start`): when plans are announced."""
    return date(start - 1 - 543, 9, 30)


def announcement_body(org: str, title: str, start: int, end: int) -> list[str]:
    """The default ประกาศ body (two paragraphs, Thai digits), after the source plan book's."""
    years = f"พ.ศ. {thai_digits(start)} - {thai_digits(end)}"
    return [
        "ด้วยรัฐธรรมนูญแห่งราชอาณาจักรไทย พุทธศักราช ๒๕๖๐ มาตรา ๖๕ กำหนดให้รัฐพึงจัดให้มียุทธศาสตร์ชาติ"
        "เป็นเป้าหมายการพัฒนาประเทศอย่างยั่งยืนตามหลักธรรมาภิบาล เพื่อใช้เป็นกรอบในการจัดทำแผนต่าง ๆ "
        f"ให้สอดคล้องและบูรณาการกัน {org}มุ่งบริหารงานตามหลักธรรมาภิบาลควบคู่กับการป้องกันการทุจริต "
        f"จึงได้จัดทำ{title} ({years}) ให้สอดคล้องกับยุทธศาสตร์ชาติ แผนแม่บทภายใต้ยุทธศาสตร์ชาติ "
        "แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ และแผนต่าง ๆ ที่เกี่ยวข้อง เพื่อให้การบริหารงานโปร่งใส สุจริต "
        "และลดปัญหาการทุจริตในองค์กรอย่างเป็นรูปธรรม ตลอดจนแสดงเจตจำนงสุจริตของผู้บริหาร"
        f"{org}ในการต่อต้านการทุจริต",
        f"บัดนี้ {org}ได้จัดทำ{title} ({years}) เสร็จเรียบร้อยแล้ว จึงประกาศใช้{title} ({years}) ของ{org}",
    ]


def new_plan(org: str, years: tuple[int, int], *, signer: str = "", title: str = "") -> Plan:
    """A plan with no projects yet: settings filled, the four มิติ, default ประกาศ and คำนำ."""
    who = organisation(org)
    start, end = years
    title = nfc(title).strip() or PLAN_TITLE
    settings = Settings(
        organisation=who.name,
        start_year=start,
        end_year=end,
        announce_date=eve_of(start),
        signer=nfc(signer).strip() or PLACEHOLDERS["signer"][0],
        signer_position=who.signer_position,
        data_as_of=eve_of(start),
        reporter=PLACEHOLDERS["reporter"][0],
        plan_title=title,
        announcement_body=announcement_body(who.name, title, start, end),
    )
    settings.preface = default_preface(settings)
    return Plan(settings=settings, dimensions=list(DIMENSIONS), projects=[], rows=[])


def next_plan(
    current: Plan, years: tuple[int, int] | None = None, *, rows: bool = True, signer: str = "", title: str = ""
) -> Plan:
    """The plan after `current`: the same organisation, มิติ and projects with their texts; each new
    year gets a copy of the current plan's last year's rows (none with `rows=False`); dates, ITA codes,
    monitoring rows and amendments are left behind. The year range in the ประกาศ body and คำนำ
    ("พ.ศ. ๒๕๖๖ - ๒๕๗๐") becomes the new one; other years in them (the constitution's ๒๕๖๐) stay."""
    s = current.settings
    length = s.end_year - s.start_year
    start, end = years or (s.end_year + 1, s.end_year + 1 + length)
    last = current.rows_for(s.end_year)
    settings = replace(
        s,
        start_year=start,
        end_year=end,
        announce_date=None,
        data_as_of=None,
        signer=nfc(signer).strip() or s.signer,
        plan_title=nfc(title).strip() or s.plan_title,
        announcement_body=[renew_years(p, s, start, end) for p in s.announcement_body],
        preface=[renew_years(p, s, start, end) for p in s.preface],
        ita_plan="",
        ita_round_6="",
        ita_round_12="",
    )
    new_rows = [
        replace(r, year=year, added_in=None, cancelled_in=None)
        for year in range(start, end + 1)
        for r in (last if rows else [])
    ]
    return Plan(
        settings=settings,
        dimensions=[replace(d) for d in current.dimensions],
        projects=[replace(p) for p in current.projects],
        rows=new_rows,
    )


def renew_years(text: str, old: Settings, start: int, end: int) -> str:
    """`text` with the old plan's year range (Thai or Arabic digits, any dash) as the new one."""

    def new(match: re.Match) -> str:
        thai = not match[1].isascii()
        first, last = (thai_digits(start), thai_digits(end)) if thai else (str(start), str(end))
        return f"{first}{match[2]}{last}"

    digits = {str(old.start_year), thai_digits(old.start_year)}, {str(old.end_year), thai_digits(old.end_year)}
    pattern = "({})(\\s*[-–—]\\s*)(?:{})".format("|".join(digits[0]), "|".join(digits[1]))
    return re.sub(pattern, new, text)
