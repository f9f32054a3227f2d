"""Read a plan book into one stream of blocks, whatever the file type.

A text file extracted from the PDF gives one Line per non-blank line, and a Table for each run of
tab-separated lines; a Word file gives one Line per paragraph line and a Table per Word table, in
document order; a PDF gives its lines and ruled tables in reading order (pipeline.importer.pdf_source).
Marks of legacy Thai fonts are repaired on the way in (pipeline.text.legacy). Every later stage
reads only this stream.
"""

from pathlib import Path

from pipeline.errors import ImportFailed
from pipeline.text.legacy import decode_cp874

from .blocks import SUPPORTED, Block, Line, Repairs, Table
from .docx_source import docx_blocks
from .pdf_source import pdf_blocks
from .text import norm

__all__ = ["SUPPORTED", "Block", "Line", "Repairs", "Table", "read_blocks", "text_blocks"]


def read_blocks(path: Path, repairs: Repairs | None = None) -> list[Block]:
    path = Path(path)
    repairs = repairs if repairs is not None else Repairs()
    if not path.is_file():
        raise ImportFailed(
            f"ไม่พบไฟล์เล่มแผน {path}",
            hint="ตรวจสอบชื่อและที่อยู่ของไฟล์ (ใส่เครื่องหมายคำพูดถ้าชื่อมีช่องว่าง)",
            english=f"plan book not found: {path}",
        )
    data = path.read_bytes()
    if not data.strip():
        raise ImportFailed(f"ไฟล์ {path} ว่างเปล่า ไม่มีข้อความให้นำเข้า", hint=f"ใช้{SUPPORTED}", english=f"{path} is empty")
    if data[:4] == b"PK\x03\x04":
        return docx_blocks(path, repairs)
    if data.lstrip()[:5] == b"%PDF-":
        return pdf_blocks(path, repairs)
    return text_blocks(_decode(path, data), repairs)


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" not in data:
        # -- UTF-8 first; then TIS-620/Windows-874, what older Thai Windows tools save --
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        try:
            return decode_cp874(data)
        except UnicodeDecodeError:
            pass
    raise ImportFailed(
        f"ไฟล์ {path} ไม่ใช่ไฟล์ข้อความหรือไฟล์ Word ที่อ่านได้ และไม่ใช่ PDF (อาจเป็นรูปภาพหรือไฟล์เสียหาย)",
        hint=f"ใช้{SUPPORTED}",
        english=f"{path} is binary or not UTF-8 text",
    )


def text_blocks(text: str, repairs: Repairs | None = None) -> list[Block]:
    fix = repairs if repairs is not None else Repairs()
    blocks: list[Block] = []
    table: list[list[str]] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        raw = fix(raw, f"บรรทัด {number}")
        if "\t" in raw:
            if not table:
                start = number
            table.append([norm(cell) for cell in raw.split("\t")])
            continue
        if table:
            blocks.append(Table(table, f"บรรทัด {start}-{number - 1}"))
            table = []
        if raw.strip():
            blocks.append(Line(norm(raw), f"บรรทัด {number}"))
    if table:
        blocks.append(Table(table, f"บรรทัด {start}"))
    return blocks
