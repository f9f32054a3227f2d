"""The stream every importer stage reads: Lines and Tables, each saying where it came from."""

from dataclasses import dataclass

SUPPORTED = "ไฟล์ข้อความ (.txt) ที่แปลงจาก PDF ของเล่มแผน หรือไฟล์ Word (.docx)"


@dataclass(frozen=True)
class Line:
    text: str
    where: str  # "บรรทัด 12" / "ย่อหน้า 4": for messages


@dataclass(frozen=True)
class Table:
    rows: list[list[str]]
    where: str


Block = Line | Table
