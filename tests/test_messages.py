"""Messages staff see (issue 10, item 11): .ods told how to save as .xlsx, --lang en for file
errors, run --json for every exit, LibreOffice failures name the document, one project name."""

import json
import zipfile

import pytest
from docx import Document

from pipeline import contract as c
from pipeline.cli import main
from pipeline.office import soffice as office
from pipeline.render.word.linebreak import visible
from tests.broken import make_broken, put


def ods_file(tmp_path, name):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    return path


@pytest.mark.parametrize("name", ["master.ods", "renamed-ods.xlsx"])
def test_an_ods_file_is_told_to_be_saved_as_xlsx_from_calc(tmp_path, capsys, name):
    path = ods_file(tmp_path, name)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert ".ods" in err and "บันทึกเป็น" in err and "Calc" in err and "เปลี่ยนชื่อไฟล์" not in err
    assert main(["validate", str(path), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["problems"][0]["code"] == "file-is-ods"


def test_english_file_errors_are_english(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing.xlsx"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: file not found") and not any("\u0e00" <= ch <= "\u0e7f" for ch in err)


def test_run_json_prints_an_object_for_an_unreadable_file(tmp_path, capsys):
    assert main(["run", str(tmp_path / "missing.xlsx"), "--out", str(tmp_path / "o"), "--json"]) == 2
    result = json.loads(capsys.readouterr().out)
    assert result["exit_code"] == 2 and result["error"]["code"] == "file-not-found" and result["files"] == []


def test_run_json_prints_an_object_when_libreoffice_fails(tmp_path, master_path, monkeypatch, capsys):
    def broken(paths, target, out_dir, **kwargs):
        raise office.ConversionFailed("LibreOffice ทำงานผิดพลาด (รหัส 1)")

    monkeypatch.setattr(office, "find_soffice", lambda: "/fake/soffice")
    monkeypatch.setattr(office, "convert", broken)
    assert main(["run", str(master_path), "--out", str(tmp_path / "o"), "--json"]) == 5
    result = json.loads(capsys.readouterr().out)
    assert result["exit_code"] == 5 and result["error"]["code"] == "libreoffice-failed"


def test_a_failed_conversion_names_the_document_not_the_temporary_file(tmp_path, monkeypatch):
    from pipeline.render.pdf.convert import _convert_all

    folder = tmp_path / "2566"
    folder.mkdir()
    docs = [folder / "ตาราง 2566.docx", folder / "ลำดับที่ 01 โครงการ.docx"]
    for d in docs:
        d.write_bytes(b"not really a document")
    monkeypatch.setattr(office, "find_soffice", lambda: "/fake/soffice")
    monkeypatch.setattr(office, "_run_batch", lambda *args: None)  # -- LibreOffice wrote nothing --
    with pytest.raises(office.ConversionFailed) as caught:
        _convert_all(docs)
    assert "ตาราง 2566.docx" in caught.value.message and "00000" not in caught.value.message


def test_a_project_renamed_only_in_projects_is_printed_with_its_new_name(tmp_path, master_path, capsys):
    path = make_broken(
        tmp_path,
        "renamed",
        lambda wb: put(wb, c.SHEET_PROJECTS, 9, "ชื่อโครงการ", "โครงการเวทีประชาคมใหม่"),
        source=master_path,
    )
    out = tmp_path / "out"
    assert main(["run", str(path), "--out", str(out), "--no-pdf", "--json"]) == 0
    cells = [
        visible(cell.text)
        for t in Document(out / "2566" / "ตาราง 2566.docx").tables
        for r in t.rows
        for cell in r.cells
    ]
    assert "โครงการเวทีประชาคมใหม่" in cells and "โครงการจัดเวทีประชาคม" not in cells
    assert (out / "2566" / "ลำดับที่ 08 โครงการเวทีประชาคมใหม่.docx").exists()
    capsys.readouterr()
    assert main(["validate", str(path), "--json"]) == 0
    differs = [p for p in json.loads(capsys.readouterr().out)["problems"] if p["code"] == "row-name-differs"]
    assert differs and all("ตารางใช้ชื่อจากแผ่นงาน โครงการ" in p["message"] for p in differs)


def test_run_json_prints_an_object_for_an_internal_error(tmp_path, master_path, monkeypatch, capsys):
    import pipeline.run.job

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(pipeline.run.job, "run_pipeline", broken)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert main(["run", str(master_path), "--out", str(tmp_path / "o"), "--json"]) == 70
    result = json.loads(capsys.readouterr().out)
    assert result["exit_code"] == 70 and result["error"]["code"] == "internal-error"


def test_validate_json_prints_an_object_when_the_report_cannot_be_written(tmp_path, master_path, capsys):
    report = tmp_path / "validation.xlsx"
    report.write_bytes(b"old")
    (tmp_path / "~$validation.xlsx").write_bytes(b"owner")  # -- open in Excel --
    assert main(["validate", str(master_path), "--json", "--report", str(report)]) == 3
    printed = capsys.readouterr().out
    result = json.loads(printed[printed.rindex('{\n  "exit_code"') :])
    assert result["exit_code"] == 3 and result["error"]["code"] == "output-blocked"
