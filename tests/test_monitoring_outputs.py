"""`pipeline run` on the sample fill: the reports (Word, PDF), the ติดตามผล sheet recalculated by
LibreOffice, and the publish folder, all read back and compared with the rows."""

import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import main
from pipeline.monitor.reader import read_progress
from pipeline.office import soffice as office
from pipeline.render.word.linebreak import visible
from pipeline.render.word.monitoring_report import report_name
from pipeline.workbook.reader import read_plan
from tests.monitoring_sample import EXPECTED

needs_soffice = pytest.mark.skipif(
    office.find_soffice() is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler not installed"
)
THAI_DIGIT = re.compile("[๐-๙]")


@pytest.fixture(scope="module")
def draft(sample_master, tmp_path_factory):
    """Word and Excel only (no LibreOffice): quick, for the Word read-back tests."""
    out = tmp_path_factory.mktemp("draft")
    assert main(["run", str(sample_master), "--out", str(out), "--year", "2566", "--no-pdf", "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def full(sample_master, tmp_path_factory):
    if office.find_soffice() is None:
        pytest.skip("LibreOffice not installed")
    out = tmp_path_factory.mktemp("full")
    assert main(["run", str(sample_master), "--out", str(out), "-q"]) == 0
    return out


def report(out: Path, round_: int) -> Document:
    return Document(str(out / "2566" / f"{report_name(2566, round_)}.docx"))


def paragraphs(doc) -> list[str]:
    return [visible(p.text) for p in doc.paragraphs]


def cell_text(cell) -> str:
    return visible(cell.text)


@pytest.mark.parametrize("round_", [6, 12])
def test_report_heading_summary_and_signature(draft, sample_master, round_):
    doc = report(draft, round_)
    text = paragraphs(doc)
    plan = read_plan(sample_master)
    assert text[2] == plan.settings.organisation
    assert f"ตัวชี้วัด ITA {'O37' if round_ == 6 else 'O38'}" in text
    summary = next(t for t in text if t.startswith("ตาม"))
    e = EXPECTED[round_]
    spent = thai(f"{e['spent']:,}")
    assert not re.search(r"[0-9]", summary), "prose uses Thai digits only"
    for words in (
        f"ดำเนินการแล้วเสร็จ {thai(e['done'])} โครงการ",
        f"อยู่ระหว่างดำเนินการ {thai(e['in_progress'])} โครงการ",
        f"ยังไม่ดำเนินการ {thai(e['not_started'])} โครงการ",
        f"ไม่สามารถดำเนินการได้ {thai(e['failed'])} โครงการ",
        f"ทั้งสิ้น {thai(e['projects'])} โครงการ",
        f"เบิกจ่ายจริง {spent} บาท",
    ):
        assert words in summary, words
    percent = "๘๐.๐๐" if round_ == 12 else "๓๓.๓๓"
    assert f"ร้อยละ {percent} ของโครงการตามแผน" in summary
    assert ("ระดับสีเขียว" if round_ == 12 else "ระดับสีส้ม") in summary
    if round_ == 12:
        assert "ไม่ได้รับงบประมาณ ๑ โครงการ" in summary and "หนึ่งหมื่นแปดพันห้าร้อยบาทถ้วน" in summary
    else:
        assert "ร้อยละ ๘๖.๖๗" in summary
    assert f"({plan.settings.signer})" in text and plan.settings.signer_position in text
    assert any(t.startswith("รายงาน ณ วันที่ ") and THAI_DIGIT.search(t) for t in text)


def thai(value) -> str:
    from pipeline.text.thai import thai_digits

    return thai_digits(value)


@pytest.mark.parametrize("round_", [6, 12])
def test_report_tables_agree_with_the_rows(draft, sample_master, round_):
    doc = report(draft, round_)
    flag_table, by_dimension, by_project = doc.tables
    colour = flag_table.rows[0].cells[1]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    assert colour == ("92D050" if round_ == 12 else "FFC000")
    rows = [r for r in read_progress(sample_master) if r.round == round_]
    total = [cell_text(c_) for c_ in by_dimension.rows[-1].cells]
    e = EXPECTED[round_]
    assert total[:6] == ["รวม", *(str(e[k]) for k in ("projects", "done", "in_progress", "not_started", "failed"))]
    assert total[8] == f"{e['spent']:,.2f}"
    dims = [[int(cell_text(x)) for x in r.cells[1:6]] for r in by_dimension.rows[1:-1]]
    assert [sum(col) for col in zip(*dims)] == [int(x) for x in total[1:6]]
    plan = read_plan(sample_master)
    names = [cell_text(r.cells[1]) for r in by_project.rows[1:]]
    assert sorted(names) == sorted(plan.project(r.code).name for r in rows)  # every project, once
    assert len(set(names)) == len(names) == 15
    statuses = {cell_text(r.cells[1]): cell_text(r.cells[3]) for r in by_project.rows[1:]}
    failed = [plan.project(r.code).name for r in rows if r.status == c.STATUS_FAILED]
    assert all(statuses[n].startswith(c.STATUS_FAILED + " (") for n in failed)


def test_report_page_and_fonts(draft):
    doc = report(draft, 12)
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (29.7, 21.0)
    assert (round(section.left_margin.cm, 2), round(section.right_margin.cm, 2)) == (3.0, 2.0)
    fonts = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "TH SarabunPSK"
    size = doc.styles["Normal"].element.rPr.find(qn("w:szCs"))
    assert size.get(qn("w:val")) == "32"  # 16 pt


def test_problems_and_suggestions_are_gathered(draft, sample_master):
    text = paragraphs(report(draft, 12))
    rows = [r for r in read_progress(sample_master) if r.round == 12 and r.problems]
    assert len(rows) == 2
    for r in rows:
        assert any(r.problems in t for t in text) and any(r.suggestions in t for t in text)
    assert [t.strip() for t in paragraphs(report(draft, 6))].count("ไม่มี") == 2  # the 6-month round has none


@needs_soffice
def test_recalculated_monitoring_sheet_agrees_with_the_rows(full, sample_master):
    wb = load_workbook(full / "summary.xlsx", data_only=True)
    ws = wb[c.monitoring_sheet_name(2566)]
    values = [[x.value for x in r] for r in ws.iter_rows()]
    totals = [r for r in values if r[0] == "รวม"]
    percents = [r for r in values if isinstance(r[0], str) and r[0].startswith("ร้อยละ")]
    for round_, total in zip((6, 12), totals):
        e = EXPECTED[round_]
        assert total[1:6] == [e[k] for k in ("projects", "done", "in_progress", "not_started", "failed")]
        assert total[8] == e["spent"]
    assert [p[2] for p in percents] == [33.33, 86.67, 80]  # 5/15, 13/15 (6-month); 12/15 annual
    formulas = load_workbook(full / "summary.xlsx")[c.monitoring_sheet_name(2566)]
    pct = next(r[2] for r in formulas.iter_rows() if r[0].value == percents[-1][0] and r[2].row > 14)
    assert pct.value.startswith("=IF(") and "ROUND(" in pct.value
    rules = {
        str(k.sqref): [(r.operator, r.formula) for r in v] for k, v in formulas.conditional_formatting._cf_rules.items()
    }
    assert rules[pct.coordinate] == [
        ("greaterThanOrEqual", ["80"]),
        ("greaterThanOrEqual", ["50"]),
        ("lessThan", ["50"]),
    ]
    listed = [(r[1], r[2]) for r in values if r[0] == 2566]  # (round, code): every project once per round
    assert sorted(listed) == sorted((r.round, r.code) for r in read_progress(sample_master))
    assert len(set(listed)) == len(listed) == 30
    first = next(r for r in formulas.iter_rows() if r[0].value == 1)
    assert first[1].value.startswith("=COUNTIFS(") and first[6].value.startswith("=SUMIFS(")
    with zipfile.ZipFile(full / "summary.xlsx") as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 4  # the overview's two, one per round


@needs_soffice
def test_report_pdfs_are_a4_with_thai_text_and_embedded_fonts(full):
    for round_, percent in ((6, "๓๓.๓๓"), (12, "๘๐.๐๐")):
        pdf = full / "2566" / f"{report_name(2566, round_)}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"Page size: +841.89 x 595.[0-9]+ pts \(A4\)", info), info  # landscape
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert f"ร้อยละ{percent}" in "".join(text.split())  # -- Thai justification adds spaces to the extracted text --
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert all(" yes " in line for line in fonts.splitlines()[2:]), fonts


def test_evidence_addresses_are_word_hyperlinks(draft, sample_master):
    """In Word (and in a PDF Word exports) the evidence opens with a click."""
    rows = [r for r in read_progress(sample_master) if r.year == 2566 and r.round == 12]
    expected = {e for r in rows for e in r.evidence if e.startswith("https://")}
    doc = report(draft, 12)
    targets = {rel.target_ref for rel in doc.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert expected and targets == expected
    links = doc.element.body.findall(f".//{qn('w:hyperlink')}")
    shown = [visible("".join(t.text or "" for t in link.iter(qn("w:t")))) for link in links]
    assert sorted(shown) == sorted(expected)


@needs_soffice
def test_evidence_addresses_wrap_only_after_a_slash_or_before_a_dot(full):
    """The 4 cm หลักฐาน column cannot hold https://www.khoksamrong.go.th/ita/P10.pdf; glued, LibreOffice
    cut it wherever the line was full ("https:/" | "/www…go.t" | "h/ita/P10.pdf")."""
    from bench.count_split_words import pdf_lines, splits

    for round_ in (6, 12):
        pdf = full / "2566" / f"{report_name(2566, round_)}.pdf"
        found = splits(pdf_lines(pdf))
        assert [s for s in found if s[0] in ("url", "english")] == []
        assert any(s[0] == "url-wrapped" for s in found)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "https://www.khoksamrong.go.th/ita/P10.pdf" in text.replace("\n", "")  # the same address, wrapped


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.sources = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if "src" in attrs:
            self.sources.append(attrs["src"])


@needs_soffice
def test_publish_folder_links_resolve(full):
    folder = full / c.PUBLISH_FOLDER
    names = sorted(p.name for p in folder.glob("*.pdf"))
    assert names == [
        "O36 แผนปฏิบัติการป้องกันการทุจริต 2566-2570.pdf",
        "O37 รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริตประจำปี 2566 รอบ 6 เดือน.pdf",
        "O38 รายงานผลการดำเนินการป้องกันการทุจริตประจำปี 2566.pdf",
    ]
    page = (folder / "index.html").read_text(encoding="utf-8")
    links = Links()
    links.feed(page)
    assert sorted(unquote(h) for h in links.hrefs) == names
    assert all((folder / unquote(h)).is_file() for h in links.hrefs)
    assert not links.sources and "http" not in page and "<script" not in page
    assert '<html lang="th">' in page and "๓๐ กันยายน พ.ศ. ๒๕๖๕" in page and "๑๐ ตุลาคม พ.ศ. ๒๕๖๖" in page
    assert (folder / names[2]).read_bytes() == (full / "2566" / f"{report_name(2566, 12)}.pdf").read_bytes()


def test_no_publish_folder_without_pdfs(draft):
    assert (draft / "2566" / f"{report_name(2566, 6)}.docx").is_file()
    assert not (draft / c.PUBLISH_FOLDER).exists()


def test_index_prints_staff_text_literally(tmp_path):
    from datetime import date

    from pipeline.render.publish import Entry, index_html

    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    page = index_html(
        'อบต. <script>alert("x")</script>', [Entry("O37", "รายงาน & <b>", pdf, date(2023, 4, 5), "O37 a b.pdf")]
    )
    assert "<script>" not in page and "&lt;script&gt;" in page and "รายงาน &amp; &lt;b&gt;" in page
    assert 'href="O37%20a%20b.pdf"' in page and "๕ เมษายน พ.ศ. ๒๕๖๖" in page


def test_publish_folder_only_for_a_master_taking_part_in_ita(tmp_path, master_path):
    from pipeline.render.publish import publish_folder

    plan = read_plan(master_path)
    (tmp_path / "แผนปฏิบัติการป้องกันการทุจริต 2566-2570.pdf").write_bytes(b"%PDF-1.4 plan")
    assert publish_folder(plan, [], tmp_path, with_plan=True) == []  # no rows, no ITA code: nothing
    assert not (tmp_path / c.PUBLISH_FOLDER).exists()
    plan.settings.ita_plan = "O36"
    written = publish_folder(plan, [], tmp_path, with_plan=True)
    assert [p.name for p in written] == ["O36 แผนปฏิบัติการป้องกันการทุจริต 2566-2570.pdf", "index.html"]


def test_a_templates_folder_without_the_report_template_falls_back_to_the_default(sample_master, tmp_path):
    from pipeline.monitor.outputs import monitoring_summaries
    from pipeline.render.word.monitoring_report import render_reports

    plan = read_plan(sample_master)
    (tmp_path / "tpl").mkdir()
    written = render_reports(
        plan, monitoring_summaries(plan, sample_master, [2566]), tmp_path / "out", tmp_path / "tpl"
    )
    assert [p.name for p in written] == [f"{report_name(2566, 6)}.docx", f"{report_name(2566, 12)}.docx"]
