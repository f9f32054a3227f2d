"""The one way the staff's master is edited (write-back, `monitor init`): every refusal before any
byte is written, then a backup first, the new file built beside the master, an atomic replace, and
the backup removed again when anything fails (the master is then as it was, so it is not needed).

The edit starts from the bytes the Master read, and refuses when the file changed on disk since:
what staff saved in Excel meanwhile is never overwritten."""

import io
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from pipeline.errors import OutputBlocked
from pipeline.workbook.atomic import atomic_replace
from pipeline.workbook.guards import blocked, check_writable
from pipeline.workbook.master import Master
from pipeline.workbook.parts import unsupported_parts

# -- openpyxl notices that lose nothing of the staff's (it only adds its default style) --
HARMLESS_WARNINGS = ("Workbook contains no default style",)


def open_for_edit(master: Master, refuse_loss: Callable[[list[str]], None]):
    """openpyxl's workbook of the master, or `refuse_loss(lines)` (which raises) when the file is
    open elsewhere, read-only, or holds anything openpyxl would drop on save."""
    check_writable(master.path)
    lost = unsupported_parts(io.BytesIO(master.data))
    if lost:
        refuse_loss(lost)
    wb, warned = master.editable()
    dropped = [m for m in warned if not m.startswith(HARMLESS_WARNINGS)]
    if dropped:
        refuse_loss([f"ส่วนที่ openpyxl แจ้งว่าจะตัดทิ้ง: {m}" for m in dropped])
    return wb


def refuse_loss(path: Path, lost: list[str], edit: str, hint: str, edit_en: str) -> None:
    """The `edit` ("เพิ่มแถวติดตามผล") would drop what openpyxl cannot keep (`lost`, from
    open_for_edit): refused, saying what, and the file is not touched."""
    listing = "\n".join(f"  - {line}" for line in lost)
    raise OutputBlocked(
        f"ไม่{edit}ใน {path.name} เพราะจะทำให้สิ่งต่อไปนี้หายไป:\n{listing}\nไฟล์ {path.name} ไม่ถูกแก้ไข",
        hint=hint,
        english=f"{edit_en} refused, would lose: {lost}",
    )


def save_edit(master: Master, wb, tag: str, finish: Callable[[Path], object] | None = None):
    """Replace the master with `wb`; (backup path, what `finish(tmp)` returned). `finish` runs on the
    complete temporary file before the replace (write-back stores recalculated results there)."""
    path = master.path
    check_writable(path)
    _refuse_changed(master)
    backup = make_backup(master)
    try:
        with atomic_replace(path, tag) as tmp:
            wb.save(tmp)
            finished = finish(tmp) if finish else None
    except PermissionError:
        backup.unlink(missing_ok=True)
        raise blocked(path, "ไฟล์ถูกเปิดหรือล็อกอยู่", "cannot replace the workbook") from None
    except BaseException:
        backup.unlink(missing_ok=True)
        raise
    return backup, finished


def make_backup(master: Master, now: datetime | None = None) -> Path:
    """`name.backup-YYYYmmdd-HHMMSS.xlsx` beside the master, the bytes it was read with; never
    overwrites one."""
    path = master.path
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        suffix = "" if n == 1 else f"-{n}"
        backup = path.with_name(f"{path.stem}.backup-{stamp}{suffix}{path.suffix}")
        try:
            with open(backup, "xb") as dst:  # "x": fails if it exists
                dst.write(master.data)
            return backup
        except FileExistsError:
            continue
    raise blocked(path, "สร้างไฟล์สำรองไม่ได้ (มีไฟล์สำรองชื่อซ้ำมากเกินไป)", "too many backups")


def _refuse_changed(master: Master) -> None:
    try:
        info = os.stat(master.path)
    except OSError:
        info = None
    if info is None or (info.st_size, info.st_mtime_ns) != master.stat:
        raise OutputBlocked(
            f"ไม่แก้ไฟล์ {master.path.name}: ไฟล์ถูกเปลี่ยนหลังจากที่อ่านไป (อาจบันทึกจาก Excel ระหว่างนั้น); ไฟล์ไม่ถูกแก้ไข",
            hint="สั่งคำสั่งเดิมอีกครั้ง เพื่ออ่านไฟล์ฉบับล่าสุด",
            english=f"{master.path}: changed on disk since it was read; not modified",
            code="master-changed",
        )
