"""The Excel report: every problem on one sheet, each with a link that opens the master at the cell."""

import os
from pathlib import Path
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from pipeline import contract as c
from pipeline.errors import OutputBlocked
from pipeline.validate.problems import ERROR, Report
from pipeline.workbook.cells import put_value
from pipeline.workbook.guards import check_writable
from pipeline.workbook.styles import BODY, FONT_NAME, HEADER, HEADER_FILL
from pipeline.workbook.writer import save_workbook

COLUMNS = (
    ("ระดับ", 10),
    ("แผ่นงาน", 12),
    ("ช่อง", 8),
    ("ตำแหน่ง (คลิกเพื่อไปที่ช่อง)", 24),
    ("รหัสปัญหา", 24),
    ("ค่าในช่อง", 30),
    ("รายละเอียดและวิธีแก้", 90),
    ("English", 60),
)
SEVERITY = {ERROR: "ผิดพลาด", "warning": "คำเตือน"}
FILLS = {ERROR: PatternFill("solid", fgColor="F8CBAD"), "warning": PatternFill("solid", fgColor="FFF2CC")}
LINK = Font(name=FONT_NAME, size=16, color="0563C1", underline="single")


def write_report_xlsx(
    report: Report, path: Path, *, workbook_name: str | None = None, folder: Path | None = None
) -> Path:
    """Write sheet `ผลการตรวจสอบ` to `path` (never onto the master itself) and return the path.

    Each problem links to its cell by an address relative to the report's folder, so the links
    still work when the report and the master are zipped, e-mailed or moved together, and no
    user's folder is written into the file. `workbook_name`: the master's file name, for a report
    that will sit beside it (the web page names the uploaded file, not the server's copy);
    `folder`: where the report will be read from, when it is written elsewhere first (staging)."""
    path = Path(path)
    master = Path(report.workbook).resolve()
    if path.resolve() == master:
        raise OutputBlocked(
            f"จะไม่เขียนรายงานทับสมุดงานหลัก {path}",
            hint="ระบุไฟล์อื่น เช่น outputs/validation.xlsx",
            english="refusing to write the report over the master workbook",
        )
    target = quote(workbook_name) if workbook_name else _relative(master, folder or path.parent)
    if path.parent.is_dir():  # -- a missing folder is made by save_workbook --
        check_writable(path)  # -- a report staff left open in Excel is not written under them --
    wb = Workbook()
    ws = wb.active
    ws.title = c.VALIDATION_SHEET
    ws.append([name for name, _ in COLUMNS])
    for cell, (_, width) in zip(ws[1], COLUMNS):
        cell.font, cell.fill = HEADER, HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "A2"
    for p in report.problems:
        ws.append(
            [
                SEVERITY.get(p.severity, p.severity),
                p.sheet,
                p.cell,
                p.location or "(ทั้งไฟล์)",
                p.code,
                None,
                p.message,
                p.message_en,
            ]
        )
        row = ws.max_row
        put_value(ws.cell(row, 6), p.value)  # -- as typed: a formula's text stays text --
        for cell in ws[row]:
            cell.font, cell.alignment = BODY, Alignment(wrap_text=True, vertical="top")
        ws.cell(row, 1).fill = FILLS.get(p.severity, PatternFill())
        if p.sheet:
            _link(ws.cell(row, 4), target, master.name, p.sheet, p.cell or "A1")
    ws.auto_filter.ref = ws.dimensions
    _page_setup(ws)
    save_workbook(wb, path)
    return path


def _relative(master: Path, folder: Path) -> str:
    """The master's address seen from the report's folder ("../inputs/master.xlsx"), URL-encoded;
    its file:// address only when there is no relative way (another drive on Windows)."""
    try:
        rel = os.path.relpath(master, Path(folder).resolve())
    except ValueError:
        return master.as_uri()
    return quote(Path(rel).as_posix())


def _link(cell, target: str, name: str, sheet: str, a1: str) -> None:
    """A link to the master opened at the cell: Excel and LibreOffice follow the file address,
    then jump to the sub-address `'sheet'!A1`."""
    location = f"'{sheet}'!{a1}"
    cell.hyperlink = Hyperlink(
        ref=cell.coordinate, target=target, location=location, tooltip=f"เปิด {name} ที่ {sheet}!{a1}"
    )
    cell.font = LINK


def _page_setup(ws) -> None:
    """A4 landscape, all columns on the page's width, the header row on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.5
