"""summary.xlsx printed: each table with its header, the legend and both charts on one page,
whole-baht axis labels. Read back with openpyxl, then printed to PDF by LibreOffice."""

import shutil

import pytest
from conftest import MASTER
from openpyxl import load_workbook
from pdf_pages import page_texts

from pipeline import contract as c
from pipeline.office import soffice as office
from pipeline.render.excel.summary import write_summary
from pipeline.workbook.reader import read_plan


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    return write_summary(read_plan(MASTER), tmp_path_factory.mktemp("summary") / "summary.xlsx")


def test_print_settings_keep_tables_with_their_headers(summary):
    wb = load_workbook(summary)
    for year in range(2566, 2571):
        assert wb[c.summary_sheet_name(year)].print_title_rows == "$1:$2"  # title and header repeat
    ws = wb[c.OVERVIEW_SHEET]
    assert ws.print_title_rows == "$1:$1"
    budget_total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "รวมทั้งสิ้น" and r > 12)
    # -- one break, after both tables: the legend and the charts start page 2 --
    assert [b.id for b in ws.row_breaks.brk] == [budget_total + 1]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1


def test_charts_side_by_side_with_whole_number_axes(summary):
    ws = load_workbook(summary)[c.OVERVIEW_SHEET]
    charts = ws._charts
    assert len(charts) == 2
    rows = {ch.anchor._from.row for ch in charts}
    cols = sorted(ch.anchor._from.col for ch in charts)
    assert len(rows) == 1 and cols[0] < cols[1]  # same row: one page, side by side
    formats = [ch.y_axis.numFmt.formatCode for ch in charts]
    assert formats == ["#,##0", "0"]  # 20,000 not 20,000.00
    assert [ch.y_axis.numFmt.sourceLinked for ch in charts] == [False, False]
    cm = 360000  # EMU
    assert [(ch.anchor.ext.width / cm, ch.anchor.ext.height / cm) for ch in charts] == [(10, 8)] * 2


@pytest.mark.skipif(
    office.find_soffice() is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler not installed"
)
def test_overview_prints_on_two_tidy_pages(summary, tmp_path):
    pdf = office.convert([summary], "pdf", tmp_path)[0]
    pages = page_texts(pdf)
    overview = [p for p in pages if "สรุปแผนปฏิบัติการป้องกันการทุจริต" in p]
    assert len(overview) == 2
    tables, charts = overview
    assert "จำนวนโครงการ" in tables and "งบประมาณ (บาท)" in tables
    assert tables.count("ปีงบประมาณ") == 2 and tables.count("รวมทั้งสิ้น") == 2
    assert "คำอธิบายมิติ" in charts
    assert "จำแนกตามมิติ" in charts.replace("\n", "")  # the chart titles
    assert "40,000" in charts and "40,000.00" not in charts  # the axis labels
