"""The master workbook contract: sheet names, column names, settings keys and quarter marks.

Staff and the district office depend on these exact Thai names, so this is the one place that
knows them; every other module asks here.
"""

from dataclasses import dataclass

SHEET_SETTINGS = "ตั้งค่า"
SHEET_DIMENSIONS = "มิติ"
SHEET_PROJECTS = "โครงการ"
SHEET_YEARLY = "แผนรายปี"
INPUT_SHEETS = (SHEET_SETTINGS, SHEET_DIMENSIONS, SHEET_PROJECTS, SHEET_YEARLY)
# -- monitoring: one row per project per fiscal year per round. The sheet is optional:
#    a master made before it existed stays valid, monitoring is then simply not reported --
SHEET_MONITORING = "ผลการดำเนินงาน"
OPTIONAL_SHEETS = (SHEET_MONITORING,)
CONTRACT_SHEETS = INPUT_SHEETS + OPTIONAL_SHEETS


class SettingsCol:
    """Columns of ตั้งค่า: one row per SettingKey."""

    KEY = "รายการ"
    VALUE = "ค่า"


class DimensionCol:
    NUMBER = "มิติ"
    NAME = "ชื่อมิติ"


class ProjectCol:
    CODE = "รหัส"
    SEQ = "ลำดับที่"
    NAME = "ชื่อโครงการ"
    DIMENSION = "มิติ"
    RATIONALE = "หลักการและเหตุผล"
    OBJECTIVES = "วัตถุประสงค์"
    TARGET_GROUP = "กลุ่มเป้าหมาย"
    METHOD = "วิธีดำเนินการ"
    RESPONSIBLE = "ผู้รับผิดชอบ"
    OUTPUTS = "ผลผลิต"
    OUTCOMES = "ผลลัพธ์"


class YearlyCol:
    YEAR = "ปีงบประมาณ"
    ORDER = "ลำดับ"
    PROJECT_CODE = "รหัสโครงการ"
    NAME = "ชื่อโครงการ"
    DIMENSION = "มิติ"
    BUDGET = "งบประมาณ (บาท)"
    QUARTERS = ("ไตรมาส 1", "ไตรมาส 2", "ไตรมาส 3", "ไตรมาส 4")
    NOTE = "หมายเหตุ"
    MISSION = "ภารกิจ"  # optional: the multi-year layout's mission headings (see OPTIONAL_HEADERS)
    # -- optional (OPTIONAL_HEADERS): the amendment that added the row, the one that cancelled it --
    ADDED_IN = "เพิ่มเติมครั้งที่"
    CANCELLED_IN = "ยกเลิกครั้งที่"


class MonitoringCol:
    YEAR = "ปีงบประมาณ"
    ROUND = "รอบ"
    PROJECT_CODE = "รหัสโครงการ"
    NAME = "ชื่อโครงการ"
    PLANNED = "งบประมาณตามแผน (บาท)"
    APPROVED = "งบประมาณตามข้อบัญญัติ (บาท)"
    SPENT = "เบิกจ่ายจริง (บาท)"
    STATUS = "สถานะ"
    REASON = "เหตุที่ดำเนินการไม่ได้"
    RESULT = "ผลการดำเนินงาน"
    INDICATOR = "ตัวชี้วัด/ผลที่ได้"
    PROBLEMS = "ปัญหาและอุปสรรค"
    SUGGESTIONS = "ข้อเสนอแนะ"
    EVIDENCE = "หลักฐาน"
    REPORT_DATE = "วันที่รายงาน"


MONITORING_HEADERS = tuple(
    getattr(MonitoringCol, name)
    for name in (
        "YEAR",
        "ROUND",
        "PROJECT_CODE",
        "NAME",
        "PLANNED",
        "APPROVED",
        "SPENT",
        "STATUS",
        "REASON",
        "RESULT",
        "INDICATOR",
        "PROBLEMS",
        "SUGGESTIONS",
        "EVIDENCE",
        "REPORT_DATE",
    )
)


# -- amendments (การแก้ไขแผน): one row per amendment of the announced plan; the แผนรายปี rows it adds
#    or cancels carry its number (YearlyCol.ADDED_IN / CANCELLED_IN; a change of budget or quarters
#    is the old row cancelled and its new version added). The sheet and the two columns come with the
#    first amendment (`pipeline amend`, or typed by hand): a master without them was never amended,
#    and a new master is written without them (LATER_SHEETS, OPTIONAL_HEADERS) --
SHEET_AMENDMENTS = "การแก้ไขแผน"
LATER_SHEETS = (SHEET_AMENDMENTS,)
READ_SHEETS = CONTRACT_SHEETS + LATER_SHEETS  # -- every sheet the master's reader parses --


class AmendmentCol:
    NUMBER = "ครั้งที่"
    DATE = "วันที่ประกาศ"
    REASON = "เหตุผล"
    SIGNER = "ผู้ลงนาม"  # -- optional: empty, the plan's signer signs --
    SIGNER_POSITION = "ตำแหน่งผู้ลงนาม"


AMENDMENT_HEADERS = (
    AmendmentCol.NUMBER,
    AmendmentCol.DATE,
    AmendmentCol.REASON,
    AmendmentCol.SIGNER,
    AmendmentCol.SIGNER_POSITION,
)
# -- headers a sheet may have or lack (no header-missing, no column-unknown) --
OPTIONAL_HEADERS = {
    SHEET_YEARLY: (YearlyCol.ADDED_IN, YearlyCol.CANCELLED_IN, YearlyCol.MISSION),
    SHEET_AMENDMENTS: (AmendmentCol.SIGNER, AmendmentCol.SIGNER_POSITION),
}

SETTINGS_HEADERS = (SettingsCol.KEY, SettingsCol.VALUE)
DIMENSION_HEADERS = (DimensionCol.NUMBER, DimensionCol.NAME)
PROJECT_HEADERS = (
    ProjectCol.CODE,
    ProjectCol.SEQ,
    ProjectCol.NAME,
    ProjectCol.DIMENSION,
    ProjectCol.RATIONALE,
    ProjectCol.OBJECTIVES,
    ProjectCol.TARGET_GROUP,
    ProjectCol.METHOD,
    ProjectCol.RESPONSIBLE,
    ProjectCol.OUTPUTS,
    ProjectCol.OUTCOMES,
)
YEARLY_HEADERS = (
    YearlyCol.YEAR,
    YearlyCol.ORDER,
    YearlyCol.PROJECT_CODE,
    YearlyCol.NAME,
    YearlyCol.DIMENSION,
    YearlyCol.BUDGET,
    *YearlyCol.QUARTERS,
    YearlyCol.NOTE,
)
HEADERS = {
    SHEET_SETTINGS: SETTINGS_HEADERS,
    SHEET_DIMENSIONS: DIMENSION_HEADERS,
    SHEET_PROJECTS: PROJECT_HEADERS,
    SHEET_YEARLY: YEARLY_HEADERS,
    SHEET_MONITORING: MONITORING_HEADERS,
    SHEET_AMENDMENTS: AMENDMENT_HEADERS,
}


@dataclass(frozen=True)
class SettingKey:
    label: str  # the Thai text in column รายการ
    field: str  # attribute of pipeline.model.Settings
    kind: str  # "text", "year", "date" or "paragraphs"
    required: bool = True  # an optional one may be missing or empty (the renderer has a default)


SETTING_KEYS = (
    SettingKey("หน่วยงาน", "organisation", "text"),
    SettingKey("ปีเริ่มต้นแผน", "start_year", "year"),
    SettingKey("ปีสิ้นสุดแผน", "end_year", "year"),
    SettingKey("วันที่ประกาศ", "announce_date", "date"),
    SettingKey("ผู้ลงนาม", "signer", "text"),
    SettingKey("ตำแหน่งผู้ลงนาม", "signer_position", "text"),
    SettingKey("ข้อมูล ณ วันที่", "data_as_of", "date"),
    SettingKey("ผู้ออกรายงาน", "reporter", "text"),
    # -- added after the contract's rows: the announcement's own words, so staff can edit them --
    SettingKey("ชื่อแผน", "plan_title", "text"),
    SettingKey("เนื้อความประกาศ", "announcement_body", "paragraphs"),
    # -- the plan book's คำนำ; empty: a default text (pipeline.render.book.preface) --
    SettingKey("คำนำ", "preface", "paragraphs", required=False),
    # -- the ITA (OIT) indicator codes change between assessment years, so they are settings --
    SettingKey("ตัวชี้วัด ITA แผน", "ita_plan", "text", required=False),
    SettingKey("ตัวชี้วัด ITA รอบ 6 เดือน", "ita_round_6", "text", required=False),
    SettingKey("ตัวชี้วัด ITA ประจำปี", "ita_round_12", "text", required=False),
    # -- digits in the staff's text: as typed (empty, the default) or Thai everywhere (DIGIT_CHOICES) --
    SettingKey("ตัวเลขในเอกสาร", "digits", "text", required=False),
)
ITA_SETTING_KEYS = tuple(key for key in SETTING_KEYS if key.field.startswith("ita_"))
DIGITS_AS_TYPED = "ตามที่พิมพ์"
DIGITS_THAI = "เลขไทย"
DIGIT_CHOICES = (DIGITS_AS_TYPED, DIGITS_THAI)

# Project text sections: header -> (model attribute, "list" = one item per line,
# "paragraphs" = paragraphs separated by a blank line).
PROJECT_SECTIONS = {
    ProjectCol.RATIONALE: ("rationale", "paragraphs"),
    ProjectCol.OBJECTIVES: ("objectives", "list"),
    ProjectCol.TARGET_GROUP: ("target_group", "paragraphs"),
    ProjectCol.METHOD: ("method", "list"),
    ProjectCol.RESPONSIBLE: ("responsible", "paragraphs"),
    ProjectCol.OUTPUTS: ("outputs", "list"),
    ProjectCol.OUTCOMES: ("outcomes", "list"),
}

# -- quarter marks: what the importer writes into the master (and staff type), and what our
# documents print (the e-plan's ballot box with a check), named apart --
QUARTER_INPUT_MARK = "✓"
# Marks staff may type for "done in this quarter"; blank means not planned.
QUARTER_TRUE_MARKS = frozenset({QUARTER_INPUT_MARK, "☑", "✔", "/", "x", "X", "1"})
# -- as the e-plan table prints a planned quarter; TH SarabunPSK has no glyph for it, so Word
#    and LibreOffice take it from a symbol font (checked in the PDF: see docs/templates.md) --
QUARTER_OUTPUT_MARK = "☑"

SUMMARY_SHEET_PREFIX = "สรุป "  # one sheet per fiscal year: "สรุป 2566"
OVERVIEW_SHEET = "สรุปรวม"
VALIDATION_SHEET = "ผลการตรวจสอบ"


def summary_sheet_name(year: int) -> str:
    return f"{SUMMARY_SHEET_PREFIX}{year}"


def column_number(headers: tuple[str, ...], name: str) -> int:
    """1-based column of `name` in a sheet written with `headers` (as openpyxl counts)."""
    return headers.index(name) + 1


ROUNDS = (6, 12)  # months covered: 1 Oct-31 Mar, and the whole fiscal year
STATUS_NOT_STARTED = "ยังไม่ดำเนินการ"
STATUS_IN_PROGRESS = "อยู่ระหว่างดำเนินการ"
STATUS_DONE = "ดำเนินการแล้วเสร็จ"
STATUS_FAILED = "ไม่สามารถดำเนินการได้"
STATUSES = (STATUS_NOT_STARTED, STATUS_IN_PROGRESS, STATUS_DONE, STATUS_FAILED)
REASONS = ("ไม่ได้รับงบประมาณ", "นโยบายผู้บริหารเปลี่ยนแปลง", "บุคลากรไม่เพียงพอ", "อื่น ๆ")
MONITORING_SHEET_PREFIX = "ติดตามผล "  # summary.xlsx: one sheet per fiscal year with rows
PUBLISH_FOLDER = "เผยแพร่"


def monitoring_sheet_name(year: int) -> str:
    return f"{MONITORING_SHEET_PREFIX}{year}"
