"""The output folder holds one run's set, published all or nothing (issue 10, items 3, 7, 10 and
the output-folder lock)."""

import json
import os
import stat
import subprocess
import sys

import pytest
from openpyxl import load_workbook

import pipeline.run.job
from pipeline import contract as c
from pipeline.cli import main
from pipeline.run.staging import MANIFEST
from tests.broken import digest, make_broken, put, rows_where, setting_row

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def snapshot(out) -> dict:
    """Every file under `out` (hidden ones too) -> its digest."""
    return {p.relative_to(out).as_posix(): digest(p) for p in sorted(out.rglob("*")) if p.is_file()}


def listed(out) -> set:
    return set(json.loads((out / MANIFEST).read_text(encoding="utf-8")))


def ours(out) -> set:
    return {k for k in snapshot(out) if not k.startswith(".")}


def fake_pdf_run(monkeypatch, master, out):
    """A run 'with PDFs' without LibreOffice: each .docx gets a small PDF beside it."""

    def pdfs(documents, book_parts=None, **kwargs):
        made = [d.with_suffix(".pdf") for d in documents if d.suffix == ".docx"]
        for p in made:
            p.write_bytes(b"%PDF-1.4 fake")
        return made

    monkeypatch.setattr(pipeline.run.job.office, "find_soffice", lambda: "/fake/soffice")
    monkeypatch.setattr(pipeline.run.job, "make_pdfs", pdfs)
    monkeypatch.setattr(pipeline.run.job, "recalculate", lambda paths, cache=None: False)
    assert main(["run", str(master), "--out", str(out), "-q"]) == 0
    monkeypatch.undo()


# -- item 7: stale files beside new ones --


def test_a_no_pdf_run_removes_the_previous_pdfs(tmp_path, master_path, monkeypatch):
    out = tmp_path / "out"
    fake_pdf_run(monkeypatch, master_path, out)
    assert (out / "ประกาศ.pdf").exists() and len(list(out.rglob("*.pdf"))) == 82
    (out / "บันทึก.pdf").write_bytes(b"staff's own")
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 0
    assert [p.name for p in out.rglob("*.pdf")] == ["บันทึก.pdf"]
    assert ours(out) - {"บันทึก.pdf"} == listed(out)


def test_a_one_year_run_leaves_only_that_years_set(tmp_path, master_path):
    out = tmp_path / "out"
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 0
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q", "--year", "2567"]) == 0
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["2567"]
    assert not list(out.glob("แผนปฏิบัติการ*"))  # the book of all years is not from this run
    assert [n for n in load_workbook(out / "summary.xlsx").sheetnames if n.startswith(c.SUMMARY_SHEET_PREFIX)] == [
        c.summary_sheet_name(2567)
    ]
    assert ours(out) == listed(out)


def move_plan_a_year(wb):
    for label, year in (("ปีเริ่มต้นแผน", 2567), ("ปีสิ้นสุดแผน", 2571)):
        put(wb, c.SHEET_SETTINGS, setting_row(wb, label), "ค่า", year)
    for row in rows_where(wb, c.SHEET_YEARLY, "ปีงบประมาณ", 2566):
        put(wb, c.SHEET_YEARLY, row, "ปีงบประมาณ", 2571)


def test_moving_the_plan_a_year_removes_the_old_year_and_book(tmp_path, master_path):
    out = tmp_path / "out"
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 0
    (out / "2567" / "บันทึกของฉัน.txt").write_text("mine", encoding="utf-8")
    moved = make_broken(tmp_path, "moved", move_plan_a_year, source=master_path)
    assert main(["run", str(moved), "--out", str(out), "--no-pdf", "-q"]) == 0
    assert not (out / "2566").exists()
    assert not (out / "แผนปฏิบัติการป้องกันการทุจริต 2566-2570.docx").exists()
    assert (out / "แผนปฏิบัติการป้องกันการทุจริต 2567-2571.docx").exists() and (out / "2571").is_dir()
    assert (out / "2567" / "บันทึกของฉัน.txt").read_text(encoding="utf-8") == "mine"
    assert ours(out) - {"2567/บันทึกของฉัน.txt"} == listed(out)


# -- item 3: all or nothing --


def changed_master(tmp_path, master_path):
    return make_broken(
        tmp_path, "changed", lambda wb: put(wb, c.SHEET_YEARLY, 2, "งบประมาณ (บาท)", 12345), source=master_path
    )


def test_a_read_only_year_folder_stops_the_run_before_anything_moves(tmp_path, master_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 0
    before = snapshot(out)
    folder = out / "2568"
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert main(["run", str(changed_master(tmp_path, master_path)), "--out", str(out), "--no-pdf", "-q"]) == 3
    finally:
        folder.chmod(stat.S_IRWXU)
    err = capsys.readouterr().err
    assert "2568" in err and "อ่านอย่างเดียว" in err and "ยังไม่ย้ายไฟล์ใดเลย" in err and "Permission denied" not in err
    assert snapshot(out) == before


@pytest.mark.parametrize("failing_call", [1, 40, 150])
def test_a_move_failing_midway_restores_the_previous_set(tmp_path, master_path, monkeypatch, capsys, failing_call):
    out = tmp_path / "out"
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 0
    before = snapshot(out)
    calls, real_replace = [0], os.replace

    def flaky(src, dst, *args, **kwargs):
        # -- publish() moves files out of staging, aside into .previous-*, and back on failure --
        publishing = ".previous-" in f"{src}{dst}" or (".staging-" in str(src)) != (".staging-" in str(dst))
        calls[0] += publishing
        if publishing and calls[0] == failing_call:
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", flaky)
    code = main(["run", str(changed_master(tmp_path, master_path)), "--out", str(out), "--no-pdf", "--json"])
    monkeypatch.undo()
    assert calls[0] >= failing_call  # -- it did fail (and then moved files back) --
    assert code == 3
    result = json.loads(capsys.readouterr().out)
    assert result["exit_code"] == 3 and result["error"]["code"] == "publish-rolled-back"
    assert "คืนไฟล์ชุดเดิม" in result["error"]["message"] and ".previous-" not in result["error"]["message"]
    assert snapshot(out) == before


# -- item 10: what a killed run leaves --


def test_the_next_run_removes_what_a_dead_run_left_and_not_a_live_ones(tmp_path, master_path):
    out = tmp_path / "out"
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 0
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead_staging = out / f".staging-{dead_pid}-abc"
        live_staging = out / f".staging-{live.pid}-def"
        for folder in (dead_staging, live_staging):
            (folder / "2566").mkdir(parents=True)
            (folder / "2566" / "ตาราง 2566.docx").write_bytes(b"half written")
        assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 0
        assert not dead_staging.exists() and live_staging.exists()
    finally:
        live.kill()
        live.wait()


def test_a_run_killed_while_publishing_gets_its_previous_set_back(tmp_path, master_path):
    out = tmp_path / "out"
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 0
    table = out / "2566" / "ตาราง 2566.docx"
    before = digest(table)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    aside = out / f".previous-{dead.stdout.strip()}-xyz" / "2566"
    aside.mkdir(parents=True)
    os.replace(table, aside / table.name)  # -- killed after moving the old file aside --
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q", "--year", "2567"]) == 0
    assert not list(out.glob(".previous-*"))
    assert not table.exists()  # -- restored, then removed: a 2567-only run does not keep 2566 --
    assert before != "missing"


# -- the output-folder lock --


def test_a_second_run_into_the_same_folder_waits_then_exits_3(tmp_path, master_path, monkeypatch, capsys):
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time; from pathlib import Path; from pipeline.run.outlock import output_lock\n"
                "with output_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(30)"
            ),
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setattr("pipeline.run.outlock.WAIT_SECONDS", 0.5)
        assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "--json"]) == 3
        result = json.loads(capsys.readouterr().out)
        assert result["error"]["code"] == "output-locked" and str(holder.pid) in result["error"]["message"]
        assert not list(out.glob("*.docx"))
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert main(["run", str(master_path), "--out", str(out), "--no-pdf", "-q"]) == 0  # -- dead owner: taken over --


def test_two_runs_at_once_both_finish_with_one_consistent_set(tmp_path, master_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", str(master_path), "--out", str(out), "--no-pdf", "-q"]
    runs = [subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(r.wait(timeout=120), r.stderr.read()) for r in runs]
    for r in runs:
        r.stderr.close()
    assert [code for code, _ in results] == [0, 0], results
    assert ours(out) == listed(out) and not list(out.glob(".staging-*")) and not (out / ".pipeline-run.lock").exists()
