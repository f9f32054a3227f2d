"""The stream every importer stage reads: Lines and Tables, each saying where it came from."""

from dataclasses import dataclass

SUPPORTED = "ไฟล์ข้อความ (.txt) ที่แปลงจาก PDF ของเล่มแผน หรือไฟล์ Word (.docx)"


@dataclass(frozen=True)
class Line:
    text: str
    where: str  # "บรรทัด 12" / "ย่อหน้า 4": for messages
    # -- the source itself marks this line as a paragraph's first: a Word paragraph indented on its
    #    first line (Thai prose marks a new paragraph so). A text file marks nothing: wrapped lines
    #    are joined back by the rules of text.split_paragraphs --
    opens: bool = False


@dataclass(frozen=True)
class Table:
    rows: list[list[str]]
    where: str


Block = Line | Table
