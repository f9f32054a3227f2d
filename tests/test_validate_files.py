"""Files that cannot be read: a clear Thai message, exit 2, no traceback, the file untouched."""

import json
import zipfile

import openpyxl
import pytest

from pipeline.cli import main
from pipeline.errors import WorkbookUnreadable
from pipeline.validate import validate_workbook
from pipeline.workbook import io
from tests.broken import billion_laughs, copy_as, corrupt_zip, digest, make_file, ole_file, zip_bomb


def _not_found(tmp_path, master):
    return tmp_path / "ไม่มีไฟล์นี้.xlsx"


def _folder(tmp_path, master):
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    return folder


FILE_CASES = {
    "file-not-found": (_not_found, "ไม่พบไฟล์"),
    "file-is-folder": (_folder, "เป็นโฟลเดอร์"),
    "file-empty": (lambda t, m: make_file(t, "empty.xlsx", b""), "ว่างเปล่า"),
    "file-is-xls": (lambda t, m: ole_file(t, "old-excel.xls", encrypted=False), "Excel รุ่นเก่า (.xls)"),
    "file-encrypted": (lambda t, m: ole_file(t, "password.xlsx", encrypted=True), "ไฟล์ถูกตั้งรหัสผ่าน"),
    "file-is-text": (
        lambda t, m: make_file(t, "csv-renamed.xlsx", "ปีงบประมาณ,ลำดับ\n2566,1\n".encode()),
        "ไฟล์ข้อความ (เช่น CSV)",
    ),
    "file-corrupt": (lambda t, m: corrupt_zip(t, m), "ไฟล์เสียหาย"),
    "file-zip-bomb": (lambda t, m: zip_bomb(t, m), "ใหญ่เกินสมุดงานจริงมาก"),
    "file-xml-entities": (lambda t, m: billion_laughs(t, m), "ประกาศ entity"),
    "file-extension": (lambda t, m: copy_as(t, m, "master.txt"), "นามสกุล .xlsx"),
}


@pytest.mark.parametrize("code", FILE_CASES)
def test_unreadable_file_exits_2_with_a_thai_message(code, tmp_path, master_path, capsys):
    make, words = FILE_CASES[code]
    path = make(tmp_path, master_path)
    before = digest(path)
    assert main(["validate", str(path)]) == 2
    out = capsys.readouterr()
    assert out.err.startswith("ผิดพลาด: ") and words in out.err and "วิธีแก้:" in out.err
    assert "Traceback" not in out.err + out.out
    assert main(["validate", str(path), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False and [p["code"] for p in report["problems"]] == [code]
    assert digest(path) == before
    with pytest.raises(WorkbookUnreadable) as caught:
        validate_workbook(path)
    assert caught.value.exit_code == 2 and caught.value.code == code


def test_zip_bomb_is_refused_before_anything_is_inflated(tmp_path, master_path, monkeypatch):
    path = zip_bomb(tmp_path, master_path)
    opened = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: opened.append(a) or pytest.fail("inflated"))
    with pytest.raises(WorkbookUnreadable):
        io.check_file(path)
    assert opened == []


def test_entities_are_never_resolved_even_past_the_scan(tmp_path, master_path, monkeypatch):
    """If the scan missed a DTD in a sheet, openpyxl's defusedxml parser still refuses it."""
    path = billion_laughs(tmp_path, master_path, part="xl/worksheets/sheet1.xml")
    monkeypatch.setattr(io, "_declares_entities", lambda archive, info: False)
    with pytest.raises(WorkbookUnreadable) as caught:
        validate_workbook(path)
    assert caught.value.code == "file-xml-entities"


def test_entities_in_any_part_are_refused_by_the_scan(tmp_path, master_path):
    for part in ("xl/worksheets/sheet1.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
        with pytest.raises(WorkbookUnreadable) as caught:
            io.check_file(billion_laughs(tmp_path, master_path, part=part))
        assert caught.value.code == "file-xml-entities" and part in caught.value.message


def test_refuses_to_run_without_defusedxml(monkeypatch, master_path):
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(WorkbookUnreadable) as caught:
        validate_workbook(master_path)
    assert caught.value.code == "defusedxml-missing"


def test_permission_denied_exits_2(tmp_path, master_path, monkeypatch, capsys):
    path = copy_as(tmp_path, master_path, "locked.xlsx")
    real_open = type(path).open

    def deny(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(type(path), "open", deny)
    assert main(["validate", str(path)]) == 2
    assert "ไม่มีสิทธิ์อ่าน หรือไฟล์ถูกโปรแกรมอื่นล็อกไว้" in capsys.readouterr().err


@pytest.mark.parametrize("lock_name", ["~$master.xlsx", ".~lock.master.xlsx#"])
def test_open_in_excel_or_libreoffice_is_a_warning(lock_name, tmp_path, master_path, capsys):
    path = copy_as(tmp_path, master_path, "master.xlsx")
    (tmp_path / lock_name).write_text("owner")
    assert main(["validate", str(path), "--json"]) == 0
    problems = json.loads(capsys.readouterr().out)["problems"]
    lock = [p for p in problems if p["code"] == "file-open-elsewhere"]
    assert len(lock) == 1 and lock[0]["severity"] == "warning" and lock_name in lock[0]["message"]


def test_reader_still_opens_the_master_read_only(master_path):
    wb = io.open_workbook(master_path)
    try:
        assert "แผนรายปี" in wb.sheetnames
    finally:
        wb.close()
