"""A problem of the roll-up is data: the file, the sheet and cell, a stable code, the Thai message
and its fix (the `ปัญหา` sheet, the CLI's table and the web page's JSON all show the same rows).

Codes of the district's own findings are in MESSAGES below; a master's validation problems keep
the code, the message and the fix pipeline.validate gave them.
"""

from dataclasses import asdict, dataclass

from pipeline.validate.msg import E, Msg, W

SKIPPED = "skipped"  # -- a file that is not a submission at all (a .docx, a PDF): listed, not an error --
SEVERITY_TH = {E: "ข้อผิดพลาด", W: "คำเตือน", SKIPPED: "ข้าม"}
FIX_MARK = " — วิธีแก้: "  # -- how pipeline.validate.problems joins a message and its fix --

MESSAGES = {
    "file-not-workbook": Msg(
        SKIPPED,
        "ไม่ใช่ไฟล์ Excel (.xlsx) จึงไม่ได้นำมารวม",
        "ถ้าเป็นไฟล์ที่หน่วยงานส่งแทนแผน ให้ขอไฟล์สมุดงานหลัก (.xlsx) หรือ summary.xlsx",
        "not an Excel workbook; skipped",
    ),
    "not-a-submission": Msg(
        SKIPPED,
        "ไฟล์ Excel นี้ไม่ใช่สมุดงานหลักของแผนและไม่ใช่ summary.xlsx (ไม่มีแผ่นงาน {sheets})",
        "ขอให้หน่วยงานส่งสมุดงานหลัก หรือไฟล์ summary.xlsx ที่ได้จากคำสั่ง pipeline run",
        "neither a master workbook nor a summary.xlsx (no sheet {sheets}); skipped",
    ),
    "zip-unreadable": Msg(
        E,
        "เปิดไฟล์ zip ไม่ได้ ({error})",
        "ขอให้หน่วยงานส่งไฟล์ใหม่ หรือแตกไฟล์เองแล้ววางไฟล์ .xlsx ไว้ในโฟลเดอร์",
        "cannot open the zip file ({error})",
    ),
    "zip-too-big": Msg(
        E,
        "ไฟล์ zip จะขยายเป็น {size} MB (หรือมีไฟล์ข้างในมากเกินไป) ใหญ่เกินที่ส่งกันจริงมาก จึงไม่แตกไฟล์",
        "ไฟล์นี้อาจเป็นอันตราย ขอให้หน่วยงานส่งเฉพาะไฟล์ .xlsx",
        "the zip would unpack to {size} MB (or holds too many files); refused",
    ),
    "zip-encrypted": Msg(
        E,
        "ไฟล์ในไฟล์ zip ถูกตั้งรหัสผ่าน",
        "ขอให้หน่วยงานส่งไฟล์ zip ที่ไม่มีรหัสผ่าน หรือส่งไฟล์ .xlsx โดยตรง",
        "a member of the zip is password-protected",
    ),
    "zip-nested": Msg(
        SKIPPED,
        "เป็นไฟล์ zip ซ้อนอยู่ในไฟล์ zip จึงไม่ได้เปิด",
        "แตกไฟล์ zip ชั้นนอกก่อน แล้ววางไฟล์ zip ด้านในไว้ในโฟลเดอร์",
        "a zip inside a zip; not opened",
    ),
    "summary-no-organisation": Msg(
        E,
        "ไม่พบชื่อหน่วยงานในหัวตาราง (ควรเป็น '… ของ ชื่อหน่วยงาน')",
        "ส่งไฟล์ summary.xlsx ที่ได้จากคำสั่ง pipeline run โดยไม่แก้หัวตาราง หรือส่งสมุดงานหลักแทน",
        "no organisation in the title row",
    ),
    "summary-header-changed": Msg(
        E,
        "หัวตารางไม่ตรงกับแบบของ summary.xlsx (พบ '{value}' ควรเป็น '{expected}')",
        "ส่งไฟล์ summary.xlsx ที่ได้จากคำสั่ง pipeline run โดยไม่แก้หัวตาราง หรือส่งสมุดงานหลักแทน",
        "the header differs from summary.xlsx's ('{value}', expected '{expected}')",
    ),
    "summary-no-total": Msg(
        E,
        "ไม่พบแถว 'รวมทั้งสิ้น' ท้ายตาราง",
        "ส่งไฟล์ summary.xlsx ที่ได้จากคำสั่ง pipeline run โดยไม่ลบแถวรวม หรือส่งสมุดงานหลักแทน",
        "no 'รวมทั้งสิ้น' row closes the table",
    ),
    "summary-dimension-invalid": Msg(
        E,
        "มิติ '{value}' ไม่ใช่เลขมิติ",
        "ใส่เลขมิติ 1 ถึง 4 ตามคำอธิบายมิติท้ายตาราง (หรือแก้ในสมุดงานหลักแล้วสั่ง pipeline run ใหม่)",
        "dimension '{value}' is not a dimension number",
    ),
    "summary-budget-invalid": Msg(
        E,
        "งบประมาณ '{value}' ไม่ใช่ตัวเลข",
        "ใส่เป็นตัวเลข (หรือแก้ในสมุดงานหลักแล้วสั่ง pipeline run ใหม่)",
        "budget '{value}' is not a number",
    ),
    "summary-status-invalid": Msg(
        E,
        "สถานะ '{value}' ไม่ใช่สถานะที่กำหนด",
        "ใช้สถานะตามรายการในสมุดงานหลัก แล้วสั่ง pipeline run ใหม่",
        "status '{value}' is not one of the statuses",
    ),
    "summary-round-invalid": Msg(
        E,
        "รอบ '{value}' ต้องเป็น 6 หรือ 12",
        "แก้ในสมุดงานหลักแล้วสั่ง pipeline run ใหม่",
        "round '{value}' must be 6 or 12",
    ),
    "summary-unreadable": Msg(
        E,
        "อ่านแผ่นงานไม่ได้ ({error})",
        "ส่งไฟล์ summary.xlsx ที่ได้จากคำสั่ง pipeline run ใหม่ หรือส่งสมุดงานหลักแทน",
        "cannot read the sheet ({error})",
    ),
    "submission-superseded": Msg(
        W,
        "{organisation} ส่งมามากกว่าหนึ่งไฟล์: ใช้ไฟล์ {winner} ({why}) ไฟล์นี้ไม่ได้นำมารวม",
        "ถ้าควรใช้ไฟล์นี้ ให้ลบไฟล์อื่นของหน่วยงานออกจากโฟลเดอร์ หรือแก้ ข้อมูล ณ วันที่ ให้ถูกต้อง",
        "{organisation} sent more than one file: {winner} is used ({why_en}); this one is not",
    ),
    "organisation-not-in-list": Msg(
        W,
        "ชื่อหน่วยงาน '{organisation}' ไม่อยู่ในรายชื่อหน่วยงาน.xlsx (นำมารวมแล้ว)",
        "ถ้าเป็นหน่วยงานเดียวกับชื่อในรายชื่อ ให้แก้ชื่อในรายชื่อหรือในไฟล์ของหน่วยงานให้ตรงกัน",
        "'{organisation}' is not in รายชื่อหน่วยงาน.xlsx (rolled up anyway)",
    ),
    "submission-invalid": Msg(
        E,
        "ไฟล์มีข้อผิดพลาด {errors} รายการ จึงไม่ได้นำมารวม (รายการอยู่ในแถวถัดไป)",
        "แจ้งหน่วยงานให้แก้ตามรายการ ตรวจด้วย pipeline validate แล้วส่งใหม่",
        "the workbook has {errors} errors; not rolled up (listed below)",
    ),
    "submission-failed": Msg(
        E,
        "อ่านไฟล์ไม่สำเร็จ ({error})",
        "ส่งไฟล์นี้ให้ผู้ดูแลระบบตรวจ หรือขอให้หน่วยงานบันทึกไฟล์ใหม่",
        "reading the file failed ({error})",
    ),
}


@dataclass(frozen=True)
class DistrictProblem:
    file: str  # as the district sees it: "ส่งทางอีเมล.zip/อบต.หนองบัว/master.xlsx"
    code: str
    severity: str  # "error", "warning" or "skipped"
    message: str  # Thai: what is wrong
    fix: str  # Thai: how to fix it
    message_en: str
    sheet: str = ""
    cell: str = ""
    organisation: str = ""

    @property
    def location(self) -> str:
        if not self.sheet:
            return ""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def to_dict(self) -> dict:
        return {**asdict(self), "location": self.location}


def district_problem(
    code: str, file: str, *, sheet: str = "", cell: str = "", organisation: str = "", **fields
) -> DistrictProblem:
    msg = MESSAGES[code]
    fields.setdefault("organisation", organisation)
    return DistrictProblem(
        file,
        code,
        msg.severity,
        msg.th.format(**fields),
        msg.fix.format(**fields),
        msg.en.format(**fields),
        sheet,
        cell,
        organisation,
    )


def from_validation(file: str, p, organisation: str = "") -> DistrictProblem:
    """A master's validation problem (pipeline.validate.Problem) as a row of the roll-up: the
    location leaves the message (it has its own column), the fix is split from it."""
    text = p.message
    prefix = f"{p.location}: " if p.location else ""
    if prefix and text.startswith(prefix):
        text = text[len(prefix) :]
    message, _, fix = text.partition(FIX_MARK)
    english = p.message_en[len(prefix) :] if prefix and p.message_en.startswith(prefix) else p.message_en
    return DistrictProblem(file, p.code, p.severity, message, fix, english, p.sheet, p.cell, organisation)


def unreadable(file: str, exc) -> DistrictProblem:
    """A WorkbookUnreadable (a PipelineError with a code, a message and a hint) as a row."""
    return DistrictProblem(file, exc.code, E, exc.message, exc.hint, exc.english or exc.message, organisation="")
