"""Exceptions for "cannot continue" only. Validation problems are data (see pipeline.validate)."""


class PipelineError(Exception):
    """Base class: the CLI prints the message (Thai first) and exits with `exit_code`."""

    exit_code = 1
    default_code = "pipeline-error"

    def __init__(self, message: str, *, hint: str = "", english: str = "", code: str = ""):
        super().__init__(message)
        self.code = code or self.default_code  # stable kebab-case name, for --json and tests
        self.message = message
        self.hint = hint
        self.english = english

    def __str__(self) -> str:
        return self.message + (f"\nวิธีแก้: {self.hint}" if self.hint else "")

    def text(self, lang: str = "th") -> str:
        """The message in the user's language (English has no separate hint)."""
        return (self.english or self.message) if lang == "en" else str(self)

    def to_dict(self) -> dict:
        return {"code": self.code, "exit_code": self.exit_code, "message": self.message, "hint": self.hint,
                "message_en": self.english or self.message}


class YearOutsidePlan(PipelineError):
    """`--year` names a year the plan does not cover: bad input, nothing written (exit 1)."""

    default_code = "year-outside-plan"


class WorkbookUnreadable(PipelineError):
    """The file cannot be opened as a master workbook (missing, locked, not xlsx, unsafe)."""

    exit_code = 2
    default_code = "file-unreadable"


class ImportFailed(PipelineError):
    """A plan book could not be imported (not a plan book, empty, binary)."""

    exit_code = 2
    default_code = "import-failed"


class OutputBlocked(PipelineError):
    """An output cannot be written (exists without --force, locked by Excel/Word, read-only)."""

    exit_code = 3
    default_code = "output-blocked"


class TemplateError(PipelineError):
    """A Word template is broken (unknown tag, tag split by Word, sandbox violation)."""

    exit_code = 4
    default_code = "template-broken"


class InternalError(PipelineError):
    """A bug, not a problem of the data: one line for staff, the traceback in a log file."""

    exit_code = 70
    default_code = "internal-error"


def file_system_error(exc: OSError) -> OutputBlocked:
    """Disk full, a folder without write permission, a path too long …: exit 3 with a Thai line."""
    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    return OutputBlocked(f"อ่านหรือเขียนไฟล์ไม่ได้{where}: {exc.strerror or exc}",
                         hint="ตรวจว่ามีสิทธิ์เขียนโฟลเดอร์ พื้นที่ดิสก์เหลือพอ และไฟล์ไม่ได้เปิดอยู่ในโปรแกรมอื่น",
                         english=f"cannot read or write a file{where}: {exc.strerror or exc}", code="file-system-error")
