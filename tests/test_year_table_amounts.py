"""Budgets of millions fit their column in the PDF year tables, rows and รวมทั้งสิ้น alike (issue 10,
item 2): read back from the PDF LibreOffice makes."""

import shutil
import subprocess
from decimal import Decimal

import pytest
from docx import Document
from docx.shared import Cm

from pipeline.office import soffice as office
from pipeline.office.fonts import installed_font
from pipeline.render.word.word import render_documents

LARGEST = Decimal("99999999.99")


@pytest.mark.skipif(
    office.find_soffice() is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler not installed"
)
@pytest.mark.parametrize("font", ["TH SarabunPSK when set up", "fallback (Laksaman) without it"])
def test_the_largest_amounts_print_on_one_line(small_plan, tmp_path, monkeypatch, font):
    """The fallback font's digits are half again as wide as TH SarabunPSK's: the column fits both."""
    if font.startswith("fallback"):
        monkeypatch.setattr("pipeline.office.fonts.installed_font", lambda: None)
    for row in small_plan.rows_for(2566):
        row.budget = LARGEST
    table = next(p for p in render_documents(small_plan, tmp_path / "out", years=[2566]) if p.name == "ตาราง 2566.docx")
    (pdf,) = office.convert([table], "pdf", tmp_path / "pdf")
    embedded = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    if font.startswith("fallback"):
        assert "Laksaman" in embedded or not shutil.which("pdffonts")
    elif installed_font() is None:
        pytest.skip("TH SarabunPSK was not fetched at set-up")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("99,999,999.99") == 3 and "299,999,999.97" in text


def test_the_budget_column_is_wide_enough_for_a_billion(small_plan, tmp_path):
    """999,999,999.99 in TH SarabunPSK 14 pt is 3.32 cm, plus 0.38 cm of cell margins."""
    table = next(p for p in render_documents(small_plan, tmp_path / "out", years=[2566]) if p.name == "ตาราง 2566.docx")
    doc = Document(table)
    widths = [cell.width for cell in doc.tables[0].rows[2].cells]
    assert widths[3] >= Cm(3.7)
    section = doc.sections[0]
    assert sum(widths) <= section.page_width - section.left_margin - section.right_margin
