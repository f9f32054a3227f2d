"""`pipeline district` on the command line: what staff read when the folder is empty, missing or a
file, or the output is open in Excel (a Thai line, the exit code, nothing written); --json codes;
--init-list; a roll-up with a name typed like a formula."""

import json
import shutil
import zipfile

from openpyxl import load_workbook

from pipeline.cli import main
from pipeline.district.job import memo_path
from pipeline.district.roster import ROSTER_FILE
from tests.conftest import MASTER
from tests.district_sample import renamed


def run(capsys, *argv):
    code = main(["district", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def nothing_written(folder):
    return sorted(p.name for p in folder.iterdir())


def test_an_empty_folder_says_so_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "ส่งมา").mkdir()
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run(capsys, tmp_path / "ส่งมา", "-o", out / "district.xlsx")
    assert code == 1
    assert f"ผิดพลาด: ไม่พบไฟล์ใน {tmp_path / 'ส่งมา'}" in err and "วิธีแก้:" in err
    assert nothing_written(out) == []


def test_a_folder_that_does_not_exist(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path / "ไม่มี", "-o", tmp_path / "district.xlsx", "--json")
    assert code == 2
    assert f"ผิดพลาด: ไม่พบโฟลเดอร์ {tmp_path / 'ไม่มี'}" in err
    assert nothing_written(tmp_path) == []


def test_a_file_instead_of_a_folder(tmp_path, capsys):
    shutil.copyfile(MASTER, tmp_path / "master.xlsx")
    code, out, err = run(capsys, tmp_path / "master.xlsx", "-o", tmp_path / "district.xlsx", "--json")
    assert code == 2
    assert "เป็นไฟล์ ไม่ใช่โฟลเดอร์" in err
    assert json.loads(out)["error"]["code"] == "folder-is-file"
    assert nothing_written(tmp_path) == ["master.xlsx"]


def test_an_output_open_in_excel_is_refused_and_left_alone(tmp_path, capsys):
    folder = tmp_path / "ส่งมา"
    folder.mkdir()
    shutil.copyfile(MASTER, folder / "master.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    (out / "district.xlsx").write_bytes(b"the district's own copy")
    (out / "~$district.xlsx").write_bytes(b"owner")
    code, _, err = run(capsys, folder, "-o", out / "district.xlsx")
    assert code == 3
    assert "ไฟล์กำลังเปิดอยู่ใน Excel หรือ LibreOffice (พบไฟล์ล็อก ~$district.xlsx)" in err
    assert (out / "district.xlsx").read_bytes() == b"the district's own copy"
    assert nothing_written(out) == ["district.xlsx", "~$district.xlsx"]


def test_only_unusable_files_write_nothing_and_list_why(tmp_path, capsys):
    folder = tmp_path / "ส่งมา"
    folder.mkdir()
    (folder / "เสีย.xlsx").write_bytes(b"not a workbook")
    code, out, err = run(capsys, folder, "-o", tmp_path / "district.xlsx")
    assert code == 1
    assert "เสีย.xlsx" in out and "file-is-text" in out  # -- the table of why, before the message --
    assert "ไม่มีไฟล์ที่นำมารวมได้" in err
    assert not (tmp_path / "district.xlsx").exists()


def test_json_is_codes_and_numbers(tmp_path, capsys):
    folder = tmp_path / "ส่งมา"
    folder.mkdir()
    shutil.copyfile(MASTER, folder / "master.xlsx")
    (folder / "หมายเหตุ.txt").write_text("สวัสดี", encoding="utf-8")
    code, out, _ = run(capsys, folder, "-o", tmp_path / "district.xlsx", "--json", "--no-pdf", "--year", "2566")
    data = json.loads(out)
    assert code == 0 and data["exit_code"] == 0 and data["error"] is None
    assert data["pdf_skipped"] == "no-pdf-requested"
    assert data["years"] == [2566] and data["organisations"] == 1
    assert data["totals"][0]["projects"] == 15 and data["totals"][0]["budget"] == 20000
    assert [p["code"] for p in data["problems"]] == ["file-not-workbook"]
    assert data["written"] == [str(tmp_path / "district.xlsx"), str(memo_path(tmp_path / "district.xlsx"))]


def test_init_list_writes_the_names_found_in_thai_order(tmp_path, capsys):
    folder = tmp_path / "ส่งมา"
    folder.mkdir()
    renamed(MASTER, folder / "a.xlsx", "อบต. หนองบัว")
    renamed(MASTER, folder / "b.xlsx", "ทต.ไก่คำ")
    with zipfile.ZipFile(folder / "c.zip", "w") as archive:
        archive.write(MASTER, "โคกสำโรง.xlsx")
    code, out, _ = run(capsys, folder, "--init-list")
    assert code == 0 and ROSTER_FILE in out
    ws = load_workbook(folder / ROSTER_FILE).worksheets[0]
    assert [cell.value for cell in ws["A"]] == [
        "ชื่อหน่วยงาน",
        "เทศบาลตำบลไก่คำ",
        "องค์การบริหารส่วนตำบลโคกสำโรง",
        "องค์การบริหารส่วนตำบลหนองบัว",
    ]
    code, _, err = run(capsys, folder, "--init-list")
    assert code == 3 and "มีไฟล์" in err and "จะไม่เขียนทับ" in err


def test_a_name_typed_like_a_formula_stays_text(tmp_path, capsys):
    folder = tmp_path / "ส่งมา"
    folder.mkdir()
    renamed(MASTER, folder / "a.xlsx", '=HYPERLINK("http://x","อบต.")')
    code, _, _ = run(capsys, folder, "-o", tmp_path / "district.xlsx", "--no-pdf", "-q")
    assert code == 0
    ws = load_workbook(tmp_path / "district.xlsx")["ภาพรวม"]
    cell = ws["B5"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","อบต.")' and cell.quotePrefix
