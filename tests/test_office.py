"""LibreOffice conversion: many files in one call, timeouts end the process tree, absence is clear."""

import subprocess
import sys
import time

import pytest
from docx import Document

from pipeline.office import soffice as office

needs_soffice = pytest.mark.skipif(office.find_soffice() is None, reason="LibreOffice not installed")


@needs_soffice
def test_converts_a_batch_of_thai_documents_to_pdf(tmp_path):
    sources = []
    for i in range(3):
        doc = Document()
        doc.add_paragraph(f"ทดสอบภาษาไทย เอกสารที่ {i}")
        sources.append(tmp_path / f"เอกสาร {i}.docx")
        doc.save(sources[-1])
    heard = []
    pdfs = office.convert(sources, "pdf", tmp_path / "pdf", workers=2, on_progress=heard.append)
    assert [p.name for p in pdfs] == [f"เอกสาร {i}.pdf" for i in range(3)]
    assert heard[-1] == 3 and heard == sorted(heard)  # progress only grows, and ends at all done
    text = subprocess.run(["pdftotext", str(pdfs[1]), "-"], capture_output=True, text=True).stdout
    assert "ทดสอบภาษาไทย เอกสารที่ 1" in text


def test_missing_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    with pytest.raises(office.ConversionFailed) as err:
        office.convert([tmp_path / "x.docx"], "pdf", tmp_path)
    assert "LibreOffice" in err.value.message and "apt-get" in err.value.hint


@pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX shell script as a fake soffice")
def test_timeout_kills_the_whole_process_tree(tmp_path, monkeypatch):
    pidfile = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pidfile}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setattr(office, "find_soffice", lambda: str(fake))
    with pytest.raises(office.ConversionFailed, match="นานเกิน"):
        office.convert([tmp_path / "x.docx"], "pdf", tmp_path, timeout=1)
    child = int(pidfile.read_text())
    time.sleep(0.2)
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(child)], capture_output=True, text=True).stdout
    assert state.strip() in ("", "Z")  # gone (or a zombie awaiting its reaped parent)
