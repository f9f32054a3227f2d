"""A district's folder of submissions, built from the real master for the roll-up's tests
(tests/test_district*.py), with what each organisation sent and what the roll-up must find.

    folder = make_district_folder(tmp_path / "ส่งมา")

    โคกสำโรง/master.xlsx       the real master as it is (no monitoring rows)
    หนองบัว.xlsx               "อบต.หนองบัว": other budgets, 2566 monitoring rows, statuses changed
    กุดจิก/แผน กุดจิก.xlsx       "องค์การบริหารส่วนตำบล กุดจิก": other budgets and monitoring rows
    บ้านใหม่/summary.xlsx      only the summary.xlsx of `pipeline run --no-pdf` ("ทต.บ้านใหม่")
    อีเมล.zip                  ไก่คำ/master.xlsx inside ("เทศบาลตำบลไก่คำ"), plus __MACOSX junk
    ดอนแดง.xlsx                a budget typed as text: does not validate (แผนรายปี!F3)
    เสีย.xlsx                  half a file (a damaged zip)
    ซ้ำ/หนองบัว-เก่า.xlsx         หนองบัว again with an earlier ข้อมูล ณ วันที่: superseded
    ประกาศ.docx                not a workbook: skipped
    รายชื่อหน่วยงาน.xlsx         the list; หนองหญ้าปล้อง has sent nothing

The organisations' masters are kept beside the folder (`sources/`) so a test can compute every
expected number from them with openpyxl, independently of the code under test.
"""

import shutil
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

from pipeline import contract as c
from pipeline.run.job import run_pipeline
from pipeline.workbook.cells import put_text
from tests.broken import put, setting_row
from tests.conftest import MASTER
from tests.monitoring_sample import make_sample_master

BUDGET_COL = c.YEARLY_HEADERS.index(c.YearlyCol.BUDGET) + 1
STATUS_COL = c.MONITORING_HEADERS.index(c.MonitoringCol.STATUS) + 1
ROUND_COL = c.MONITORING_HEADERS.index(c.MonitoringCol.ROUND) + 1
# -- organisation as typed in its file -> (source file name, budget per yearly row by position) --
KHOKSAMRONG = "องค์การบริหารส่วนตำบลโคกสำโรง"
NONGBUA = "อบต.หนองบัว"
KUDJIK = "องค์การบริหารส่วนตำบล กุดจิก"
BANMAI = "ทต.บ้านใหม่"
KAIKHAM = "เทศบาลตำบลไก่คำ"
DONDAENG = "องค์การบริหารส่วนตำบลดอนแดง"
MISSING = "องค์การบริหารส่วนตำบลหนองหญ้าปล้อง"
LISTED = [
    "อบต.โคกสำโรง",
    "องค์การบริหารส่วนตำบลหนองบัว",
    "องค์การบริหารส่วนตำบลกุดจิก",
    "เทศบาลตำบลบ้านใหม่",
    "ทต. ไก่คำ",
    "องค์การบริหารส่วนตำบลดอนแดง",
    MISSING,
]
USED_FILES = {  # -- what the roll-up must use for each organisation (display name -> file) --
    "องค์การบริหารส่วนตำบลโคกสำโรง": "โคกสำโรง/master.xlsx",
    "องค์การบริหารส่วนตำบลหนองบัว": "หนองบัว.xlsx",
    "องค์การบริหารส่วนตำบลกุดจิก": "กุดจิก/แผน กุดจิก.xlsx",
    "เทศบาลตำบลบ้านใหม่": "บ้านใหม่/summary.xlsx",
    "เทศบาลตำบลไก่คำ": "อีเมล.zip/ไก่คำ/master.xlsx",
}


def renamed(source: Path, target: Path, organisation: str, budget=None, as_of=None) -> Path:
    """A copy of `source` under another organisation name, each yearly row's budget `budget(i)`."""
    wb = load_workbook(source)
    settings = wb[c.SHEET_SETTINGS]
    put_text(settings.cell(setting_row(wb, "หน่วยงาน"), 2), organisation)  # -- typed, even "=…" --
    if as_of is not None:
        settings.cell(setting_row(wb, "ข้อมูล ณ วันที่"), 2).value = as_of
    if budget is not None:
        yearly = wb[c.SHEET_YEARLY]
        for i, row in enumerate(range(2, yearly.max_row + 1)):
            yearly.cell(row, BUDGET_COL).value = budget(i)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def with_monitoring(plan: Path, folder: Path, name: str, statuses: dict[int, str] | None = None) -> Path:
    """The 2566 monitoring rows of tests/monitoring_sample.py added to `plan`, then `statuses`
    (row number -> status) typed over them."""
    path = make_sample_master(folder, source=plan, name=name)
    if statuses:
        wb = load_workbook(path)
        ws = wb[c.SHEET_MONITORING]
        for row, status in statuses.items():
            ws.cell(row, STATUS_COL).value = status
        wb.save(path)
    return path


def make_district_folder(folder: Path) -> Path:
    sources = folder.parent / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    folder.mkdir(parents=True)
    (folder / "โคกสำโรง").mkdir()
    shutil.copyfile(MASTER, folder / "โคกสำโรง" / "master.xlsx")

    plan = renamed(MASTER, sources / "nongbua-plan.xlsx", NONGBUA, budget=lambda i: 1000 * (i % 7))
    nongbua = with_monitoring(plan, sources, "nongbua.xlsx", {2: c.STATUS_NOT_STARTED, 3: c.STATUS_IN_PROGRESS})
    shutil.copyfile(nongbua, folder / "หนองบัว.xlsx")

    plan = renamed(MASTER, sources / "kudjik-plan.xlsx", KUDJIK, budget=lambda i: 2500.5 if i % 5 == 0 else 0)
    kudjik = with_monitoring(plan, sources, "kudjik.xlsx", {29: c.STATUS_DONE})
    (folder / "กุดจิก").mkdir()
    shutil.copyfile(kudjik, folder / "กุดจิก" / "แผน กุดจิก.xlsx")

    plan = renamed(MASTER, sources / "banmai-plan.xlsx", BANMAI, budget=lambda i: 300 * i)
    banmai = with_monitoring(plan, sources, "banmai.xlsx")
    assert run_pipeline(banmai, sources / "banmai-out", pdf=False).exit_code == 0  # -- `pipeline run --no-pdf` --
    (folder / "บ้านใหม่").mkdir()
    shutil.copyfile(sources / "banmai-out" / "summary.xlsx", folder / "บ้านใหม่" / "summary.xlsx")

    kaikham = renamed(MASTER, sources / "kaikham.xlsx", KAIKHAM, budget=lambda i: 100)
    with zipfile.ZipFile(folder / "อีเมล.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(kaikham, "ไก่คำ/master.xlsx")
        archive.writestr("__MACOSX/ไก่คำ/._master.xlsx", b"resource fork")

    broken = renamed(MASTER, sources / "dondaeng.xlsx", DONDAENG)
    wb = load_workbook(broken)
    put(wb, c.SHEET_YEARLY, 3, c.YearlyCol.BUDGET, "ยังไม่ทราบ")
    wb.save(folder / "ดอนแดง.xlsx")

    data = MASTER.read_bytes()
    (folder / "เสีย.xlsx").write_bytes(data[: len(data) // 2])
    older = renamed(nongbua, sources / "nongbua-old.xlsx", NONGBUA, as_of=datetime(2023, 1, 5))
    (folder / "ซ้ำ").mkdir()
    shutil.copyfile(older, folder / "ซ้ำ" / "หนองบัว-เก่า.xlsx")
    (folder / "ประกาศ.docx").write_bytes(b"PK\x03\x04 not really a document")
    (folder / "~$หนองบัว.xlsx").write_bytes(b"owner")  # -- Excel's lock file: never a submission --

    wb = Workbook()
    ws = wb.active
    ws.title = "รายชื่อหน่วยงาน"
    ws.append(["ชื่อหน่วยงาน"])
    for name in LISTED:
        ws.append([name])
    wb.save(folder / "รายชื่อหน่วยงาน.xlsx")
    return folder


def sources_of(folder: Path) -> dict[str, Path]:
    """Display name -> the master each used submission came from (the summary's: its master)."""
    src = folder.parent / "sources"
    return {
        "องค์การบริหารส่วนตำบลโคกสำโรง": MASTER,
        "องค์การบริหารส่วนตำบลหนองบัว": src / "nongbua.xlsx",
        "องค์การบริหารส่วนตำบลกุดจิก": src / "kudjik.xlsx",
        "เทศบาลตำบลบ้านใหม่": src / "banmai.xlsx",
        "เทศบาลตำบลไก่คำ": src / "kaikham.xlsx",
    }
