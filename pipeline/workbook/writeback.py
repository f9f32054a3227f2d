"""Replace the summary sheets inside the master workbook, changing nothing else, or refuse.

Order matters: every refusal (locked, read-only, content openpyxl would drop) happens before any
byte is written. Then a timestamped backup, a temporary file in the same folder and os.replace,
so the master is either the old file or the complete new one.

The master gets the summary sheets *without* the overview chart: a chart is a drawing part, and a
drawing is exactly what makes write-back refuse (openpyxl cannot promise to keep staff's drawings).
Keeping our chart out of the master means a master we wrote before is written back again.

Cached values: the master is never round-tripped through LibreOffice (it rewrites styles,
validations and names of the staff's sheets). Instead LibreOffice recalculates a copy and only the
summary sheets' results are copied into the new file (pipeline.render.excel.recalc.store_cached_values);
the file is also marked "recalculate on open" for Excel.
"""
import glob
import shutil
import warnings
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from pipeline.errors import OutputBlocked, WorkbookUnreadable
from pipeline.model import Plan
from pipeline.processes import left_by_dead_run
from pipeline.render.excel.recalc import store_cached_values
from pipeline.render.excel.summary import add_summary_sheets, is_summary_sheet
from pipeline.workbook.atomic import atomic_replace
from pipeline.workbook.guards import blocked, check_writable
from pipeline.workbook.writeback_parts import unsupported_parts

TMP_TAG = "writeback"  # -- atomic_replace names its file .{stem}.writeback-PID.tmp.xlsx --

TMP_PREFIX = ".{stem}.writeback-"
# -- openpyxl notices that lose nothing of the staff's (it only adds its default style) --
HARMLESS_WARNINGS = ("Workbook contains no default style",)


@dataclass
class WriteBackResult:
    path: Path
    backup: Path
    recalculated: bool


def write_back(master: Path, plan: Plan, years: list[int] | None = None, *,
               recalculate: bool = True) -> WriteBackResult:
    master = Path(master)
    _check_readable(master)
    check_writable(master)
    lost = unsupported_parts(master)
    if lost:
        _refuse_loss(master, lost)
    wb = _load(master)
    active = wb.active.title if wb.active is not None else None
    add_summary_sheets(wb, plan, years, chart=False)
    _restore_active(wb, active)
    wb.calculation.fullCalcOnLoad = True  # Excel computes the totals when the file opens
    remove_dead_temporaries(master)
    try:
        with atomic_replace(master, TMP_TAG) as tmp:
            wb.save(tmp)
            recalculated = recalculate and store_cached_values(
                tmp, [ws.title for ws in wb.worksheets if is_summary_sheet(ws.title)])
            backup = make_backup(master)  # -- only once the new file is complete: a failure leaves none --
    except PermissionError:
        raise blocked(master, "ไฟล์ถูกเปิดหรือล็อกอยู่", "cannot replace the workbook") from None
    return WriteBackResult(master, backup, recalculated)


def remove_dead_temporaries(master: Path) -> None:
    """A write-back killed midway leaves `.master.writeback-PID.tmp.xlsx` (and the recalculation's
    copy of it, with one more dot): remove those of dead runs, never a live run's."""
    prefix = f".{master.stem}.{TMP_TAG}-"
    for start in (prefix, "." + prefix):
        for leftover in master.parent.glob(f"{glob.escape(start)}*{master.suffix}"):
            if left_by_dead_run(leftover.name, start):
                leftover.unlink(missing_ok=True)


def make_backup(path: Path, now: datetime | None = None) -> Path:
    """Byte-for-byte copy `name.backup-YYYYmmdd-HHMMSS.xlsx` beside it; never overwrites one."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        suffix = "" if n == 1 else f"-{n}"
        backup = path.with_name(f"{path.stem}.backup-{stamp}{suffix}{path.suffix}")
        try:
            with open(path, "rb") as src, open(backup, "xb") as dst:  # "x": fails if it exists
                shutil.copyfileobj(src, dst)
            return backup
        except FileExistsError:
            continue
    raise blocked(path, "สร้างไฟล์สำรองไม่ได้ (มีไฟล์สำรองชื่อซ้ำมากเกินไป)", "too many backups")


def _check_readable(path: Path) -> None:
    if not path.is_file() or not zipfile.is_zipfile(path):
        raise WorkbookUnreadable(f"ไม่พบสมุดงาน Excel (.xlsx) ที่ {path}",
                                 hint="ตรวจชื่อไฟล์ หรือเปิดใน Excel แล้วบันทึกเป็น .xlsx",
                                 english=f"not an .xlsx workbook: {path}")


def _load(path: Path):
    """Load for editing; any openpyxl warning that it drops something is a refusal."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wb = load_workbook(path, keep_links=True)
    dropped = sorted({str(w.message) for w in caught
                      if not str(w.message).startswith(HARMLESS_WARNINGS)})
    if dropped:
        _refuse_loss(path, [f"ส่วนที่ openpyxl แจ้งว่าจะตัดทิ้ง: {m}" for m in dropped])
    return wb


def _restore_active(wb, title: str | None) -> None:
    """Keep the tab staff left open; exactly one selected tab, or Excel groups the sheets."""
    names = wb.sheetnames
    keep = title if title in names and not is_summary_sheet(title) else names[0]
    wb.active = names.index(keep)
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws.title == keep


def _refuse_loss(path: Path, lost: list[str]) -> None:
    listing = "\n".join(f"  - {line}" for line in lost)
    raise OutputBlocked(
        f"ไม่เขียนสรุปกลับลงใน {path.name} เพราะจะทำให้สิ่งต่อไปนี้หายไป:\n{listing}\n"
        f"ไฟล์ {path.name} ไม่ถูกแก้ไข (ตารางสรุปอยู่ในไฟล์ summary.xlsx ที่เขียนแยกไว้)",
        hint="ย้ายสิ่งที่ระบุไปไว้ในไฟล์อื่นแล้วสั่งใหม่ หรือส่งไฟล์ summary.xlsx แทนการเขียนกลับ",
        english=f"write-back refused, would lose: {lost}", code="write-back-refused")
