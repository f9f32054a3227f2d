"""Projects (โครงการ): unique codes and ลำดับที่, a name, a known มิติ, the nine sections filled."""

from typing import NamedTuple

from pipeline import contract as c
from pipeline.validate.checks_settings import dimension_numbers
from pipeline.validate.problems import problem
from pipeline.workbook.cells import parse_int
from pipeline.workbook.master import Master

CODE, SEQ, NAME, DIMENSION = c.ProjectCol.CODE, c.ProjectCol.SEQ, c.ProjectCol.NAME, c.ProjectCol.DIMENSION
# -- a project document cannot be printed without these; the rest only look unfinished --
REQUIRED_SECTIONS = (c.ProjectCol.OBJECTIVES, c.ProjectCol.METHOD)
YEAR_CODE = c.YearlyCol.PROJECT_CODE


class Entry(NamedTuple):
    row: int
    name: str
    dimension: int | None


def _projects_sheet(book: Master, *headers: str):
    return book.sheet_with(c.SHEET_PROJECTS, CODE, *headers)


def project_index(book: Master) -> dict[str, Entry] | None:
    """code -> first row's Entry; None when the sheet is unusable (so rows are not all 'unknown')."""
    if "projects" not in book.memo:
        sheet = _projects_sheet(book)
        index = None
        if sheet is not None:
            index = {}
            for row in sheet.rows:
                code = sheet.text(row, CODE)
                if code:
                    index.setdefault(
                        code, Entry(row.number, sheet.text(row, NAME), parse_int(sheet.get(row, DIMENSION)))
                    )
        book.memo["projects"] = index
    return book.memo["projects"]


def check_codes(book: Master):
    sheet = _projects_sheet(book)
    first = {}
    for row in sheet.rows if sheet else ():
        code, where = sheet.text(row, CODE), sheet.at(row, CODE)
        if not code:
            yield problem("project-code-empty", **where)
        elif code in first:
            yield problem("project-code-duplicate", **where, first=first[code])
        first.setdefault(code, row.number)


def check_seq(book: Master):
    sheet = _projects_sheet(book, SEQ)
    first = {}
    for row, where, seq in sheet.numbers(SEQ) if sheet else ():
        if seq is None or seq < 1:
            yield problem("project-seq-invalid", **where)
        elif seq in first:
            yield problem("project-seq-duplicate", **where, first=first[seq])
        else:
            first[seq] = row.number


def check_names(book: Master):
    sheet = _projects_sheet(book, NAME)
    if sheet is None:
        return
    first = {}
    for row in sheet.rows:
        name, code = sheet.text(row, NAME), sheet.text(row, CODE)
        if not name:
            if sheet.raw(row, NAME) is None:
                yield problem("project-name-empty", **sheet.at(row, NAME), code=code)
        elif name in first:
            other_code, other_row = first[name]
            yield problem("project-name-duplicate", **sheet.at(row, NAME), other=other_code, first=other_row)
        else:
            first[name] = (code, row.number)


def check_dimension(book: Master):
    sheet = _projects_sheet(book, DIMENSION)
    if sheet is None:
        return
    known = dimension_numbers(book)
    for row in sheet.rows:
        where = sheet.at(row, DIMENSION)
        if parse_int(where["value"]) not in known and not sheet.unresolved(row, DIMENSION):
            yield problem("project-dimension-unknown", **where, code=sheet.text(row, CODE))


def check_sections(book: Master):
    sheet = _projects_sheet(book)
    if sheet is None:
        return
    present = [h for h in c.PROJECT_SECTIONS if sheet.col(h) is not None]
    for row in sheet.rows:
        code = sheet.text(row, CODE)
        if present and all(sheet.raw(row, h) is None for h in present):
            # -- imported from a table row without a project sheet: one warning, the sheet is skipped --
            yield problem("project-no-details", **sheet.at(row, CODE), code=code)
            continue
        for header in c.PROJECT_SECTIONS:
            if sheet.col(header) is None or sheet.raw(row, header) is not None:
                continue
            code_name = "section-required-empty" if header in REQUIRED_SECTIONS else "section-empty"
            yield problem(code_name, **sheet.at(row, header), code=code)


def check_unused(book: Master):
    sheet, yearly = _projects_sheet(book), book.sheets.get(c.SHEET_YEARLY)
    if sheet is None or yearly is None or yearly.col(YEAR_CODE) is None:
        return
    used = {yearly.text(r, YEAR_CODE) for r in yearly.rows}
    for row in sheet.rows:
        code = sheet.text(row, CODE)
        if code and code not in used:
            yield problem("project-unused", **sheet.at(row, CODE), code=code)


CHECKS = (check_codes, check_seq, check_names, check_dimension, check_sections, check_unused)
