"""Read `ผลการดำเนินงาน` into ProgressRow objects. Assumes it validated; no sheet -> no rows."""

from decimal import Decimal
from pathlib import Path

from pipeline import contract as c
from pipeline.model import ProgressRow
from pipeline.workbook.cells import clean_text, parse_budget, parse_date, parse_int, split_section
from pipeline.workbook.master import Master, open_master
from pipeline.workbook.reader import records


def read_progress(source: Path | Master) -> list[ProgressRow]:
    """The monitoring rows of an opened master (or of the file at a path); none without the sheet."""
    master = source if isinstance(source, Master) else open_master(source)
    return [_row(r) for r in records(master.sheets.get(c.SHEET_MONITORING))]


def _amount(value):
    """None for an empty cell (nothing reported), else the amount."""
    if clean_text(value) == "":
        return None
    return parse_budget(value)[0]


def _row(r: dict) -> ProgressRow:
    M = c.MonitoringCol
    text = {header: clean_text(r.get(header)) for header in c.MONITORING_HEADERS}
    return ProgressRow(
        year=parse_int(r.get(M.YEAR)),
        round=parse_int(r.get(M.ROUND)),
        code=text[M.PROJECT_CODE],
        name=text[M.NAME],
        planned=_amount(r.get(M.PLANNED)) or Decimal(0),
        approved=_amount(r.get(M.APPROVED)),
        spent=_amount(r.get(M.SPENT)),
        status=text[M.STATUS] or c.STATUS_NOT_STARTED,
        reason=text[M.REASON],
        result=text[M.RESULT],
        indicator=text[M.INDICATOR],
        problems=text[M.PROBLEMS],
        suggestions=text[M.SUGGESTIONS],
        evidence=split_section(r.get(M.EVIDENCE), "list"),
        report_date=parse_date(r.get(M.REPORT_DATE)),
        row=r["_row"],
    )
