"""Build broken workbooks from the real master, one named defect each (`budget-as-text.xlsx`).

    path = make_broken(tmp_path, "budget-as-text", lambda wb: put(wb, SHEET_YEARLY, 2, BUDGET, "20,000"))

Cells are found through the contract's headers, never typed as letters, so a case says what it
breaks ("the budget of the first yearly row") and the test can compute the cell it expects.
"""

import hashlib
import shutil
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from pipeline import contract as c

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def make_broken(tmp_path: Path, name: str, mutate, *, source: Path) -> Path:
    """A copy of `source` with `mutate(wb)` applied, saved as `<name>.xlsx` in tmp_path."""
    wb = load_workbook(source)
    mutate(wb)
    path = Path(tmp_path) / f"{name}.xlsx"
    wb.save(path)
    return path


def column(sheet: str, header: str) -> str:
    """Column letter of `header` on an input sheet (the master follows the contract's order)."""
    return get_column_letter(c.HEADERS[sheet].index(header) + 1)


def ref(sheet: str, row: int, header: str) -> str:
    return f"{column(sheet, header)}{row}"


def put(wb, sheet: str, row: int, header: str, value) -> None:
    wb[sheet][ref(sheet, row, header)] = value


def get(wb, sheet: str, row: int, header: str):
    return wb[sheet][ref(sheet, row, header)].value


def setting_row(wb, label: str) -> int:
    ws = wb[c.SHEET_SETTINGS]
    return next(cell.row for cell in ws["A"] if cell.value == label)


def rows_where(wb, sheet: str, header: str, value) -> list[int]:
    ws = wb[sheet]
    col = c.HEADERS[sheet].index(header) + 1
    return [r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == value]


# -- files that are not workbooks at all: made from the master's bytes where that makes sense --


def make_file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = Path(tmp_path) / name
    path.write_bytes(content)
    return path


def ole_file(tmp_path: Path, name: str, *, encrypted: bool) -> Path:
    """An OLE compound file header; a password-protected xlsx names its EncryptionInfo stream."""
    streams = ("EncryptionInfo", "EncryptedPackage") if encrypted else ("Workbook", "SummaryInformation")
    body = OLE_MAGIC + b"\x00" * 504 + b"".join(s.encode("utf-16-le") + b"\x00" * 64 for s in streams)
    return make_file(tmp_path, name, body + b"\x00" * 2048)


def corrupt_zip(tmp_path: Path, source: Path) -> Path:
    data = source.read_bytes()
    return make_file(tmp_path, "corrupt-zip.xlsx", data[: len(data) // 2])


def rezip(tmp_path: Path, name: str, source: Path, *, replace: dict | None = None, add: dict | None = None) -> Path:
    """The master's package with some parts replaced or added (bytes, or a callable old -> new)."""
    path = Path(tmp_path) / name
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in replace:
                new = replace[info.filename]
                data = new(data) if callable(new) else new
            dst.writestr(info.filename, data)
        for part, data in add.items():
            dst.writestr(part, data)
    return path


def zip_bomb(tmp_path: Path, source: Path) -> Path:
    # -- 64 MB of zeros deflates to ~64 KB: a ratio no real workbook part has --
    return rezip(tmp_path, "zip-bomb.xlsx", source, add={"xl/media/image1.bin": b"\x00" * (64 * 1024 * 1024)})


def billion_laughs(tmp_path: Path, source: Path, part: str = "xl/workbook.xml") -> Path:
    def inject(xml: bytes) -> bytes:
        dtd = b'<!DOCTYPE x [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        head, sep, rest = xml.partition(b"?>")
        return head + sep + dtd + rest if sep else dtd + xml

    return rezip(tmp_path, "xml-entities.xlsx", source, replace={part: inject})


def copy_as(tmp_path: Path, source: Path, name: str) -> Path:
    path = Path(tmp_path) / name
    shutil.copyfile(source, path)
    return path


def digest(path: Path) -> str:
    path = Path(path)
    if path.is_dir():
        return "dir"
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def monitoring_row(wb, round_: int, code: str, year: int = 2566) -> int:
    """Row of a project's monitoring row in `ผลการดำเนินงาน`."""
    ws, h = wb[c.SHEET_MONITORING], c.MONITORING_HEADERS
    for r in range(2, ws.max_row + 1):
        if (ws.cell(r, 1).value, ws.cell(r, h.index("รอบ") + 1).value, ws.cell(r, h.index("รหัสโครงการ") + 1).value) == (
            year,
            round_,
            code,
        ):
            return r
    raise KeyError((year, round_, code))
