"""Read `ผลการดำเนินงาน` into ProgressRow objects. Assumes it validated; no sheet -> no rows."""
from decimal import Decimal
from pathlib import Path

from pipeline import contract as c
from pipeline.monitor.model import ProgressRow
from pipeline.workbook.cells import clean_text, parse_budget, parse_date, parse_int, split_section
from pipeline.workbook.io import open_workbook
from pipeline.workbook.reader import records


def read_progress(path: Path) -> list[ProgressRow]:
    wb = open_workbook(path)
    try:
        return progress_from_workbook(wb)
    finally:
        wb.close()


def progress_from_workbook(wb) -> list[ProgressRow]:
    if c.SHEET_MONITORING not in wb.sheetnames:
        return []
    return [_row(r) for r in records(wb[c.SHEET_MONITORING])]


def _amount(value):
    """None for an empty cell (nothing reported), else the amount."""
    if clean_text(value) == "":
        return None
    return parse_budget(value)[0]


def _row(r: dict) -> ProgressRow:
    h = c.MONITORING_HEADERS
    text = {header: clean_text(r.get(header)) for header in h}
    return ProgressRow(
        year=parse_int(r.get(h[0])), round=parse_int(r.get(h[1])), code=text[h[2]], name=text[h[3]],
        planned=_amount(r.get(h[4])) or Decimal(0), approved=_amount(r.get(h[5])), spent=_amount(r.get(h[6])),
        status=text["สถานะ"] or c.STATUS_NOT_STARTED, reason=text["เหตุที่ดำเนินการไม่ได้"],
        result=text["ผลการดำเนินงาน"], indicator=text["ตัวชี้วัด/ผลที่ได้"], problems=text["ปัญหาและอุปสรรค"],
        suggestions=text["ข้อเสนอแนะ"], evidence=split_section(r.get("หลักฐาน"), "list"),
        report_date=parse_date(r.get("วันที่รายงาน")), row=r["_row"])
