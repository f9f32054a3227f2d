"""Write-back into the master: summary sheets replaced, every other thing kept, or a clean refusal."""

import os
import shutil
import stat
import zipfile
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline import contract as c
from pipeline.errors import OutputBlocked
from pipeline.office.soffice import find_soffice
from pipeline.render.excel.summary import TOTAL_LABEL, is_summary_sheet
from pipeline.render.excel.writeback import write_back
from pipeline.workbook.reader import read_plan
from pipeline.workbook.safe_edit import make_backup
from pipeline.workbook.writer import save_workbook

STAFF = "บันทึกของฉัน"


def staff_master(master_path: Path, folder: Path) -> Path:
    """The real master plus staff's own sheet: styles, a comment, a dropdown, conditional
    formatting, column widths and a defined name — and a comment on a contract sheet."""
    path = folder / "master.xlsx"
    wb = load_workbook(master_path)
    ws = wb.create_sheet(STAFF)
    ws["A1"] = "ติดตามงาน"
    ws["A1"].font = Font(name="TH SarabunPSK", size=20, bold=True, color="FF0000")
    ws["A1"].fill = PatternFill("solid", fgColor="FFFF00")
    ws["A1"].alignment = Alignment(horizontal="center", wrap_text=True)
    ws["B2"], ws["B2"].number_format = 1234.5, "#,##0.000"
    ws["C2"] = "=B2*2"
    ws["A2"].comment = Comment("ถามกองคลังก่อน", "สมศรี")
    ws.column_dimensions["A"].width = 33.5
    dv = DataValidation(type="list", formula1='"เสร็จ,ยังไม่เสร็จ"', allow_blank=True)
    dv.add("D2:D50")
    ws.add_data_validation(dv)
    ws.conditional_formatting.add(
        "B2:B50", CellIsRule(operator="greaterThan", formula=["1000"], fill=PatternFill("solid", bgColor="FFC7CE"))
    )
    wb.defined_names["ยอดติดตาม"] = DefinedName("ยอดติดตาม", attr_text=f"'{STAFF}'!$B$2:$B$50")
    wb[c.SHEET_PROJECTS]["C2"].comment = Comment("ชื่อตามประกาศ", "สมศรี")
    save_workbook(wb, path)
    return path


def snapshot(path: Path) -> dict:
    """Everything of the non-summary sheets that staff could have set, as plain data."""
    wb = load_workbook(path)
    out = {
        "names": {n: d.attr_text for n, d in wb.defined_names.items()},
        "order": [t for t in wb.sheetnames if not is_summary_sheet(t)],
    }
    for ws in wb.worksheets:
        if is_summary_sheet(ws.title):
            continue
        out[ws.title] = {
            "cells": {cell.coordinate: _cell(cell) for row in ws.iter_rows() for cell in row},
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "validations": [(d.type, d.formula1, str(d.sqref), d.error) for d in ws.data_validations.dataValidation],
            "conditional": [
                (
                    str(cf.sqref),
                    [(r.type, r.operator, r.formula, r.dxf.fill.bgColor.rgb if r.dxf else None) for r in cf.rules],
                )
                for cf in ws.conditional_formatting
            ],
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "local_names": dict(ws.defined_names.items()).keys(),
        }
    return out


def _cell(cell) -> tuple:
    f, a = cell.font, cell.alignment
    return (
        cell.value,
        f.name,
        f.sz,
        f.b,
        f.color.rgb if f.color else None,
        cell.fill.fgColor.rgb,
        cell.number_format,
        a.horizontal,
        a.vertical,
        a.wrap_text,
        cell.border.left.style,
        cell.comment.text if cell.comment else None,
        cell.comment.author if cell.comment else None,
    )


def test_write_back_replaces_the_summary_and_keeps_everything_else(master_path, tmp_path):
    master = staff_master(master_path, tmp_path)
    original, before = master.read_bytes(), snapshot(master)
    result = write_back(master, read_plan(master))
    assert snapshot(master) == before
    assert result.backup.parent == tmp_path and result.backup.read_bytes() == original
    assert result.backup.name.startswith("master.backup-") and result.backup.suffix == ".xlsx"
    wb = load_workbook(master)
    assert wb.sheetnames[:6] == [*c.CONTRACT_SHEETS, STAFF]
    assert wb.sheetnames[6:] == [c.summary_sheet_name(y) for y in range(2566, 2571)] + [c.OVERVIEW_SHEET]
    assert not wb[c.OVERVIEW_SHEET]._charts  # the chart lives in the standalone summary only
    assert wb.active.title == c.SHEET_SETTINGS
    assert [ws.title for ws in wb.worksheets if ws.sheet_view.tabSelected] == [c.SHEET_SETTINGS]
    total = next(r for r in wb["สรุป 2569"].iter_rows() if r[1].value == TOTAL_LABEL)
    assert total[3].value.startswith("=SUM(")
    if find_soffice() is not None:
        assert result.recalculated
        values = load_workbook(master, data_only=True)
        total = next(r for r in values["สรุป 2569"].iter_rows() if r[1].value == TOTAL_LABEL)
        assert [cell.value for cell in total[3:8]] == [40000, 16, 16, 16, 15]
        assert values[STAFF]["B2"].value == 1234.5


def test_write_back_again_on_a_master_it_wrote(master_path, tmp_path):
    master = staff_master(master_path, tmp_path)
    plan = read_plan(master)
    first = write_back(master, plan, recalculate=False)
    before = snapshot(master)
    plan.rows_for(2568)[0].budget = 999
    second = write_back(master, plan, recalculate=False)
    assert second.backup != first.backup and first.backup.exists()
    assert snapshot(master) == before
    wb = load_workbook(master)
    assert wb.sheetnames.count("สรุป 2568") == 1
    assert wb["สรุป 2568"]["D3"].value == 999


def test_backups_never_overwrite_each_other(tmp_path):
    path = tmp_path / "master.xlsx"
    now = datetime(2024, 5, 1, 9, 30, 0)
    first = make_backup(SimpleNamespace(path=path, data=b"one"), now)  # -- the bytes the master was read with --
    second = make_backup(SimpleNamespace(path=path, data=b"two"), now)
    assert first.name == "master.backup-20240501-093000.xlsx"
    assert second.name == "master.backup-20240501-093000-2.xlsx"
    assert (first.read_bytes(), second.read_bytes()) == (b"one", b"two")


def add_image(path: Path, sheet_part: str = "xl/worksheets/sheet1.xml") -> None:
    """Put a picture on a sheet the way Excel stores it (drawing part -> media part)."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    drawing = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="{rel}">'
        "<xdr:oneCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>"
        '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr>'
        '<xdr:cNvPr id="2" name="ตราอบต"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/>'
        '<a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
        '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="{}" Target="{}"/></Relationships>'
    )
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        sheet_rels = sheet_part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        assert sheet_rels not in src.namelist()
        for info in src.infolist():
            data = src.read(info)
            if info.filename == sheet_part:
                data = data.replace(b"</worksheet>", f'<drawing xmlns:r="{rel}" r:id="rId1"/></worksheet>'.encode())
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Default Extension="png" ContentType="image/png"/>'
                    b'<Override PartName="/xl/drawings/drawing1.xml" ContentType='
                    b'"application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
                )
            dst.writestr(info, data)
        dst.writestr(sheet_rels, rels.format(f"{rel}/drawing", "../drawings/drawing1.xml"))
        dst.writestr("xl/drawings/drawing1.xml", drawing)
        dst.writestr("xl/drawings/_rels/drawing1.xml.rels", rels.format(f"{rel}/image", "../media/image1.png"))
        dst.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n-not-really-an-image")
    os.replace(tmp, path)


def assert_refused_intact(master: Path, plan, *words: str) -> str:
    original = master.read_bytes()
    files = sorted(p.name for p in master.parent.iterdir())
    with pytest.raises(OutputBlocked) as err:
        write_back(master, plan)
    assert master.read_bytes() == original
    assert sorted(p.name for p in master.parent.iterdir()) == files  # no backup, no temp file
    message = str(err.value)
    for word in words:
        assert word in message
    assert "Traceback" not in message
    return message


def test_a_master_with_an_image_is_refused_intact(master_path, tmp_path):
    master = staff_master(master_path, tmp_path)
    plan = read_plan(master)
    add_image(master)
    message = assert_refused_intact(master, plan, "รูปภาพ", f"'{c.SHEET_SETTINGS}'", "ไม่ถูกแก้ไข")
    assert message.startswith("ไม่เขียนสรุปกลับลงใน master.xlsx")


def test_a_master_with_a_chart_of_the_staffs_is_refused_intact(master_path, tmp_path):
    master = staff_master(master_path, tmp_path)
    wb = load_workbook(master)
    chart = BarChart()
    chart.add_data(Reference(wb[STAFF], min_col=2, min_row=2, max_row=3))
    wb[STAFF].add_chart(chart, "F2")
    save_workbook(wb, master)
    assert_refused_intact(master, read_plan(master), "แผนภูมิ", f"'{STAFF}'")


def test_a_macro_workbook_is_refused_intact(master_path, tmp_path):
    master = staff_master(master_path, tmp_path)
    with zipfile.ZipFile(master, "a") as zf:
        zf.writestr("xl/vbaProject.bin", b"not really vba")
    assert_refused_intact(master, read_plan(master), "มาโคร (VBA)", "ทั้งสมุดงาน")


def test_content_openpyxl_warns_it_would_drop_is_refused_intact(master_path, tmp_path):
    """x14 extensions (e.g. Excel 2010 data bars or validations) live in a sheet's extLst."""
    master = staff_master(master_path, tmp_path)
    plan = read_plan(master)
    ext = (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        b'<x14:dataValidations count="0"/></ext></extLst></worksheet>'
    )
    tmp = master.with_suffix(".tmp")
    with zipfile.ZipFile(master) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data.replace(b"</worksheet>", ext) if info.filename.endswith("sheet1.xml") else data)
    os.replace(tmp, master)
    assert_refused_intact(master, plan, "openpyxl", "Data Validation extension")


@pytest.mark.parametrize("lock", ["~$master.xlsx", ".~lock.master.xlsx#"])
def test_an_open_master_is_refused_intact(master_path, tmp_path, lock):
    master = staff_master(master_path, tmp_path)
    plan = read_plan(master)
    (tmp_path / lock).write_text("owner", encoding="utf-8")
    message = assert_refused_intact(master, plan, lock, "กำลังเปิดอยู่")
    assert "วิธีแก้: ปิดไฟล์ master.xlsx" in message


def test_a_read_only_master_is_refused_intact(master_path, tmp_path):
    master = staff_master(master_path, tmp_path)
    plan = read_plan(master)
    master.chmod(stat.S_IREAD)
    try:
        assert_refused_intact(master, plan, "อ่านอย่างเดียว")
    finally:
        master.chmod(stat.S_IREAD | stat.S_IWRITE)


def test_a_comment_only_vml_is_not_mistaken_for_a_drawing(master_path, tmp_path):
    """Comments come with a VML part; it must not trigger the refusal (staff_master has two)."""
    master = staff_master(master_path, tmp_path)
    with zipfile.ZipFile(master) as zf:
        assert any(n.endswith(".vml") for n in zf.namelist())
    write_back(master, read_plan(master), recalculate=False)
    assert load_workbook(master)[STAFF]["A2"].comment.text == "ถามกองคลังก่อน"


def test_the_master_written_back_opens_in_libreoffice(master_path, tmp_path):
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    from pipeline.office.soffice import convert

    master = staff_master(master_path, tmp_path)
    write_back(master, read_plan(master))
    out = tmp_path / "check"
    (result,) = convert([master], "xlsx:Calc MS Excel 2007 XML", out)
    values = load_workbook(result, data_only=True)
    total = next(r for r in values["สรุป 2566"].iter_rows() if r[1].value == TOTAL_LABEL)
    assert [cell.value for cell in total[3:8]] == [20000, 15, 15, 15, 14]
    shutil.rmtree(out)
