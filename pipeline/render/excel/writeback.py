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
without LibreOffice (--no-pdf) the results computed in Python are stored (pipeline.render.excel.formulas);
the file is also marked "recalculate on open" for Excel.
"""

import glob
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import OutputBlocked
from pipeline.model import Plan
from pipeline.office.processes import left_by_dead_run
from pipeline.render.excel.formulas import computed_values
from pipeline.render.excel.recalc import store_cached_values, store_values
from pipeline.render.excel.summary import add_summary_sheets, is_summary_sheet
from pipeline.workbook.master import Master, open_master
from pipeline.workbook.safe_edit import open_for_edit, save_edit

TMP_TAG = "writeback"  # -- atomic_replace names its file .{stem}.writeback-PID.tmp.xlsx --


@dataclass
class WriteBackResult:
    path: Path
    backup: Path
    recalculated: bool


def write_back(
    master: Master | Path, plan: Plan, years: list[int] | None = None, *, recalculate: bool = True
) -> WriteBackResult:
    master = master if isinstance(master, Master) else open_master(master)
    wb = open_for_edit(master, lambda lost: _refuse_loss(master.path, lost))
    active = wb.active.title if wb.active is not None else None
    add_summary_sheets(wb, plan, years, chart=False)
    _restore_active(wb, active)
    wb.calculation.fullCalcOnLoad = True  # Excel computes the totals when the file opens
    remove_dead_temporaries(master.path)
    summary_sheets = [ws.title for ws in wb.worksheets if is_summary_sheet(ws.title)]
    backup, recalculated = save_edit(
        master, wb, TMP_TAG, finish=lambda tmp: _store_results(tmp, wb, summary_sheets, recalculate)
    )
    return WriteBackResult(master.path, backup, bool(recalculated))


def _store_results(tmp: Path, wb, sheets: list[str], recalculate: bool) -> bool:
    """The summary sheets' results computed in Python, then LibreOffice's when it runs."""
    store_values(tmp, computed_values(wb, sheets))
    return bool(recalculate and store_cached_values(tmp, sheets))


def remove_dead_temporaries(master: Path) -> None:
    """A write-back killed midway leaves `.master.writeback-PID.tmp.xlsx` (and the recalculation's
    copy of it, with one more dot): remove those of dead runs, never a live run's."""
    prefix = f".{master.stem}.{TMP_TAG}-"
    for start in (prefix, "." + prefix):
        for leftover in master.parent.glob(f"{glob.escape(start)}*{master.suffix}"):
            if left_by_dead_run(leftover.name, start):
                leftover.unlink(missing_ok=True)


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
        english=f"write-back refused, would lose: {lost}",
        code="write-back-refused",
    )
