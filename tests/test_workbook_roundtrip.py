"""Plan -> workbook -> Plan keeps every value; the empty contract has the right names."""

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.office import soffice as office
from pipeline.workbook.reader import read_plan
from pipeline.workbook.writer import empty_workbook, plan_workbook, save_workbook


def test_plan_survives_a_round_trip(tmp_path, small_plan):
    path = tmp_path / "แผน ทดสอบ.xlsx"
    save_workbook(plan_workbook(small_plan), path)
    assert read_plan(path) == small_plan


def test_empty_workbook_has_the_contract(tmp_path):
    path = tmp_path / "empty.xlsx"
    save_workbook(empty_workbook(), path)
    wb = load_workbook(path)
    assert wb.sheetnames == list(c.CONTRACT_SHEETS)
    for name in c.INPUT_SHEETS:
        assert tuple(cell.value for cell in wb[name][1]) == c.HEADERS[name]
        assert wb[name].freeze_panes == "A2"
    labels = [wb[c.SHEET_SETTINGS].cell(row=r, column=1).value for r in range(2, 2 + len(c.SETTING_KEYS))]
    assert labels == [k.label for k in c.SETTING_KEYS]
    assert len(wb[c.SHEET_YEARLY].data_validations.dataValidation) >= 2


@pytest.mark.skipif(
    office.find_soffice() is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler not installed"
)
def test_dates_show_the_buddhist_era_and_survive_libreoffice(tmp_path, small_plan):
    path = tmp_path / "master.xlsx"
    save_workbook(plan_workbook(small_plan), path)
    pdf = office.convert([path], "pdf", tmp_path / "pdf")[0]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "30 กันยายน 2565" in text  # 30 Sep 2022 shown in the Buddhist Era
    saved = office.convert([path], "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")[0]
    assert read_plan(saved).settings.announce_date == small_plan.settings.announce_date
    cell = load_workbook(saved)[c.SHEET_SETTINGS]["B5"]
    assert cell.is_date and "07041E" in cell.number_format
