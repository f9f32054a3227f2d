"""What Excel and pasted text put in cells (issue 10, items 8 and 9): `_xHHHH_` escapes decoded,
invisible characters removed (and warned about), budgets rounded once, half-up to the satang."""

from decimal import Decimal

import pytest
from docx import Document

from pipeline import contract as c
from pipeline.cli import main
from pipeline.render.word.linebreak import visible
from pipeline.text.thai import baht_amount, baht_words, budget_phrase, satang
from pipeline.workbook.cells import clean_text, parse_budget
from tests.broken import make_broken, put, setting_row


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("นางกิติพร_x000B_แต่งช่อม", "นางกิติพร แต่งช่อม"),
        ("บรรทัดหนึ่ง_x000D_\nบรรทัดสอง", "บรรทัดหนึ่ง\nบรรทัดสอง"),
        ("P01\u200b", "P01"),
        ("\ufeffมาตรการ\u00a0NO Gift", "มาตรการ NO Gift"),
        ("ขีด_x005F_x000D_ล่าง", "ขีด_x000D_ล่าง"),  # -- an escaped underscore stays text --
        ("ก\x07ข", "กข"),
    ],
)
def test_clean_text_decodes_escapes_and_drops_invisible_characters(raw, clean):
    assert clean_text(raw) == clean


def test_an_escape_in_the_signer_is_not_printed(tmp_path, master_path, capsys):
    def mutate(wb):
        put(wb, c.SHEET_SETTINGS, setting_row(wb, "ผู้ลงนาม"), "ค่า", "(นางกิติพร_x000B_แต่งช่อม)")
        put(wb, c.SHEET_PROJECTS, 9, "ชื่อโครงการ", "โครงการจัดเวที_x000D_ประชาคม")
        for row in (13, 28, 43, 59, 60, 74):  # -- the forum project's rows keep the same name --
            if wb[c.SHEET_YEARLY].cell(row, 3).value == "P08":
                put(wb, c.SHEET_YEARLY, row, "ชื่อโครงการ", "โครงการจัดเวที_x000D_ประชาคม")

    path = make_broken(tmp_path, "escape", mutate, source=master_path)
    out = tmp_path / "out"
    assert main(["run", str(path), "--out", str(out), "--no-pdf", "-q"]) == 0
    text = "\n".join(visible(p.text) for p in Document(out / "ประกาศ.docx").paragraphs)
    assert "(นางกิติพร แต่งช่อม)" in text and "_x000B_" not in text
    names = [p.name for p in out.rglob("*") if "_x" in p.name]
    assert names == [] and (out / "2566" / "ลำดับที่ 08 โครงการจัดเวที ประชาคม.docx").exists()


@pytest.mark.parametrize(
    "amount, digits, words",
    [
        (Decimal("2.675"), "2.68", "สองบาทหกสิบแปดสตางค์"),
        (Decimal("2.665"), "2.67", "สองบาทหกสิบเจ็ดสตางค์"),
        (10000 / 3, "3,333.33", "สามพันสามร้อยสามสิบสามบาทสามสิบสามสตางค์"),
        (Decimal("0.005"), "0.01", "ศูนย์บาทหนึ่งสตางค์"),  # -- PyThaiNLP says ศูนย์บาท --
    ],
)
def test_digits_and_words_round_the_same_way(amount, digits, words):
    assert satang(amount) == Decimal(digits.replace(",", ""))
    assert baht_amount(amount, digits="arabic", decimals=True) == digits
    assert baht_words(amount) == words
    assert f"({words})" in budget_phrase(amount)


def test_budgets_are_read_rounded_so_rows_add_up_to_the_total(tmp_path, master_path):
    from pipeline.render.word.word_context import year_table_context
    from pipeline.workbook.reader import read_plan

    def thirds(wb):
        for row in (2, 3, 4):
            put(wb, c.SHEET_YEARLY, row, "งบประมาณ (บาท)", 10000 / 3)

    plan = read_plan(make_broken(tmp_path, "thirds", thirds, source=master_path))
    assert parse_budget(10000 / 3)[0] > Decimal("3333.33")  # -- exact in the cell, rounded in the plan --
    assert [r.budget for r in plan.rows_for(2566)[:3]] == [Decimal("3333.33")] * 3
    table = year_table_context(plan, 2566)
    assert [r["budget"] for r in table["rows"][:3]] == ["3,333.33"] * 3
    assert table["total"]["budget"] == "29,999.99"  # 3 x 3,333.33 + the forum's 20,000
