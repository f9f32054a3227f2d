"""A problem is data, not an exception: a stable code, a severity, where it is and what was there."""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from pipeline import contract as c
from pipeline.errors import WorkbookUnreadable
from pipeline.validate.messages import MESSAGES

ERROR = "error"
WARNING = "warning"
FILE = ""  # sheet of problems about the file as a whole


@dataclass(frozen=True)
class Problem:
    code: str  # stable, e.g. "budget-not-a-number"
    severity: str  # "error" blocks generation, "warning" does not
    sheet: str  # "" for the file as a whole
    row: int | None  # Excel row number
    column: str  # header text of the column, "" when not about one column
    cell: str  # A1 reference, "" when not about one cell
    value: object  # the offending value, JSON-ready (str, int, float, bool or None)
    message: str  # Thai: what is wrong, where, how to fix it
    message_en: str  # short English rendering

    @property
    def location(self) -> str:
        return location(self.sheet, self.cell)

    def text(self, lang: str = "th") -> str:
        return self.message_en if lang == "en" else self.message

    def to_dict(self) -> dict:
        return asdict(self)


def location(sheet: str, cell: str = "") -> str:
    if not sheet:
        return ""
    return f"{sheet}!{cell}" if cell else sheet


def jsonable(value):
    """Cell values as JSON-ready scalars; the report shows what staff typed."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def problem(
    code: str, /, *, sheet: str = FILE, row: int | None = None, column: str = "", cell: str = "", value=None, **params
) -> Problem:
    """Build a Problem from its code's templates; `params` fill the template's other fields."""
    msg = MESSAGES[code]
    value = jsonable(value)
    fields = {"value": "" if value is None else value, "column": column, **params}
    where = location(sheet, cell)
    prefix = f"{where}: " if where else ""
    thai = f"{prefix}{msg.th.format(**fields)} — วิธีแก้: {msg.fix.format(**fields)}"
    english = f"{prefix}{msg.en.format(**fields)}"
    return Problem(code, msg.severity, sheet, row, column, cell, value, thai, english)


def _sheet_order(sheet: str) -> int:
    return c.READ_SHEETS.index(sheet) + 1 if sheet in c.READ_SHEETS else 0


def sort_key(p: Problem):
    return (_sheet_order(p.sheet), p.row or 0, p.severity != ERROR, p.cell, p.code)


@dataclass
class Report:
    workbook: str
    problems: list[Problem] = field(default_factory=list)
    stats: dict = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def exit_code(self) -> int:
        return int(not self.valid)

    def codes(self) -> list[str]:
        return [p.code for p in self.problems]

    def to_dict(self) -> dict:
        return {
            "workbook": self.workbook,
            "valid": self.valid,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "stats": self.stats,
            "problems": [p.to_dict() for p in self.problems],
            # -- as every `--json` of the command line ends: the exit, and no exception (the problems are data) --
            "exit_code": self.exit_code,
            "error": None,
        }

    @classmethod
    def build(cls, path: Path, problems, stats: dict) -> "Report":
        return cls(str(path), sorted(problems, key=sort_key), stats)


def unreadable_dict(workbook: Path, exc: WorkbookUnreadable) -> dict:
    """An unreadable file in the shape of Report.to_dict(), with its one file-level problem."""
    return file_problem_dict(str(workbook), exc.code or "file-unreadable", str(exc), exc.english or exc.message)


def file_problem_dict(workbook: str, code: str, message: str, english: str, hint: str = "") -> dict:
    """One file-level error in the shape of Report.to_dict() (`pipeline validate --json`, the web
    page's refusals); the hint, when given, joins the message as in every other problem."""
    return {
        "workbook": workbook,
        "valid": False,
        "errors": 1,
        "warnings": 0,
        "stats": {},
        "problems": [
            {
                "code": code,
                "severity": ERROR,
                "sheet": "",
                "row": None,
                "column": "",
                "cell": "",
                "value": None,
                "message": message + (f" — วิธีแก้: {hint}" if hint else ""),
                "message_en": english,
            }
        ],
    }
