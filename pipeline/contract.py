"""The master workbook contract: sheet names, headers and settings keys.

Staff and the district office depend on these exact Thai names, so this is the one place that
knows them; every other module asks here.
"""
from dataclasses import dataclass

SHEET_SETTINGS = "ตั้งค่า"
SHEET_DIMENSIONS = "มิติ"
SHEET_PROJECTS = "โครงการ"
SHEET_YEARLY = "แผนรายปี"
INPUT_SHEETS = (SHEET_SETTINGS, SHEET_DIMENSIONS, SHEET_PROJECTS, SHEET_YEARLY)

SETTINGS_HEADERS = ("รายการ", "ค่า")
DIMENSION_HEADERS = ("มิติ", "ชื่อมิติ")
PROJECT_HEADERS = (
    "รหัส", "ลำดับที่", "ชื่อโครงการ", "มิติ", "หลักการและเหตุผล", "วัตถุประสงค์",
    "กลุ่มเป้าหมาย", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ผลผลิต", "ผลลัพธ์",
)
YEARLY_HEADERS = (
    "ปีงบประมาณ", "ลำดับ", "รหัสโครงการ", "ชื่อโครงการ", "มิติ", "งบประมาณ (บาท)",
    "ไตรมาส 1", "ไตรมาส 2", "ไตรมาส 3", "ไตรมาส 4", "หมายเหตุ",
)
HEADERS = {
    SHEET_SETTINGS: SETTINGS_HEADERS,
    SHEET_DIMENSIONS: DIMENSION_HEADERS,
    SHEET_PROJECTS: PROJECT_HEADERS,
    SHEET_YEARLY: YEARLY_HEADERS,
}


@dataclass(frozen=True)
class SettingKey:
    label: str   # the Thai text in column รายการ
    field: str   # attribute of pipeline.model.Settings
    kind: str    # "text", "year" or "date"


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
)

# Project text sections: header -> (model attribute, "list" = one item per line,
# "paragraphs" = paragraphs separated by a blank line).
PROJECT_SECTIONS = {
    "หลักการและเหตุผล": ("rationale", "paragraphs"),
    "วัตถุประสงค์": ("objectives", "list"),
    "กลุ่มเป้าหมาย": ("target_group", "paragraphs"),
    "วิธีดำเนินการ": ("method", "list"),
    "ผู้รับผิดชอบ": ("responsible", "paragraphs"),
    "ผลผลิต": ("outputs", "list"),
    "ผลลัพธ์": ("outcomes", "list"),
}

QUARTER_MARK = "✓"
# Marks staff type for "done in this quarter"; blank means not planned.
QUARTER_TRUE_MARKS = frozenset({"✓", "☑", "✔", "/", "x", "X", "1"})

SUMMARY_SHEET_PREFIX = "สรุป "          # one sheet per fiscal year: "สรุป 2566"
OVERVIEW_SHEET = "สรุปรวม"
VALIDATION_SHEET = "ผลการตรวจสอบ"


def summary_sheet_name(year: int) -> str:
    return f"{SUMMARY_SHEET_PREFIX}{year}"
