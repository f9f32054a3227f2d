"""`pipeline amend`: record the next amendment of the plan in the master.

Adds the row ครั้งที่ N+1 (date and reason, when given) to การแก้ไขแผน, and to a master never amended
the sheet itself and แผนรายปี's columns เพิ่มเติมครั้งที่ / ยกเลิกครั้งที่; staff then mark the rows
the amendment adds or cancels. Same safety as `monitor init`: every refusal before any byte is
written, a backup first, an atomic replace (pipeline.workbook.safe_edit)."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline import contract as c
from pipeline.errors import InitRefused
from pipeline.validate import validate_master
from pipeline.workbook.amendment_sheet import MARKS, add_amendment_sheet, add_columns, write_amendment
from pipeline.workbook.cells import parse_int
from pipeline.workbook.master import open_master
from pipeline.workbook.safe_edit import open_for_edit, refuse_loss, save_edit

A = c.AmendmentCol
# -- refusing an edit that would drop what openpyxl cannot keep --
LOSS_HINT = "ย้ายสิ่งที่ระบุไปไว้ในไฟล์อื่นแล้วสั่งใหม่ หรือเพิ่มแผ่นงาน การแก้ไขแผน และคอลัมน์เอง (ดูคู่มือ)"


@dataclass
class AmendResult:
    path: Path
    number: int
    backup: Path | None = None
    sheet_added: bool = False
    columns_added: list[str] = field(default_factory=list)  # แผนรายปี's, when the master lacked them

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "backup": self.backup.name if self.backup else None,
            "sheet_added": self.sheet_added,
            "columns_added": self.columns_added,
        }


def start_amendment(
    path: Path, *, day: date | None = None, reason: str = "", signer: str = "", signer_position: str = ""
) -> AmendResult:
    path = Path(path)
    master = open_master(path)
    blocking = [p for p in validate_master(master).errors if not p.code.startswith("amendment-")]
    if blocking:
        raise InitRefused(
            f"สมุดงาน {path.name} มีข้อผิดพลาด {len(blocking)} รายการ จึงยังไม่บันทึกการแก้ไขแผน (แรกสุด: {blocking[0].message})",
            hint=f'ดูรายการทั้งหมดด้วย pipeline validate "{path}" แล้วแก้ก่อน',
            english=f"{len(blocking)} validation errors; fix them first",
            code="amend-refused",
        )
    wb = open_for_edit(master, lambda lost: refuse_loss(path, lost, "บันทึกการแก้ไขแผน", LOSS_HINT, "amend"))
    sheet = master.sheets.get(c.SHEET_AMENDMENTS)
    ws = wb[c.SHEET_AMENDMENTS] if sheet is not None else add_amendment_sheet(wb)
    found = dict(sheet.headers) if sheet is not None else {h: i for i, h in enumerate(c.AMENDMENT_HEADERS, 1)}
    cols = add_columns(ws, found, c.AMENDMENT_HEADERS)
    numbers = [parse_int(sheet.get(r, A.NUMBER)) for r in sheet.rows] if sheet is not None else []
    number = max((n for n in numbers if n is not None), default=0) + 1
    below = max((r.number for r in sheet.rows), default=1) + 1 if sheet is not None else 2
    values = {A.NUMBER: number, A.DATE: day, A.REASON: reason, A.SIGNER: signer, A.SIGNER_POSITION: signer_position}
    write_amendment(ws, below, cols, values)
    yearly = master.sheets[c.SHEET_YEARLY]  # -- present: validation refused the master otherwise --
    add_columns(wb[c.SHEET_YEARLY], dict(yearly.headers), MARKS)
    result = AmendResult(path, number, sheet_added=sheet is None, columns_added=[h for h in MARKS if not yearly.col(h)])
    result.backup, _ = save_edit(master, wb, "amend")
    return result
