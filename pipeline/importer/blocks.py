"""The stream every importer stage reads: Lines and Tables, each saying where it came from."""

from dataclasses import dataclass, field

from pipeline.text.legacy import repair

SUPPORTED = "ไฟล์ PDF ของเล่มแผน ไฟล์ข้อความ (.txt) ที่แปลงจาก PDF หรือไฟล์ Word (.docx)"


@dataclass(frozen=True)
class Line:
    text: str
    where: str  # "บรรทัด 12" / "ย่อหน้า 4" / "หน้า 3 บรรทัด 5": for messages
    # -- the source itself marks this line as a paragraph's first: a Word paragraph indented on its
    #    first line (Thai prose marks a new paragraph so), a PDF line that starts a paragraph. A text
    #    file marks nothing: wrapped lines are joined back by the rules of text.split_paragraphs --
    opens: bool = False


@dataclass(frozen=True)
class Table:
    rows: list[list[str]]
    where: str


Block = Line | Table


@dataclass
class Repairs:
    """Legacy-font marks turned back into Thai letters while reading (pipeline.text.legacy):
    (where, how many) for the one note that says so."""

    found: list[tuple[str, int]] = field(default_factory=list)

    def __call__(self, text: str, where: str) -> str:
        fixed, count = repair(text)
        if count:
            self.found.append((where, count))
        return fixed
