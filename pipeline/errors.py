"""Exceptions for "cannot continue" only. Validation problems are data (see pipeline.validate)."""


class PipelineError(Exception):
    """Base class: the CLI prints the message (Thai first) and exits with `exit_code`."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str = "", english: str = "", code: str = ""):
        super().__init__(message)
        self.code = code  # stable kebab-case name, for --json and tests
        self.message = message
        self.hint = hint
        self.english = english

    def __str__(self) -> str:
        return self.message + (f"\nวิธีแก้: {self.hint}" if self.hint else "")


class YearOutsidePlan(PipelineError):
    """`--year` names a year the plan does not cover: bad input, nothing written (exit 1)."""


class WorkbookUnreadable(PipelineError):
    """The file cannot be opened as a master workbook (missing, locked, not xlsx, unsafe)."""

    exit_code = 2


class ImportFailed(PipelineError):
    """A plan book could not be imported (not a plan book, empty, binary)."""

    exit_code = 2


class OutputBlocked(PipelineError):
    """An output cannot be written (exists without --force, locked by Excel/Word, read-only)."""

    exit_code = 3


class TemplateError(PipelineError):
    """A Word template is broken (unknown tag, tag split by Word, sandbox violation)."""

    exit_code = 4
