"""Open a workbook file safely, turning every way it can fail into a clear WorkbookUnreadable."""
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from pipeline.errors import WorkbookUnreadable


def open_workbook(path: Path, *, read_only: bool = True, data_only: bool = True):
    path = Path(path)
    if not path.exists():
        raise WorkbookUnreadable(f"ไม่พบไฟล์ {path}", hint="ตรวจชื่อไฟล์และโฟลเดอร์ให้ถูกต้อง",
                                 english=f"file not found: {path}")
    if path.is_dir():
        raise WorkbookUnreadable(f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ Excel", hint="ระบุไฟล์ .xlsx",
                                 english=f"{path} is a folder, not an Excel file")
    if not zipfile.is_zipfile(path):
        raise WorkbookUnreadable(f"ไฟล์ {path.name} ไม่ใช่ไฟล์ Excel (.xlsx)",
                                 hint="เปิดใน Excel แล้วบันทึกเป็น Excel Workbook (.xlsx)",
                                 english=f"{path.name} is not an .xlsx workbook")
    try:
        return load_workbook(path, read_only=read_only, data_only=data_only)
    except Exception as exc:  # openpyxl raises many types for a broken package
        raise WorkbookUnreadable(f"เปิดไฟล์ {path.name} ไม่ได้: ไฟล์เสียหรือไม่ใช่ไฟล์ Excel ({type(exc).__name__})",
                                 hint="เปิดไฟล์ใน Excel แล้วบันทึกใหม่เป็น .xlsx",
                                 english=f"cannot open {path.name}: {exc}") from None
