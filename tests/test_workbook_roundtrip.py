"""Plan -> workbook -> Plan keeps every value; the empty contract has the right names."""
from openpyxl import load_workbook

from pipeline import contract as c
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
    assert wb.sheetnames == list(c.INPUT_SHEETS)
    for name in c.INPUT_SHEETS:
        assert tuple(cell.value for cell in wb[name][1]) == c.HEADERS[name]
        assert wb[name].freeze_panes == "A2"
    labels = [wb[c.SHEET_SETTINGS].cell(row=r, column=1).value for r in range(2, 2 + len(c.SETTING_KEYS))]
    assert labels == [k.label for k in c.SETTING_KEYS]
    assert len(wb[c.SHEET_YEARLY].data_validations.dataValidation) >= 2
