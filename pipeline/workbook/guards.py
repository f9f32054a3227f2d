"""Refusals before any byte is written: a file open in Excel/LibreOffice, read-only, or in a folder
we cannot write. Shared by the summary writer and the write-back into the master."""

import os
import stat
from pathlib import Path

from pipeline.errors import OutputBlocked
from pipeline.workbook.io import lock_file


def check_writable(path: Path) -> None:
    """Refuse (OutputBlocked) when the file is open in Excel/LibreOffice or cannot be written."""
    path = Path(path)
    lock = lock_file(path)
    if lock:
        raise blocked(
            path,
            f"ไฟล์กำลังเปิดอยู่ใน Excel หรือ LibreOffice (พบไฟล์ล็อก {lock.name})",
            f"open in another program: {lock.name}",
            hint=f"ปิดไฟล์ {path.name} ในโปรแกรมที่เปิดอยู่ แล้วสั่งใหม่ (ถ้าไม่ได้เปิดอยู่จริง ให้ลบไฟล์ {lock.name})",
        )
    # -- mode bits as well as os.access: an administrator passes os.access on a read-only file --
    if path.exists() and (not os.access(path, os.W_OK) or not path.stat().st_mode & stat.S_IWUSR):
        raise blocked(
            path,
            "ไฟล์ถูกตั้งเป็นอ่านอย่างเดียว",
            "file is read-only",
            hint="ยกเลิกการตั้งค่า 'อ่านอย่างเดียว' ใน Properties ของไฟล์ แล้วสั่งใหม่",
        )
    folder = path.parent if path.parent != Path("") else Path(".")
    if not os.access(folder, os.W_OK):
        raise blocked(
            path, f"ไม่มีสิทธิ์เขียนในโฟลเดอร์ {folder}", "folder is not writable", hint="ย้ายไฟล์ไปไว้ในโฟลเดอร์ที่เขียนได้"
        )


def blocked(path: Path, reason: str, english: str, hint: str = "") -> OutputBlocked:
    return OutputBlocked(
        f"ไม่เขียนไฟล์ {path.name}: {reason}; ไฟล์ไม่ถูกแก้ไข",
        hint=hint or "ปิดไฟล์ในโปรแกรมอื่นแล้วสั่งใหม่",
        english=f"{path}: {english}",
    )
