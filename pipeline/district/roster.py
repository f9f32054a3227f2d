"""`รายชื่อหน่วยงาน.xlsx`: the organisations the district expects, one name per row, and the memo's
settings (who it is from and to). Optional; `pipeline district FOLDER --init-list` writes one.

    sheet รายชื่อหน่วยงาน   A1 "ชื่อหน่วยงาน", a name per row below (อบต.… is fine: names are matched
                            after pipeline.district.names.display_name)
    sheet ตั้งค่าบันทึก      รายการ | ค่า: ส่วนราชการ, ที่, เรียน, ผู้ลงนาม, ตำแหน่งผู้ลงนาม, อำเภอ
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine
from openpyxl import Workbook

from pipeline.district.names import display_name, name_key, thai_sorted
from pipeline.errors import OutputBlocked, WorkbookUnreadable
from pipeline.render.excel.layout import header_row
from pipeline.workbook.atomic import atomic_replace
from pipeline.workbook.cells import clean_text, put_text
from pipeline.workbook.guards import check_writable
from pipeline.workbook.io import check_extension, read_checked
from pipeline.workbook.styles import BODY, BOX

ROSTER_FILE = "รายชื่อหน่วยงาน.xlsx"
NAMES_SHEET = "รายชื่อหน่วยงาน"
NAME_HEADER = "ชื่อหน่วยงาน"
SETTINGS_SHEET = "ตั้งค่าบันทึก"
# -- the memo's settings: label in the sheet -> field of MemoSettings, and the hint written beside it --
SETTINGS = (
    ("อำเภอ", "district", "ชื่ออำเภอ เช่น อำเภอโนนสูง"),
    ("ส่วนราชการ", "agency", "เช่น สำนักงานท้องถิ่นอำเภอโนนสูง"),
    ("ที่", "reference", "เลขที่หนังสือ เช่น นม ๐๐๒๓.๑๕/"),
    ("เรียน", "to", "เช่น นายอำเภอโนนสูง"),
    ("ผู้ลงนาม", "signer", "ชื่อ-สกุลของผู้ลงนาม"),
    ("ตำแหน่งผู้ลงนาม", "signer_position", "เช่น ท้องถิ่นอำเภอโนนสูง"),
)


@dataclass
class Roster:
    path: Path | None
    names: list[str] = field(default_factory=list)  # display names, once each, in the file's order
    settings: dict[str, str] = field(default_factory=dict)  # field -> text ("" when not filled in)

    def keys(self) -> dict[str, str]:
        return {name_key(n): n for n in self.names}


def read_roster(path: Path) -> Roster:
    """The list at `path`; WorkbookUnreadable (exit 2) when it cannot be read."""
    data, _ = read_checked(path)
    check_extension(path)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = book.sheet_names
        grid = book.get_sheet_by_name(NAMES_SHEET if NAMES_SHEET in sheets else sheets[0]).to_python()
        settings_grid = book.get_sheet_by_name(SETTINGS_SHEET).to_python() if SETTINGS_SHEET in sheets else []
    except Exception as exc:  # noqa: BLE001 -- calamine's own error types for a damaged file
        raise WorkbookUnreadable(
            f"อ่านไฟล์ {path.name} ไม่ได้ ({type(exc).__name__})",
            hint="เปิดไฟล์ใน Excel แล้วบันทึกใหม่ หรือสร้างใหม่ด้วย pipeline district โฟลเดอร์ --init-list",
            english=f"cannot read {path.name}: {exc}",
            code="list-unreadable",
        ) from None
    column = _name_column(grid)
    seen, names = set(), []
    for row in grid[1:] if column is not None else grid:
        value = row[column or 0] if len(row) > (column or 0) else ""
        if not isinstance(value, str) or not clean_text(value):
            continue
        name = display_name(value)
        if name_key(name) not in seen:
            seen.add(name_key(name))
            names.append(name)
    labels = {label: key for label, key, _ in SETTINGS}
    settings = {key: "" for _, key, _ in SETTINGS}
    for row in settings_grid:
        if len(row) >= 2 and clean_text(row[0]) in labels:
            settings[labels[clean_text(row[0])]] = clean_text(row[1])
    return Roster(Path(path), names, settings)


def _name_column(grid) -> int | None:
    """The column headed ชื่อหน่วยงาน in row 1 (0-based); None: every row of column A is a name."""
    if not grid:
        return None
    for i, value in enumerate(grid[0]):
        if isinstance(value, str) and clean_text(value) in (NAME_HEADER, "หน่วยงาน"):
            return i
    return None


def write_roster(path: Path, names: list[str], *, force: bool = False) -> Path:
    """The list with `names` (Thai order) and empty memo settings; refuses to overwrite without
    `force`, and always when the file is open in Excel."""
    path = Path(path)
    if path.exists() and not force:
        raise OutputBlocked(
            f"มีไฟล์ {path} อยู่แล้ว จะไม่เขียนทับ",
            hint="แก้ไขไฟล์เดิมใน Excel หรือใช้ --force ถ้าต้องการสร้างใหม่",
            english=f"{path} exists; use --force to overwrite",
        )
    check_writable(path)
    wb = Workbook()
    ws = wb.active
    ws.title = NAMES_SHEET
    header_row(ws, 1, [NAME_HEADER])
    ws.column_dimensions["A"].width = 60
    for n, name in enumerate(thai_sorted({display_name(x) for x in names}), 2):
        cell = ws.cell(n, 1)
        put_text(cell, name)
        cell.font, cell.border = BODY, BOX
    settings = wb.create_sheet(SETTINGS_SHEET)
    header_row(settings, 1, ["รายการ", "ค่า", "ตัวอย่าง"])
    for col, width in zip("ABC", (22, 50, 40)):
        settings.column_dimensions[col].width = width
    for n, (label, _, example) in enumerate(SETTINGS, 2):
        for col, text in ((1, label), (3, example)):
            cell = settings.cell(n, col)
            put_text(cell, text)
            cell.font = BODY
        settings.cell(n, 2).font, settings.cell(n, 2).border = BODY, BOX
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_replace(path, "list") as tmp:
        wb.save(tmp)
    return path
