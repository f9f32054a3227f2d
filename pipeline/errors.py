"""Every exception and exit code, in one catalogue. Exceptions are for "cannot continue" only;
validation problems are data (see pipeline.validate). The README's exit-code table is tested
against EXIT_CODES (tests/test_house.py)."""

# -- what a command's exit code means; every PipelineError's exit_code is one of these --
EXIT_CODES = {
    0: "done (warnings allowed)",
    1: "validation errors, or a request the plan cannot meet (a --year outside the plan): nothing written",
    2: "the file cannot be read, or the command cannot be carried out as typed (usage, unsafe serve)",
    3: "an output is blocked (exists, open in Word/Excel, read-only, locked, refused write-back)",
    4: "a broken template",
    5: "LibreOffice failed",
    70: "an internal error (a bug; details in the log file)",
    130: "interrupted (Ctrl+C)",
}


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
        return {
            "code": self.code,
            "exit_code": self.exit_code,
            "message": self.message,
            "hint": self.hint,
            "message_en": self.english or self.message,
        }


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

    def __init__(self, message: str, *, template: str = "", tag: str = "", paragraph: int | None = None, **kw):
        super().__init__(message, **kw)
        self.template = template  # file name, e.g. announcement.docx
        self.tag = tag  # the tag as staff typed it, e.g. {{ signer|shout }}
        self.paragraph = paragraph  # 1-based, every paragraph of the part counted in order

    def to_dict(self) -> dict:
        return {**super().to_dict(), "template": self.template, "tag": self.tag, "paragraph": self.paragraph}


class FolderUnreadable(PipelineError):
    """`pipeline district`: the folder of submissions does not exist, or is a file (exit 2)."""

    exit_code = 2
    default_code = "folder-unreadable"


class NothingToRollUp(PipelineError):
    """`pipeline district`: no file in the folder, or none that can be rolled up: nothing written (exit 1).
    `problems`: why each file could not be used (pipeline.district.problems.DistrictProblem)."""

    default_code = "no-submissions"

    def __init__(self, message: str, *, problems=(), **kw):
        super().__init__(message, **kw)
        self.problems = list(problems)

    def to_dict(self) -> dict:
        return {**super().to_dict(), "problems": [p.to_dict() for p in self.problems]}


class ConversionFailed(PipelineError):
    """LibreOffice failed or timed out (making PDFs, recalculating formulas)."""

    exit_code = 5
    default_code = "libreoffice-failed"


class InitRefused(PipelineError):
    """`pipeline monitor init` cannot add the round (an unknown round or year, a plan with errors)."""

    default_code = "monitor-init-refused"


class UnsafeBind(PipelineError):
    """`pipeline serve` beyond 127.0.0.1 without a password: the command cannot be carried out."""

    exit_code = 2
    default_code = "unsafe-bind"


class UploadRefused(PipelineError):
    """An upload the web page will not take; `status` is the HTTP status it answers with."""

    exit_code = 2
    default_code = "upload-refused"

    def __init__(self, status: int, code: str, message: str, english: str, hint: str = ""):
        super().__init__(message, hint=hint, english=english, code=code)
        self.status = status


class RequestRefused(PipelineError):
    """The web page answers a request with a validation-shaped JSON body (400, 422) instead of a run."""

    default_code = "request-refused"

    def __init__(self, body: dict, status: int):
        first = (body.get("problems") or [{}])[0]
        super().__init__(
            first.get("message", ""), english=first.get("message_en", ""), code=first.get("code") or self.default_code
        )
        self.body, self.status = body, status


class JoinFailed(Exception):
    """Internal, never shown to staff: documents could not be joined into one LibreOffice file, or
    the joined PDF does not show where each starts; the PDF stage then converts them one by one."""


class UsageError(PipelineError):
    """The command line cannot be understood (an unknown option, a missing argument)."""

    exit_code = 2
    default_code = "usage-error"

    def __init__(self, message: str, *, hint: str = "", english: str = "", usage: str = ""):
        super().__init__(message, hint=hint, english=english)
        self.usage = usage


class Interrupted(PipelineError):
    """Stopped with Ctrl+C: whatever was being written is left as it was (staging is discarded)."""

    exit_code = 130
    default_code = "interrupted"


class InternalError(PipelineError):
    """A bug, not a problem of the data: one line for staff, the traceback in a log file."""

    exit_code = 70
    default_code = "internal-error"


def file_system_error(exc: OSError) -> OutputBlocked:
    """Disk full, a folder without write permission, a path too long …: exit 3 with a Thai line."""
    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    return OutputBlocked(
        f"อ่านหรือเขียนไฟล์ไม่ได้{where}: {exc.strerror or exc}",
        hint="ตรวจว่ามีสิทธิ์เขียนโฟลเดอร์ พื้นที่ดิสก์เหลือพอ และไฟล์ไม่ได้เปิดอยู่ในโปรแกรมอื่น",
        english=f"cannot read or write a file{where}: {exc.strerror or exc}",
        code="file-system-error",
    )
