"""Open a workbook file safely, turning every way it can fail into a clear WorkbookUnreadable.

Before openpyxl touches a file we look at it ourselves: it exists and is a readable file, it is a
zip (not an old .xls, a password-protected workbook or a renamed CSV), it would not inflate far
beyond any real workbook (zip bomb), and its XML declares no entities (billion laughs, external
entities). openpyxl must also be using defusedxml: it parses sheets with defusedxml (which refuses
entities) and, when lxml is installed, the package parts with lxml without resolving entities.

Every WorkbookUnreadable raised here carries a stable `code` attribute (e.g. `file-encrypted`)
so `pipeline validate --json` can report it like any other problem.
"""

import gc
import io
import os
import re
import warnings
import zipfile
from pathlib import Path

import openpyxl
from openpyxl import load_workbook

from pipeline.errors import WorkbookUnreadable

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# -- a password-protected .xlsx is an OLE file holding these streams; an .xls holds "Workbook" --
ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
# -- the real master is well under 2 MB unpacked; these limits leave room for 100x that --
MAX_UNPACKED = 256 * 1024 * 1024
MAX_PART = 128 * 1024 * 1024
MAX_RATIO = 200  # xlsx XML compresses ~5-20x; far beyond that is a bomb
MAX_MEMBERS = 10_000
ENTITY_PATTERN = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
CHUNK = 1024 * 1024


def unreadable(code: str, message: str, hint: str, english: str) -> WorkbookUnreadable:
    exc = WorkbookUnreadable(message, hint=hint, english=english)
    exc.code = code
    return exc


def ensure_defusedxml() -> None:
    """openpyxl parses with defusedxml only when it is installed; refuse to run without it."""
    if not openpyxl.DEFUSEDXML:
        raise unreadable(
            "defusedxml-missing",
            "ไม่พบโมดูล defusedxml จึงอ่านไฟล์ Excel อย่างปลอดภัยไม่ได้",
            "ติดตั้งด้วยคำสั่ง pip install defusedxml แล้วลองใหม่",
            "defusedxml is not installed; refusing to parse workbooks",
        )


def lock_file(path: Path) -> Path | None:
    """The owner file Excel (~$name) or LibreOffice (.~lock.name#) keeps while the workbook is open."""
    path = Path(path)
    for name in (f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#"):
        candidate = path.with_name(name)
        if candidate != path and candidate.exists():
            return candidate
    return None


def check_file(path: Path) -> None:
    """Raise WorkbookUnreadable (with a Thai message and a fix) unless `path` is a safe .xlsx."""
    read_checked(path)


def read_checked(path: Path) -> tuple[bytes, tuple[int, int]]:
    """The file's bytes, read in one open, and its (size, mtime_ns) then; WorkbookUnreadable unless
    they are a safe .xlsx. Every later look (the checks, the parsers, an edit's copy) uses the bytes."""
    ensure_defusedxml()
    path = Path(path)
    name = path.name
    if not path.exists():
        raise unreadable("file-not-found", f"ไม่พบไฟล์ {path}", "ตรวจชื่อไฟล์และโฟลเดอร์ให้ถูกต้อง", f"file not found: {path}")
    if path.is_dir():
        raise unreadable(
            "file-is-folder",
            f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ Excel",
            "ระบุไฟล์ .xlsx",
            f"{path} is a folder, not an Excel file",
        )
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_size > MAX_UNPACKED:
                raise _too_big(path, info.st_size)
            data = handle.read()
    except PermissionError:
        raise unreadable(
            "file-permission-denied",
            f"เปิดไฟล์ {name} ไม่ได้: ไม่มีสิทธิ์อ่าน หรือไฟล์ถูกโปรแกรมอื่นล็อกไว้",
            "ปิดไฟล์ในโปรแกรมอื่น หรือขอสิทธิ์อ่านไฟล์ แล้วลองใหม่",
            f"{name}: permission denied or locked by another program",
        ) from None
    except OSError as exc:
        raise unreadable(
            "file-unreadable",
            f"อ่านไฟล์ {name} ไม่ได้ ({exc.strerror})",
            "ตรวจว่าไฟล์ยังอยู่และอ่านได้",
            f"cannot read {name}: {exc}",
        ) from None
    check_bytes(path, data)
    return data, (info.st_size, info.st_mtime_ns)


def check_bytes(path: Path, data: bytes) -> None:
    """The checks of check_file on a file's bytes (`path` names it in the messages)."""
    path = Path(path)
    if not data:
        raise unreadable(
            "file-empty",
            f"ไฟล์ {path.name} ว่างเปล่า (ขนาด 0 ไบต์)",
            "ไฟล์อาจบันทึกไม่สำเร็จ ใช้ไฟล์สำรองหรือสร้างใหม่ด้วย pipeline init",
            f"{path.name} is empty (0 bytes)",
        )
    if data[:8] == OLE_MAGIC:
        raise _not_xlsx("file-encrypted" if any(n in data for n in ENCRYPTED_STREAMS) else "file-is-xls", path)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        _refuse_not_zip(path, data)
    _refuse_ods(path, data)
    _check_archive(path, data)


# -- files that are not an .xlsx at all: (Thai, how to fix, English), {name} is the file's name --
NOT_XLSX = {
    "file-encrypted": (
        "ไฟล์ถูกตั้งรหัสผ่าน: {name}",
        "เปิดใน Excel ใส่รหัสผ่าน แล้วเอารหัสผ่านออก (ไฟล์ > ข้อมูล > ป้องกันเวิร์กบุ๊ก) แล้วบันทึกใหม่",
        "{name} is password-protected",
    ),
    "file-is-xls": (
        "ไฟล์ {name} เป็น Excel รุ่นเก่า (.xls) ไม่ใช่ .xlsx",
        "เปิดใน Excel แล้วบันทึกเป็น (Save As) 'Excel Workbook (.xlsx)'",
        "{name} is an old .xls workbook, not .xlsx",
    ),
    "file-is-text": (
        "ไฟล์ {name} เป็นไฟล์ข้อความ (เช่น CSV) ไม่ใช่ไฟล์ Excel (.xlsx)",
        "เปิดไฟล์ใน Excel แล้วบันทึกเป็น 'Excel Workbook (.xlsx)' อย่าเปลี่ยนแค่นามสกุลไฟล์",
        "{name} is a text file (CSV?), not an .xlsx workbook",
    ),
    "file-is-ods": (
        "ไฟล์ {name} เป็นไฟล์ LibreOffice Calc (.ods) ไม่ใช่ Excel (.xlsx)",
        "เปิดไฟล์ใน LibreOffice Calc แล้วเลือก ไฟล์ > บันทึกเป็น (Save As) ชนิดไฟล์ "
        "'Excel 2007-365 (.xlsx)' (การเปลี่ยนแค่นามสกุลไฟล์ไม่ได้แปลงไฟล์)",
        "{name} is a LibreOffice Calc (.ods) file; save it as .xlsx from Calc",
    ),
    "file-not-xlsx": (
        "ไฟล์ {name} ไม่ใช่ไฟล์ Excel (.xlsx) หรือไฟล์เสียหาย",
        "เปิดใน Excel แล้วบันทึกเป็น Excel Workbook (.xlsx) หรือใช้ไฟล์สำรอง",
        "{name} is not an .xlsx workbook",
    ),
}


def _not_xlsx(code: str, path: Path) -> WorkbookUnreadable:
    return unreadable(code, *(text.format(name=path.name) for text in NOT_XLSX[code]))


def _refuse_ods(path: Path, data: bytes) -> None:
    """A Calc spreadsheet, by name or by content (renaming it .xlsx does not convert it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            mimetype = archive.read("mimetype")[:100] if "mimetype" in archive.namelist() else b""
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return  # -- _check_archive reports a damaged zip --
    if path.suffix.lower() == ".ods" or mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise _not_xlsx("file-is-ods", path)


def _refuse_not_zip(path: Path, data: bytes) -> None:
    if data.startswith(b"PK"):  # -- a zip without its central directory: truncated or damaged --
        raise _corrupt(path, zipfile.BadZipFile("no central directory"))
    sample = data[:4096]
    try:
        sample.decode("utf-8")
        looks_text = b"\x00" not in sample
    except UnicodeDecodeError:
        looks_text = False
    raise _not_xlsx("file-is-text" if looks_text else "file-not-xlsx", path)


def _check_archive(path: Path, data: bytes) -> None:
    """Zip bomb and XML entity checks. Sizes come from the central directory; zipfile never
    inflates a member beyond its declared size (it fails the CRC), so the limits hold."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _refuse_bomb(path, members)
            for info in members:
                if info.filename.lower().endswith((".xml", ".rels", ".vml")) and _declares_entities(archive, info):
                    raise unreadable(
                        "file-xml-entities",
                        f"ไฟล์ {path.name} มี XML ที่ประกาศ entity ({info.filename}) ซึ่งไม่ปลอดภัย จึงไม่เปิด",
                        "ไฟล์ Excel ปกติไม่มีสิ่งนี้: เปิดใน Excel แล้วบันทึกใหม่ หรือใช้ไฟล์สำรองจากแหล่งที่เชื่อถือได้",
                        f"{path.name}: XML entity declarations in {info.filename}; refused",
                    )
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise _corrupt(path, exc) from None


def _refuse_bomb(path: Path, members) -> None:
    total = sum(i.file_size for i in members)
    worst = max(members, key=lambda i: i.file_size / max(i.compress_size, 1), default=None)
    too_big = total > MAX_UNPACKED or len(members) > MAX_MEMBERS or any(i.file_size > MAX_PART for i in members)
    if worst is not None and worst.file_size > CHUNK and worst.file_size / max(worst.compress_size, 1) > MAX_RATIO:
        too_big = True
    if too_big:
        raise unreadable(
            "file-zip-bomb",
            f"ไฟล์ {path.name} จะขยายเป็น {total // (1024 * 1024):,} MB เมื่อแตกไฟล์ ใหญ่เกินสมุดงานจริงมาก จึงไม่เปิด",
            "ไฟล์นี้อาจเป็นอันตราย ใช้ไฟล์สำรองจากแหล่งที่เชื่อถือได้",
            f"{path.name} would unpack to {total:,} bytes (zip bomb?); refused",
        )


def _declares_entities(archive: zipfile.ZipFile, info) -> bool:
    tail = b""
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            if ENTITY_PATTERN.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _too_big(path: Path, size: int) -> WorkbookUnreadable:
    return unreadable(
        "file-zip-bomb",
        f"ไฟล์ {path.name} ใหญ่ {size // (1024 * 1024):,} MB ใหญ่เกินสมุดงานจริงมาก จึงไม่เปิด",
        "ไฟล์นี้อาจเป็นอันตราย ใช้ไฟล์สำรองจากแหล่งที่เชื่อถือได้",
        f"{path.name} is {size:,} bytes; refused",
    )


def _corrupt(path: Path, exc: Exception) -> WorkbookUnreadable:
    return unreadable(
        "file-corrupt",
        f"เปิดไฟล์ {path.name} ไม่ได้: ไฟล์เสียหายหรือไม่ใช่ไฟล์ Excel ({type(exc).__name__})",
        "เปิดไฟล์ใน Excel แล้วบันทึกใหม่เป็น .xlsx หรือใช้ไฟล์สำรอง",
        f"cannot open {path.name}: {exc}",
    )


def open_workbook(path: Path, *, read_only: bool = True, data_only: bool = True, data: bytes | None = None):
    """openpyxl's workbook of `path`, checked first; `data`: its bytes already read and checked."""
    path = Path(path)
    if data is None:
        data, _ = read_checked(path)
    check_extension(path)
    failure = None
    try:
        with warnings.catch_warnings():
            # -- reading only: what openpyxl would drop on save (e.g. extensions) is write-back's concern --
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            return load_workbook(io.BytesIO(data), read_only=read_only, data_only=data_only)
    except Exception as exc:  # openpyxl raises many types for a broken package
        failure = _unsafe(path) if _refused_by_defusedxml(exc) else _corrupt(path, exc)
    with warnings.catch_warnings():  # -- openpyxl leaves its zip open when a part fails to parse --
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    raise failure


def check_extension(path: Path) -> None:
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise unreadable(
            "file-extension",
            f"ไฟล์ {path.name} ต้องมีนามสกุล .xlsx",
            "เปลี่ยนชื่อไฟล์ให้ลงท้ายด้วย .xlsx",
            f"{path.name}: expected an .xlsx file name",
        )


def _refused_by_defusedxml(exc: BaseException | None) -> bool:
    """openpyxl wraps parser errors in ValueError; look down the chain and in the text."""
    seen = 0
    while exc is not None and seen < 10:
        if type(exc).__module__.startswith("defusedxml") or "Forbidden(" in str(exc):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _unsafe(path: Path) -> WorkbookUnreadable:
    return unreadable(
        "file-xml-entities",
        f"ไฟล์ {path.name} มี XML ที่ประกาศ entity ซึ่งไม่ปลอดภัย จึงไม่เปิด",
        "ใช้ไฟล์สำรองจากแหล่งที่เชื่อถือได้",
        f"{path.name}: unsafe XML (entities) refused",
    )


__all__ = ["open_workbook", "check_file", "check_bytes", "read_checked", "lock_file", "ensure_defusedxml", "unreadable"]
