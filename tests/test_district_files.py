"""What the district receives, read safely: zips (no path escapes, no bombs, Thai names from
Windows, junk skipped), a summary.xlsx whose cells were changed, organisation names typed every
way, and many files read by the process pool exactly as one by one."""

import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.district import job
from pipeline.district.collect import collect
from pipeline.district.names import display_name, name_key, thai_sorted
from pipeline.district.submission import read_submission
from pipeline.monitor.aggregate import summarise
from pipeline.monitor.outputs import monitoring_summaries
from pipeline.monitor.reader import read_progress
from pipeline.render.excel.summary import write_summary
from pipeline.workbook.master import open_master
from pipeline.workbook.reader import read_plan
from tests.conftest import MASTER
from tests.district_sample import renamed


def test_zip_members_never_land_outside_the_work_folder(tmp_path):
    folder, work = tmp_path / "in", tmp_path / "work"
    folder.mkdir()
    work.mkdir()
    data = MASTER.read_bytes()
    with zipfile.ZipFile(folder / "แนบ.zip", "w") as archive:
        archive.writestr("../../escaped.xlsx", data)
        archive.writestr("/etc/absolute.xlsx", data)
        archive.writestr("C:\\Windows\\drive.xlsx", data)
        archive.writestr("__MACOSX/._master.xlsx", b"fork")
        archive.writestr("อบต/~$master.xlsx", b"owner")
        archive.writestr("อบต/.DS_Store", b"")
        archive.writestr("ใน/อีก.zip", b"PK")
    found = collect([folder], work)
    assert not (tmp_path / "escaped.xlsx").exists() and not Path("/etc/absolute.xlsx").exists()
    assert all(work in f.path.parents for f in found.files)
    assert sorted(f.path.name for f in found.files) == ["absolute.xlsx", "drive.xlsx", "escaped.xlsx"]
    assert [(p.file, p.code) for p in found.problems] == [("แนบ.zip/ใน/อีก.zip", "zip-nested")]


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path):
    folder, work = tmp_path / "in", tmp_path / "work"
    folder.mkdir()
    work.mkdir()
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.xlsx", b"\0" * (40 * 1024 * 1024))  # -- 40 MB of zeros: ~40 KB packed --
    found = collect([folder], work)
    assert [p.code for p in found.problems] == ["zip-too-big"]
    assert found.files == [] and list(work.iterdir()) == []


class _Cp874Name(zipfile.ZipInfo):
    """A member name stored as Windows' zip tools store Thai: code page bytes, no UTF-8 flag."""

    def _encodeFilenameFlags(self):  # noqa: N802 -- zipfile's own (private) name
        return self.filename.encode("cp437"), self.flag_bits


def test_thai_names_a_windows_zip_tool_stored_in_the_thai_code_page(tmp_path):
    folder, work = tmp_path / "in", tmp_path / "work"
    folder.mkdir()
    work.mkdir()
    name = "อบต.หนองบัว.xlsx"
    with zipfile.ZipFile(folder / "win.zip", "w") as archive:
        archive.writestr(_Cp874Name(name.encode("cp874").decode("cp437")), MASTER.read_bytes())
    (found,) = collect([folder], work).files
    assert found.name == f"win.zip/{name}" and found.path.name == name


def test_a_damaged_zip_is_a_problem_not_a_crash(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "เสีย.zip").write_bytes(b"PK\x03\x04garbage")
    shutil.copyfile(MASTER, folder / "master.xlsx")
    rollup = job.roll_up([folder])
    assert [(p.file, p.code) for p in rollup.problems] == [("เสีย.zip", "zip-unreadable")]
    assert len(rollup.used) == 1


def test_a_summary_with_a_changed_cell_names_it(tmp_path):
    path = write_summary(read_plan(MASTER), tmp_path / "summary.xlsx")
    wb = load_workbook(path)
    ws = wb[c.summary_sheet_name(2567)]
    ws["C5"] = "สาม"  # -- a มิติ typed as a word --
    ws["D6"] = "ไม่ทราบ"
    wb[c.summary_sheet_name(2568)]["B2"] = "โครงการ"  # -- a header renamed --
    wb.save(path)
    sub = read_submission(job.Found("ส่ง/summary.xlsx", path, 0))
    where = {(p.code, p.sheet, p.cell) for p in sub.problems}
    assert where == {
        ("summary-dimension-invalid", "สรุป 2567", "C5"),
        ("summary-budget-invalid", "สรุป 2567", "D6"),
        ("summary-header-changed", "สรุป 2568", "B2"),
    }
    assert not sub.usable and sub.organisation == "องค์การบริหารส่วนตำบลโคกสำโรง"


def test_a_summary_reads_the_same_numbers_as_its_master(tmp_path, sample_master):
    master = open_master(sample_master)
    plan = read_plan(master)
    path = write_summary(plan, tmp_path / "summary.xlsx", None, monitoring_summaries(plan, master, plan.settings.years))
    from_summary = read_submission(job.Found("summary.xlsx", path, 0))
    from_master = read_submission(job.Found("master.xlsx", sample_master, 0))
    assert from_summary.kind == "summary" and from_master.kind == "master"
    assert sorted(from_summary.rows) == sorted(from_master.rows)
    assert sorted(from_summary.progress) == sorted(from_master.progress)
    assert from_summary.data_as_of == from_master.data_as_of
    assert from_summary.dimensions == from_master.dimensions


@pytest.mark.parametrize(
    "typed",
    ["อบต.หนองบัว", "อบต. หนองบัว", "อบต หนองบัว", "องค์การบริหารส่วนตำบล หนองบัว", " องค์การบริหารส่วนตำบลหนองบัว "],
)
def test_organisation_names_are_matched_after_normalising(typed):
    assert display_name(typed) == "องค์การบริหารส่วนตำบลหนองบัว"
    assert name_key(typed) == name_key("องค์การบริหารส่วนตำบลหนองบัว")


def test_every_abbreviation_is_spelled_out():
    assert [display_name(n) for n in ("ทต.บ้านใหม่", "ทม. ชุมแพ", "ทน.ขอนแก่น", "อบจ.ขอนแก่น")] == [
        "เทศบาลตำบลบ้านใหม่",
        "เทศบาลเมืองชุมแพ",
        "เทศบาลนครขอนแก่น",
        "องค์การบริหารส่วนจังหวัดขอนแก่น",
    ]


def test_thai_order_is_the_dictionarys_not_the_code_points():
    names = ["องค์การบริหารส่วนตำบลไก่คำ", "องค์การบริหารส่วนตำบลกุดจิก", "เทศบาลตำบลโนนสูง"]
    assert thai_sorted(names) == ["เทศบาลตำบลโนนสูง", "องค์การบริหารส่วนตำบลกุดจิก", "องค์การบริหารส่วนตำบลไก่คำ"]


def test_the_process_pool_reads_what_one_process_reads(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, name in enumerate(["อบต.ก", "อบต.ข", "อบต.ค", "ทต.ง"]):
        renamed(MASTER, folder / f"{i}.xlsx", name)
    (folder / "เสีย.xlsx").write_bytes(b"x")
    found = collect([folder], tmp_path / "work")
    alone = job.read_files(found.files, workers=1)
    monkeypatch.setattr(job, "POOL_FROM", 1)
    monkeypatch.setattr(job, "CHUNK", 2)
    events, used = [], []
    pool = job._read_in_pool
    monkeypatch.setattr(job, "_read_in_pool", lambda *a: used.append(1) or pool(*a))
    monkeypatch.setattr(job, "_read_sequentially", lambda *a: pytest.fail("the pool did not start"))
    pooled = job.read_files(found.files, workers=2, progress=events.append)
    assert [(s.file, s.organisation, s.rows, [p.code for p in s.problems]) for s in pooled] == [
        (s.file, s.organisation, s.rows, [p.code for p in s.problems]) for s in alone
    ]
    assert events[-1].done == events[-1].total == 5 and used


def test_a_masters_round_counts_as_the_monitoring_report_counts_it(sample_master):
    """submission._round_rows pairs projects and rows without pandas; monitor.aggregate.summarise
    (the organisation's own report) must give the same figures."""
    master = open_master(sample_master)
    plan, progress = read_plan(master), read_progress(master)
    sub = read_submission(job.Found("master.xlsx", sample_master, 0))
    for round_ in (6, 12):
        report = summarise(plan, progress, 2566, round_).total
        rows = [r for r in sub.progress if r[:2] == (2566, round_)]
        statuses = [r[3] for r in rows]
        assert (len(rows), statuses.count(c.STATUS_DONE), statuses.count(c.STATUS_FAILED)) == (
            report.projects,
            report.done,
            report.failed,
        )
        assert [sum(r[i] for r in rows) for i in (4, 5, 6)] == [
            int(v * 100) for v in (report.planned, report.approved, report.spent)
        ]
