"""The master workbook is opened once per job, and the fast reader (calamine) sees what openpyxl sees."""

import os
import shutil
import sys
from pathlib import Path

import pytest
from broken import make_broken, put
from conftest import MASTER
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from web_helpers import upload, wait_for

from pipeline import contract as c
from pipeline.cli import main
from pipeline.errors import OutputBlocked
from pipeline.render.excel.writeback import write_back
from pipeline.web import uploads
from pipeline.web.app import create_app
from pipeline.workbook.master import open_master
from pipeline.workbook.safe_edit import open_for_edit, save_edit

_OPENS: list[tuple[str, str]] = []  # (path, mode) of every open() while a test listens


def _audit(event: str, args) -> None:
    if event == "open" and _LISTENING and isinstance(args[0], (str, os.PathLike)):
        _OPENS.append((os.path.realpath(args[0]), str(args[1] or "r")))


_LISTENING = False
sys.addaudithook(_audit)  # -- an audit hook cannot be removed; it only records while a test listens --


def opens_of(path: Path, action) -> int:
    """How often `action()` opens `path` for reading (a real count: the interpreter's audit hook)."""
    global _LISTENING
    _OPENS.clear()
    _LISTENING = True
    try:
        action()
    finally:
        _LISTENING = False
    target = os.path.realpath(path)
    return sum(1 for opened, mode in _OPENS if opened == target and "r" in mode and "+" not in mode)


@pytest.fixture
def master_copy(tmp_path) -> Path:
    path = tmp_path / "master.xlsx"
    shutil.copyfile(MASTER, path)
    return path


def test_validate_opens_the_master_once(master_copy, capsys):
    assert opens_of(master_copy, lambda: main(["validate", str(master_copy)])) == 1


def test_run_opens_the_master_once(master_copy, tmp_path, capsys):
    out = tmp_path / "out"
    count = opens_of(master_copy, lambda: main(["run", str(master_copy), "--out", str(out), "--no-pdf", "-q"]))
    assert count == 1
    assert (out / "summary.xlsx").exists()


def test_a_master_with_formulas_is_still_opened_once(tmp_path, capsys):
    def formula(wb):
        put(wb, c.SHEET_YEARLY, 2, c.YearlyCol.BUDGET, "=10000+10000")

    path = make_broken(tmp_path, "formula.xlsx", formula, source=MASTER)
    master = open_master(path)
    assert master.loader == "openpyxl"  # -- calamine cannot show a formula's text --
    assert opens_of(path, lambda: main(["validate", str(path)])) == 1


def test_the_web_page_opens_an_upload_once(tmp_path):
    root = tmp_path / "web"
    with TestClient(create_app(root=root), base_url="http://127.0.0.1:8750") as client:
        holder = {}

        def submit():
            holder["response"] = upload(client, "/api/runs", MASTER, pdf="0")
            holder["status"] = wait_for(client, holder["response"].json()["id"])

        global _LISTENING
        _OPENS.clear()
        _LISTENING = True
        try:
            submit()
        finally:
            _LISTENING = False
    assert holder["response"].status_code == 202
    assert holder["status"]["state"] == "done"
    reads = [p for p, mode in _OPENS if Path(p).name == uploads.DISK_NAME and "r" in mode and "+" not in mode]
    assert len(reads) == 1, reads


def _cells(master) -> dict:
    return {
        name: (
            sheet.header_cells,
            [(r.number, {k: (v.value, v.data_type) for k, v in r.cells.items()}) for r in sheet.rows],
            [m.coord for m in sheet.merged],
        )
        for name, sheet in master.sheets.items()
    }


@pytest.mark.parametrize("source", ["real", "sample"])
def test_calamine_and_openpyxl_read_the_same_cells(source, sample_master):
    path = MASTER if source == "real" else sample_master
    fast, full = open_master(path), open_master(path, fast=False)
    assert (fast.loader, full.loader) == ("calamine", "openpyxl")
    assert _cells(fast) == _cells(full)
    assert fast.sheetnames == full.sheetnames and fast.has_data and full.has_data


def test_what_calamine_cannot_show_goes_to_openpyxl(tmp_path):
    """Excel's _xHHHH_ escapes (calamine decodes them, the text-invisible check needs them raw), an
    Excel error cell, and a stray cell far down (calamine's grid is dense)."""
    cases = {
        "escape.xlsx": lambda wb: put(wb, c.SHEET_PROJECTS, 2, c.ProjectCol.NAME, "โครงการ_x000D_อบรม"),
        "stray.xlsx": lambda wb: wb[c.SHEET_YEARLY].cell(900_000, 11, " x"),
    }
    for name, mutate in cases.items():
        path = make_broken(tmp_path, name, mutate, source=MASTER)
        master = open_master(path)
        assert master.loader == "openpyxl", name
    error = make_broken(
        tmp_path, "error.xlsx", lambda wb: put(wb, c.SHEET_YEARLY, 2, c.YearlyCol.NOTE, "#DIV/0!"), source=MASTER
    )
    assert load_workbook(error)[c.SHEET_YEARLY]["K2"].data_type == "e"
    assert open_master(error).loader == "openpyxl"


def test_an_edit_refuses_a_master_saved_again_since_it_was_read(master_copy, small_plan):
    """Staff saved in Excel between our read and our write: their file is kept, no backup is made."""
    master = open_master(master_copy)
    before = master_copy.read_bytes()
    os.utime(master_copy, ns=(master.stat[1] + 10**9, master.stat[1] + 10**9))  # -- "saved" a second later --
    with pytest.raises(OutputBlocked) as caught:
        write_back(master, small_plan, recalculate=False)
    assert caught.value.code == "master-changed"
    assert master_copy.read_bytes() == before
    assert not list(master_copy.parent.glob("*.backup-*"))


def test_a_failed_edit_leaves_the_master_and_no_backup(master_copy, small_plan):
    before = master_copy.read_bytes()
    master = open_master(master_copy)
    wb = open_for_edit(master, lambda lost: pytest.fail(f"refused: {lost}"))

    def broken(tmp):
        raise RuntimeError("LibreOffice went away")

    with pytest.raises(RuntimeError):
        save_edit(master, wb, "test", finish=broken)
    assert master_copy.read_bytes() == before
    assert sorted(p.name for p in master_copy.parent.iterdir()) == ["master.xlsx"]


def test_a_backup_is_made_before_the_replace_and_kept_on_success(master_copy):
    before = master_copy.read_bytes()
    master = open_master(master_copy)
    wb = open_for_edit(master, lambda lost: pytest.fail(f"refused: {lost}"))
    seen = {}
    backup, _ = save_edit(
        master, wb, "test", finish=lambda tmp: seen.update(backups=list(master_copy.parent.glob("*.backup-*")))
    )
    assert seen["backups"] == [backup]  # -- the backup exists while the new file is being finished --
    assert backup.read_bytes() == before


def test_monitor_init_opens_the_master_once(master_copy, capsys):
    argv = ["monitor", "init", str(master_copy), "--year", "2566", "--round", "6"]
    assert opens_of(master_copy, lambda: main(argv)) == 1
    assert "2566" in capsys.readouterr().out
    assert len(list(master_copy.parent.glob("master.backup-*.xlsx"))) == 1
