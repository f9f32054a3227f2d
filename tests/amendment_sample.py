"""A copy of the real master with one amendment, as a clerk makes it: `pipeline amend`, then in
Excel a new project added to 2568, one 2568 budget raised (the old row cancelled, its new version
added) and one 2568 row cancelled. The committed master is never changed."""

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.lifecycle.amend import start_amendment
from tests.conftest import MASTER

YEAR = 2568
ADDED = ("P16", 16, "โครงการอบรมเยาวชนต้นกล้าสุจริต", 1, Decimal(30000), (False, True, True, False))
RAISED = ("P03", Decimal(15000))  # -- was ดำเนินการโดยไม่ใช้งบประมาณ (0) in 2568 --
CANCELLED = "P07"
AMENDED_ON = date(2025, 3, 14)  # ๑๔ มีนาคม พ.ศ. ๒๕๖๘
REASON = "ได้รับการจัดสรรงบประมาณเพิ่มเติมจากข้อบัญญัติงบประมาณรายจ่ายประจำปี"


def columns(ws) -> dict[str, int]:
    return {cell.value: cell.column for cell in ws[1] if cell.value}


def row_of(ws, cols, year: int, code: str) -> int:
    Y = c.YearlyCol
    return next(
        r
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, cols[Y.YEAR]).value == year and ws.cell(r, cols[Y.PROJECT_CODE]).value == code
    )


def make_amended_master(path: Path) -> Path:
    shutil.copyfile(MASTER, path)
    start_amendment(path, day=AMENDED_ON, reason=REASON)
    wb = load_workbook(path)
    P, Y = c.ProjectCol, c.YearlyCol
    projects = wb[c.SHEET_PROJECTS]
    pcols = columns(projects)
    code, seq, name, dimension, budget, quarters = ADDED
    new = projects.max_row + 1
    for header, value in (
        (P.CODE, code),
        (P.SEQ, seq),
        (P.NAME, name),
        (P.DIMENSION, dimension),
        (P.RATIONALE, "เยาวชนเป็นกำลังสำคัญในการสร้างสังคมที่ไม่ทนต่อการทุจริต"),
        (P.OBJECTIVES, "เพื่อปลูกจิตสำนึกความซื่อสัตย์สุจริตแก่เยาวชน"),
        (P.TARGET_GROUP, "เยาวชนในเขตตำบล จำนวน 60 คน"),
        (P.METHOD, "จัดอบรม\nติดตามผล"),
        (P.RESPONSIBLE, "สำนักปลัด"),
        (P.OUTPUTS, "เยาวชนเข้าร่วม 60 คน"),
        (P.OUTCOMES, "เยาวชนมีจิตสำนึกสุจริต"),
    ):
        projects.cell(new, pcols[header], value)
    ws = wb[c.SHEET_YEARLY]
    cols = columns(ws)
    last_order = max(
        ws.cell(r, cols[Y.ORDER]).value for r in range(2, ws.max_row + 1) if ws.cell(r, cols[Y.YEAR]).value == YEAR
    )

    def add_row(values: dict):
        row = ws.max_row + 1
        for header, value in values.items():
            ws.cell(row, cols[header], value)
        return row

    marks = {q: (c.QUARTER_INPUT_MARK if on else None) for q, on in zip(Y.QUARTERS, quarters)}
    add_row(
        {
            Y.YEAR: YEAR,
            Y.ORDER: last_order + 1,
            Y.PROJECT_CODE: code,
            Y.NAME: name,
            Y.DIMENSION: dimension,
            Y.BUDGET: budget,
            **marks,
            Y.ADDED_IN: 1,
        }
    )
    old = row_of(ws, cols, YEAR, RAISED[0])
    ws.cell(old, cols[Y.CANCELLED_IN], 1)
    copy = {
        header: ws.cell(old, col).value for header, col in cols.items() if header not in (Y.ADDED_IN, Y.CANCELLED_IN)
    }
    add_row({**copy, Y.BUDGET: RAISED[1], Y.ADDED_IN: 1})
    ws.cell(row_of(ws, cols, YEAR, CANCELLED), cols[Y.CANCELLED_IN], 1)
    wb.save(path)
    return path
