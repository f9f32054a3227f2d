"""Write-back from `pipeline run` (issue 10, item 6): a Calc-saved master with an AutoFilter is
written back; a refusal or failure exits 3/5 (also with -q, and as a code in --json); --no-pdf
starts no LibreOffice; a LibreOffice failure leaves no backup behind."""

import json
import shutil
import subprocess
import sys
import zipfile

from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import main
from pipeline.office import soffice as office
from pipeline.office.soffice import ConversionFailed
from tests.broken import digest, rezip

EMPTY_DRAWING = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr='
    b'"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"></xdr:wsDr>'
)


def calc_saved_with_autofilter(tmp_path, master_path):
    """What LibreOffice Calc writes for a sheet with an AutoFilter: an empty drawing part, linked."""
    rel = (
        '<Relationship Id="rIdDr1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/drawing" Target="../drawings/drawing1.xml"/>'
    )
    with zipfile.ZipFile(master_path) as zf:
        sheet_rels = "xl/worksheets/_rels/sheet4.xml.rels"
        has_rels = sheet_rels in zf.namelist()
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships">' + rel.encode() + b"</Relationships>"
    )
    content_type = (
        b'<Override PartName="/xl/drawings/drawing1.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>'
    )
    replace = {
        "xl/worksheets/sheet4.xml": lambda xml: xml.replace(
            b"</worksheet>",
            b'<autoFilter ref="A1:K77"/>'
            b'<drawing xmlns:r="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships" r:id="rIdDr1"/>'
            b"</worksheet>",
        ),
        "[Content_Types].xml": lambda xml: xml.replace(b"</Types>", content_type),
    }
    add = {"xl/drawings/drawing1.xml": EMPTY_DRAWING}
    if has_rels:
        replace[sheet_rels] = lambda xml: xml.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
    else:
        add[sheet_rels] = rels
    (tmp_path / "m").mkdir()
    return rezip(tmp_path / "m", "master.xlsx", master_path, replace=replace, add=add)


def test_a_calc_saved_master_with_an_autofilter_is_written_back(tmp_path, master_path, capsys):
    master = calc_saved_with_autofilter(tmp_path, master_path)
    assert load_workbook(master)[c.SHEET_YEARLY].auto_filter.ref == "A1:K77"  # -- the case is what it says --
    assert main(["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--write-back", "-q"]) == 0
    assert c.summary_sheet_name(2566) in load_workbook(master, read_only=True).sheetnames
    assert len(list(master.parent.glob("master.backup-*.xlsx"))) == 1


def test_a_refused_write_back_exits_3_even_quiet_and_in_json(tmp_path, master_path, capsys):
    (tmp_path / "m").mkdir()
    master = tmp_path / "m" / "master.xlsx"
    shutil.copyfile(master_path, master)
    with zipfile.ZipFile(master, "a") as zf:
        zf.writestr("xl/vbaProject.bin", b"not really vba")
    before = digest(master)
    assert main(["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--write-back", "-q"]) == 3
    err = capsys.readouterr().err
    assert "ไม่เขียนสรุปกลับ" in err and "มาโคร" in err
    assert main(["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--write-back", "--json"]) == 3
    result = json.loads(capsys.readouterr().out)
    assert result["exit_code"] == 3 and result["error"]["code"] == "write-back-refused"
    assert result["files"]  # -- the outputs were still made --
    assert digest(master) == before and not list(master.parent.glob("*.backup-*"))


def test_no_pdf_write_back_starts_no_libreoffice(tmp_path, master_path, monkeypatch, capsys):
    master = tmp_path / "master.xlsx"
    shutil.copyfile(master_path, master)

    def no_office(*args, **kwargs):
        raise AssertionError("LibreOffice was started")

    monkeypatch.setattr(office, "convert", no_office)
    assert main(["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--write-back", "-q"]) == 0
    assert c.summary_sheet_name(2566) in load_workbook(master, read_only=True).sheetnames
    assert main(["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--write-back"]) == 0
    out = capsys.readouterr().out
    assert "--no-pdf: Excel คำนวณเมื่อเปิดไฟล์" in out and "ไม่พบ LibreOffice" not in out


def test_a_libreoffice_failure_leaves_the_master_and_no_backup(tmp_path, master_path, monkeypatch, capsys):
    master = tmp_path / "master.xlsx"
    shutil.copyfile(master_path, master)
    before = digest(master)

    def broken(*args, **kwargs):
        raise ConversionFailed("LibreOffice ทำงานผิดพลาด (รหัส 1)")

    monkeypatch.setattr(office, "find_soffice", lambda: "/fake/soffice")
    monkeypatch.setattr(office, "convert", broken)
    monkeypatch.setattr("pipeline.run.job.recalculate", lambda paths, cache=None: False)
    monkeypatch.setattr("pipeline.run.job.make_pdfs", lambda documents, book_parts=None, **kwargs: [])
    assert main(["run", str(master), "--out", str(tmp_path / "out"), "--write-back", "-q"]) == 5
    assert "LibreOffice" in capsys.readouterr().err
    assert digest(master) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["master.xlsx", "out"]  # -- no backup, no temp file --


def test_a_killed_write_backs_temporary_files_are_removed_not_a_live_ones(tmp_path, master_path):
    master = tmp_path / "master.xlsx"
    shutil.copyfile(master_path, master)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        names = [
            f".master.writeback-{dead.stdout.strip()}.tmp.xlsx",
            f"..master.writeback-{dead.stdout.strip()}.tmp.values-{dead.stdout.strip()}.xlsx",
            f".master.writeback-{live.pid}.tmp.xlsx",
        ]
        for name in names:
            (tmp_path / name).write_bytes(b"half written")
        assert main(["run", str(master), "--out", str(tmp_path / "out"), "--no-pdf", "--write-back", "-q"]) == 0
        assert [n for n in names if (tmp_path / n).exists()] == [names[2]]
    finally:
        live.kill()
        live.wait()
