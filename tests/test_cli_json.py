"""`--json` prints exactly one JSON object with `exit_code` and `error` for every exit of every
command: success, validation errors, unreadable files, usage errors, blocked outputs, broken
templates, LibreOffice failures, bugs and Ctrl+C."""

import json
import shutil
import zipfile

import pytest
from broken import make_broken, put
from conftest import MASTER, ROOT

from pipeline import contract as c
from pipeline.cli import main
from pipeline.errors import ConversionFailed
from pipeline.render.word import word


def one_object(capsys) -> dict:
    out = capsys.readouterr().out
    data = json.loads(out)  # -- fails on anything but exactly one JSON document --
    assert isinstance(data, dict) and {"exit_code", "error"} <= data.keys()
    return data


def run_json(capsys, argv: list[str]) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    data = one_object(capsys)
    assert data["exit_code"] == code
    if code == 0:
        assert data["error"] is None
    elif code != 1:  # -- exit 1 may be validation errors: those are the report's problems, not an error --
        assert data["error"]["exit_code"] == code
    return code, data


@pytest.fixture
def master(tmp_path):
    path = tmp_path / "master.xlsx"
    shutil.copyfile(MASTER, path)
    return path


def test_success_of_every_command(tmp_path, master, capsys):
    assert run_json(capsys, ["validate", str(master)])[0] == 0
    code, data = run_json(capsys, ["init", str(tmp_path / "new.xlsx")])
    assert code == 0 and data["written"].endswith("new.xlsx")
    source = next((ROOT / "inputs" / "source").glob("*.txt"))
    code, data = run_json(capsys, ["import", str(source), "-o", str(tmp_path / "imported.xlsx")])
    assert code == 0 and data["projects"] > 0 and data["anomalies"]
    code, data = run_json(capsys, ["monitor", "init", str(master), "--year", "2566", "--round", "6"])
    assert code == 0 and data["added"] and data["backup"]
    code, data = run_json(capsys, ["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf"])
    assert code == 0 and data["files"]


def test_validation_errors_exit_1(tmp_path, capsys):
    bad = make_broken(
        tmp_path, "bad.xlsx", lambda wb: put(wb, c.SHEET_YEARLY, 2, c.YearlyCol.BUDGET, "ยี่สิบ"), source=MASTER
    )
    code, data = run_json(capsys, ["validate", str(bad)])
    assert code == 1 and data["error"] is None and data["errors"] >= 1
    code, data = run_json(capsys, ["run", str(bad), "--out", str(tmp_path / "out"), "--no-pdf"])
    assert code == 1 and data["valid"] is False


def test_an_unreadable_file_and_a_usage_error_exit_2(tmp_path, capsys):
    missing = tmp_path / "missing.xlsx"
    for argv in (["validate", str(missing)], ["run", str(missing), "--out", str(tmp_path / "o")]):
        code, data = run_json(capsys, argv)
        assert code == 2 and data["error"]["code"] == "file-not-found"
    for argv in (["run", "--no-such-option"], ["monitor", "init", "--year", "2566"], ["frobnicate"]):
        code, data = run_json(capsys, argv)
        assert code == 2 and data["error"]["code"] == "usage-error", argv


def test_a_usage_error_without_json_prints_the_usage_and_a_thai_line(capsys):
    assert main(["run", "--no-such-option"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: pipeline") and "ผิดพลาด: คำสั่งไม่ถูกต้อง" in err


def test_a_blocked_output_exits_3(tmp_path, master, capsys):
    code, data = run_json(capsys, ["init", str(master)])  # -- exists, no --force --
    assert code == 3 and data["error"]["code"] == "output-blocked"


def test_a_broken_template_exits_4(tmp_path, master, capsys):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "pipeline" / "templates", templates)
    with zipfile.ZipFile(ROOT / "pipeline" / "templates" / "announcement.docx") as src:
        parts = {name: src.read(name) for name in src.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"{{ organisation }}", b"{{ organisation|shout }}")
    with zipfile.ZipFile(templates / "announcement.docx", "w") as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    code, data = run_json(
        capsys, ["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--templates", str(templates)]
    )
    assert code == 4 and data["notices"] == []


def test_libreoffice_failing_exits_5(tmp_path, master, capsys, monkeypatch):
    def fail(*args, **kwargs):
        raise ConversionFailed("LibreOffice แปลงไฟล์ไม่สำเร็จ", english="LibreOffice failed")

    monkeypatch.setattr("pipeline.run.job.office.find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr("pipeline.run.job.make_pdfs", fail)
    monkeypatch.setattr("pipeline.run.job.recalculate", lambda paths, cache=None: False)
    code, data = run_json(capsys, ["run", str(master), "--out", str(tmp_path / "out")])
    assert code == 5 and data["error"]["code"] == "libreoffice-failed"


def test_a_bug_exits_70_and_ctrl_c_130(tmp_path, master, capsys, monkeypatch):
    def bug(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(word, "render_documents", bug)
    monkeypatch.setattr("pipeline.run.job.render_documents", bug)
    code, data = run_json(capsys, ["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf"])
    assert code == 70 and data["error"]["code"] == "internal-error"

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("pipeline.run.job.render_documents", interrupted)
    code, data = run_json(capsys, ["run", str(master), "--out", str(tmp_path / "out2"), "--no-pdf"])
    assert code == 130 and data["error"]["code"] == "interrupted"
    code, data = run_json(capsys, ["validate", str(master)])  # -- and the next command is unaffected --
    assert code == 0


def test_a_damaged_template_exits_4_naming_it(tmp_path, master, capsys):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "announcement.docx").write_bytes(b"not a docx")
    code, data = run_json(
        capsys, ["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--templates", str(templates)]
    )
    assert code == 4 and data["error"]["template"] == "announcement.docx"


def test_the_run_says_which_templates_came_from_where(tmp_path, master, capsys):
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copyfile(ROOT / "pipeline" / "templates" / "year_table.docx", templates / "year_table.docx")
    code, data = run_json(
        capsys, ["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--templates", str(templates)]
    )
    assert code == 0
    assert data["templates"]["year_table.docx"] == str(templates / "year_table.docx")
    assert set(data["templates"]) == {"announcement.docx", "year_table.docx", "project_sheet.docx", "planbook.docx"}
    assert main(["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--templates", str(templates)]) == 0
    assert f"year_table.docx จาก {templates}" in capsys.readouterr().out
