"""The plan-book importer: the real source, a Word copy of it, broken variants and bad files."""

from datetime import date
from decimal import Decimal

import docx
import pytest
from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.cli import main
from pipeline.importer import import_planbook
from pipeline.importer.text import split_items, split_paragraphs, split_word
from pipeline.text.list_items import outline
from pipeline.workbook.reader import read_plan
from pipeline.workbook.writer import plan_workbook, save_workbook
from tests.conftest import SOURCE

CHECKED = '<input checked="" type="checkbox"/>'


@pytest.fixture(scope="module")
def imported():
    return import_planbook(SOURCE)


@pytest.fixture(scope="module")
def master(imported, tmp_path_factory):
    """The source imported through the CLI, as the committed master was made."""
    out = tmp_path_factory.mktemp("import") / "master.xlsx"
    assert main(["import", str(SOURCE), "-o", str(out)]) == 0
    return out


def source_variant(tmp_path, *replacements, name="plan.txt"):
    text = SOURCE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def values(path):
    wb = load_workbook(path)
    out = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    wb.close()
    return out


# -- the real source, read back from the workbook --


def test_settings(master):
    s = read_plan(master).settings
    assert s.organisation == "องค์การบริหารส่วนตำบลโคกสำโรง"
    assert s.plan_title == "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส"
    assert (s.start_year, s.end_year) == (2566, 2570)
    assert s.announce_date == date(2022, 9, 30)
    assert s.data_as_of == date(2023, 7, 7)
    assert (s.signer, s.signer_position) == ("นางกิติพร แต่งช่อม", "นายกองค์การบริหารส่วนตำบลโคกสำโรง")
    assert s.reporter == "นายสายลม พุฒนาราช"
    assert len(s.announcement_body) == 2
    assert s.announcement_body[0].startswith("ด้วยรัฐธรรมนูญ")
    assert s.announcement_body[1].endswith("ขององค์การบริหารส่วนตำบลโคกสำโรง")


def test_dimensions(master):
    plan = read_plan(master)
    assert [(d.number, d.name[:12]) for d in plan.dimensions] == [
        (1, "การสร้างวัฒน"),
        (2, "การบริหารราช"),
        (3, "การส่งเสริมบ"),
        (4, "การยกระดับกล"),
    ]


def test_projects_complete(master):
    plan = read_plan(master)
    assert [p.seq for p in plan.projects] == list(range(1, 16))
    assert [p.code for p in plan.projects] == [f"P{n:02d}" for n in range(1, 16)]
    for p in plan.projects:
        for attr, _ in c.PROJECT_SECTIONS.values():
            assert getattr(p, attr), f"{p.code} {attr} is empty"
        assert p.dimension in (1, 2, 3, 4)
        assert "  " not in p.name and "\n" not in p.name


def test_rows_per_year(master):
    plan = read_plan(master)
    assert [len(plan.rows_for(y)) for y in plan.settings.years] == [15, 15, 15, 16, 15]
    assert all(r.project_code for r in plan.rows)
    assert [r.order for r in plan.rows_for(2569)] == list(range(1, 17))


def test_forum_project_budget(master):
    plan = read_plan(master)
    forum = next(p for p in plan.projects if p.seq == 8)
    assert forum.name == "โครงการจัดเวทีประชาคม" and forum.dimension == 3
    budgets = {r.year: r.budget for r in plan.rows if r.project_code == forum.code and r.year != 2569}
    assert budgets[2566] == Decimal(20000) and budgets[2568] == 0
    assert [r.order for r in plan.rows_for(2569) if r.project_code == forum.code] == [13, 14]


def test_quarter_marks(master):
    plan = read_plan(master)
    assert sum(r.quarters[3] for r in plan.rows_for(2570)) == 11
    assert sum(r.quarters[2] for r in plan.rows_for(2567)) == 14  # HTML checkbox rows read too
    ws = load_workbook(master)[c.SHEET_YEARLY]
    marks = {ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1) for col in range(7, 11)}
    assert marks == {c.QUARTER_INPUT_MARK, None}


def test_wrapped_name_and_items(master):
    plan = read_plan(master)
    p9 = next(p for p in plan.projects if p.seq == 9)
    # the sheet wraps its name after การปฏิบัติงาน; the name kept is the one the e-plan tables print
    assert p9.name == (
        "โครงการพัฒนาความรู้ด้านกฎหมายและระเบียบที่เกี่ยวข้องกับการปฏิบัติงานสำหรับบุคลากรองค์กรปกครองส่วนท้องถิ่น ผู้บริหารและสมาชิกสภาท้องถิ่น"
    )
    assert all(r.name == p9.name for r in plan.rows if r.project_code == p9.code)
    p3 = next(p for p in plan.projects if p.seq == 3)
    # -- sheet ๓ item ๒) keeps its sub-items on lines of their own (tests/test_import_structure.py) --
    assert sum(line.level == 0 for line in outline(p3.method)) == 4
    assert p3.method[1] == "ประชุมคณะทำงานฯ" and p3.method[2].startswith("๒.๑) กำหนดแนวทาง")
    p2 = next(p for p in plan.projects if p.seq == 2)
    assert any("บุคลากรตระหนักในการเป็น" in para for para in p2.rationale)
    p13 = next(p for p in plan.projects if p.seq == 13)
    assert len(p13.outcomes) == 3 and not any(o in ("-", "") for o in p13.outcomes)


def test_anomalies_of_the_real_source(imported):
    codes = sorted(a.code for a in imported.anomalies)
    assert codes == ["duplicate-row", "reporter-spelling"] + ["word-not-in-dictionary"] * 3
    # -- the source's own slips, each on its cell: "จากรื่อง" (เรื่อง), "ต่อนหน้าที่" and
    #    "มาเนาน" (one note for the cell), "สม่าเสมอ" (สม่ำเสมอ, its ำ lost) --
    words = [(a.cell, a.value) for a in imported.anomalies if a.code == "word-not-in-dictionary"]
    assert words == [("E8", "รื่อง"), ("E14", "น"), ("H15", "สม่า")]
    dup = next(a for a in imported.anomalies if a.code == "duplicate-row")
    assert "2569" in dup.message and "โครงการจัดเวทีประชาคม" in dup.message and "13, 14" in dup.message
    spell = next(a for a in imported.anomalies if a.code == "reporter-spelling").message
    for text in ("พุฒนาราช' (ปี 2566, 2567)", "พุมนาราช' (ปี 2568, 2570)", "ทูมนาราช' (ปี 2569)"):
        assert text in spell


def test_committed_master_is_the_import(master):
    from tests.conftest import MASTER

    assert values(MASTER) == values(master)


def test_round_trip(master, tmp_path):
    again = tmp_path / "again.xlsx"
    save_workbook(plan_workbook(read_plan(master)), again)
    assert values(again) == values(master)


def test_cli_reports_anomalies(tmp_path, capsys):
    assert main(["import", str(SOURCE), "-o", str(tmp_path / "m.xlsx")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"นำเข้าแล้ว: โครงการ 15 รายการ, แถวรายปี (2566: 15, 2567: 15, 2568: 15, 2569: 16, 2570: 15)"
        f" -> {tmp_path / 'm.xlsx'}"
    )
    assert lines[2].strip() == "ข้อสังเกตจากต้นฉบับ 5 รายการ (นำเข้าตามต้นฉบับ ไม่ได้แก้ไข)"
    codes = [cells[3].strip() for cells in (line.split("│") for line in lines) if len(cells) > 3 and cells[3].strip()]
    assert codes == ["reporter-spelling", "duplicate-row"] + ["word-not-in-dictionary"] * 3


# -- variants of the source --


def test_thai_digits_everywhere(imported, tmp_path):
    path = source_variant(
        tmp_path,
        ("12\tโครงการจัดเวทีประชาคม\t3\t20,000.00", "๑๒\tโครงการจัดเวทีประชาคม\t๓\t๒๐,๐๐๐.๐๐"),
        ("** ข้อมูล ณ วันที่ 07 กรกฎาคม 2566", "** ข้อมูล ณ วันที่ ๐๗ กรกฎาคม ๒๕๖๖"),
    )
    assert import_planbook(path).plan == imported.plan


def test_thai_windows_encoding(imported, tmp_path):
    path = tmp_path / "plan-tis620.txt"
    path.write_bytes(SOURCE.read_text(encoding="utf-8").replace(CHECKED, "☑").replace("☑", "/").encode("cp874"))
    assert import_planbook(path).plan == imported.plan


def test_total_mismatch(tmp_path):
    path = source_variant(
        tmp_path, ("รวมทั้งสิ้น\t\t\t20,000.00\t15\t15\t15\t14", "รวมทั้งสิ้น\t\t\t25,000.00\t15\t15\t15\t15")
    )
    found = [a.message for a in import_planbook(path).anomalies if a.code == "total-mismatch"]
    assert len(found) == 2
    assert all("2566" in m for m in found) and any("ไตรมาส 4" in m for m in found)


def test_budget_and_name_mismatch(tmp_path):
    path = source_variant(
        tmp_path,
        ("งบประมาณ จำนวน ๒๐๐๐๐ บาท", "งบประมาณ จำนวน ๓๐,๐๐๐ บาท"),
        ("๑. ชื่อโครงการ : มาตรการ NO Gift Policy", "๑. ชื่อโครงการ : มาตรการ NO Gift"),
    )
    anomalies = import_planbook(path).anomalies
    budget = [a.message for a in anomalies if a.code == "budget-mismatch"]
    assert len(budget) == 1 and "ลำดับที่ 8" in budget[0] and "30,000.00" in budget[0]
    without = [a.message for a in anomalies if a.code == "project-without-sheet"]  # one for its five years
    assert len(without) == 1 and "ปี 2566, 2567, 2568, 2569, 2570" in without[0] and "P16" in without[0]
    assert [a.code for a in anomalies if "ลำดับที่ 1 " in a.message] == ["project-without-rows"]


# -- Word plan books --


def build_docx(path):
    """The shared source as a Word file: paragraphs for lines, real tables for the tab blocks."""
    document = docx.Document()
    table_rows = []

    def flush():
        if table_rows:
            table = document.add_table(rows=len(table_rows), cols=max(map(len, table_rows)))
            for row, cells in zip(table.rows, table_rows):
                for cell, text in zip(row.cells, cells):
                    cell.text = text.replace(CHECKED, "☑")
            table_rows.clear()

    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            table_rows.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            document.add_paragraph(line)
    flush()
    document.save(path)
    return path


def test_docx_imports_same_plan(imported, tmp_path):
    result = import_planbook(build_docx(tmp_path / "plan.docx"))
    assert result.plan == imported.plan
    assert [a.code for a in result.anomalies] == [a.code for a in imported.anomalies]


# -- bad input: exit 2, clear Thai message, nothing written --


def _fail(tmp_path, capsys, source):
    out = tmp_path / "out.xlsx"
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert not out.exists()
    assert "Traceback" not in err and err.startswith("ผิดพลาด: ")
    return err


def test_missing_file(tmp_path, capsys):
    assert "ไม่พบไฟล์เล่มแผน" in _fail(tmp_path, capsys, tmp_path / "nope.txt")


def test_empty_file(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"  \n\n")
    assert "ว่างเปล่า" in _fail(tmp_path, capsys, tmp_path / "empty.txt")


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)])
def test_binary_file(tmp_path, capsys, data):
    (tmp_path / "x.txt").write_bytes(data)
    err = _fail(tmp_path, capsys, tmp_path / "x.txt")
    assert "ไม่ใช่ไฟล์ข้อความหรือไฟล์ Word" in err and "วิธีแก้:" in err


def test_broken_docx(tmp_path, capsys):
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    assert "เปิดไฟล์" in _fail(tmp_path, capsys, tmp_path / "x.docx")


def test_text_that_is_not_a_plan(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("รายงานการประชุม\nวาระที่ ๑ เรื่องแจ้งเพื่อทราบ\n", encoding="utf-8")
    err = _fail(tmp_path, capsys, tmp_path / "x.txt")
    assert "ไม่ใช่เล่มแผน" in err
    assert "ประกาศ" in err and "ตารางแผนรายปี" in err and "ลำดับที่ ๑" in err
    assert "ประกาศเทศบาลตำบล" in err  # -- any kind of organisation, not only an อบต. --


def test_announcement_alone_is_not_a_plan(tmp_path, capsys):
    """A ประกาศ with neither yearly tables nor project sheets holds no plan: refused."""
    text = SOURCE.read_text(encoding="utf-8").split("แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2566")[0]
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    err = _fail(tmp_path, capsys, tmp_path / "x.txt")
    assert "ตารางแผนรายปี" in err and "รายละเอียดโครงการ" in err


def test_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "master.xlsx"
    out.write_bytes(b"staff's own work")
    assert main(["import", str(SOURCE), "-o", str(out)]) == 3
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == b"staff's own work"


# -- text helpers --


def test_split_items():
    lines = ["- ๑) แรก", "ต่อบรรทัด", "๒) ๒) ประชุม ๒.๑)", "ย่อย", "๓)", "สาม", " - 4) สี่"]
    assert split_items(lines) == ["แรก ต่อบรรทัด", "ประชุม", "๒.๑) ย่อย", "สาม", "สี่"]
    # -- sub-items run together by the extraction get a line each; a bare trailing dash goes --
    assert split_items(["๑) ดังนี้ (๓.๑) ก -", "ข - ค", "- ๒) ช่วง ๑ - ๓ -"]) == [
        "ดังนี้",
        "๓.๑) ก",
        "- ข",
        "- ค",
        "ช่วง ๑ - ๓",
    ]
    assert split_items(["ย่อหน้าเดียว", "ต่อ"]) == ["ย่อหน้าเดียว ต่อ"]


def test_split_paragraphs():
    long = "ก" * 200
    # -- a long line starts a paragraph and the short lines after it continue it (sheet ๑:
    #    "…ประโยชน์ส่วนรวม" / "เป็นแนวทางหนึ่ง…"); an opener alone on its line opens the next one --
    assert split_paragraphs(["หนึ่ง", "ต่อ", "ดังนั้น สอง", long, "สาม", "อีกทั้ง สี่", "ดังนั้น", "องค์การบริหารส่วนตำบลหนึ่งจึง"]) == [
        "หนึ่ง ต่อ",
        "ดังนั้น สอง",
        f"{long} สาม",
        "อีกทั้ง สี่",
        "ดังนั้น องค์การบริหารส่วนตำบลหนึ่งจึง",
    ]


def test_split_word():
    assert split_word("จิตสำนึกให้บุคลากรต", "ระหนักในการเป็นข้าราชการ")
    assert not split_word("ขององค์การบริหาร", "ส่วนตำบลโคกสำโรง")
    assert not split_word("จำนวน", "๖๐ คน")
