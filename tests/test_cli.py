"""The command line shell: every command's help ends in an example; init writes the contract and
never overwrites; the module and console-script entry points both work."""

import subprocess
import sys

import pytest
from broken import digest
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import build_parser, main

COMMANDS = ("init", "import", "validate", "run", "serve", "monitor", "amend", "district")


@pytest.mark.parametrize("command", [*COMMANDS, "monitor init"])
def test_help_ends_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([*command.split(), "--help"])
    assert done.value.code == 0
    help_text = capsys.readouterr().out.rstrip().splitlines()
    assert help_text[-2].strip() == "example:"
    assert help_text[-1].strip().startswith(f"pipeline {command}")


def test_every_command_is_listed():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)


def test_init_writes_an_empty_contract_and_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "แผนใหม่.xlsx"
    assert main(["init", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"สร้างสมุดงานเปล่า: {path}"]
    wb = load_workbook(path)
    assert wb.sheetnames == list(c.CONTRACT_SHEETS)
    before = digest(path)
    assert main(["init", str(path)]) == 3
    assert capsys.readouterr().err.splitlines() == [
        f"ผิดพลาด: มีไฟล์ {path} อยู่แล้ว จะไม่เขียนทับ",
        "วิธีแก้: ใช้ --force ถ้าต้องการเขียนทับ หรือระบุชื่อไฟล์ใหม่",
    ]
    assert digest(path) == before
    assert load_workbook(path).sheetnames == list(c.CONTRACT_SHEETS)  # reopened: still the workbook


def test_python_dash_m_runs_without_a_traceback(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "validate", str(tmp_path / "ไม่มี.xlsx")],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"ผิดพลาด: ไม่พบไฟล์ {tmp_path / 'ไม่มี.xlsx'}", "วิธีแก้: ตรวจชื่อไฟล์และโฟลเดอร์ให้ถูกต้อง"]


def test_an_unexpected_failure_is_one_clear_line_and_a_log(tmp_path, master_path, monkeypatch, capsys):
    import pipeline.run.job

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(pipeline.run.job, "run_pipeline", broken)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert main(["run", str(master_path), "--out", str(tmp_path / "o")]) == 70
    log = tmp_path / "anticorruption-pipeline-error.log"
    assert capsys.readouterr().err.splitlines() == [
        f"ผิดพลาดภายในโปรแกรม (ไม่ใช่ความผิดของข้อมูล) รายละเอียดสำหรับผู้ดูแลระบบอยู่ที่ {log}"
    ]
    assert "simulated bug" in (tmp_path / "anticorruption-pipeline-error.log").read_text(encoding="utf-8")


def test_an_unwritable_output_folder_is_a_clear_message(tmp_path, master_path, monkeypatch, capsys):
    import pipeline.run.job

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "o"))

    monkeypatch.setattr(pipeline.run.job, "new_staging_dir", denied)
    assert main(["run", str(master_path), "--out", str(tmp_path / "o"), "--no-pdf"]) == 3
    err = capsys.readouterr().err
    assert "เขียนไฟล์ไม่ได้" in err and str(tmp_path / "o") in err and "Traceback" not in err
