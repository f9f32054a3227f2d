"""The district office's page through the API (issue 18): many submissions or a zip -> a run of the
same queue -> district.xlsx and the memo through /api/runs/{id}; the upload's limits and refusals."""

import io
import zipfile

from conftest import MASTER
from district_sample import KAIKHAM, NONGBUA, renamed
from openpyxl import load_workbook
from web_helpers import folders, wait_for

from pipeline.web import uploads

KHOKSAMRONG = "องค์การบริหารส่วนตำบลโคกสำโรง"


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def names_in(xlsx: bytes) -> str:
    wb = load_workbook(io.BytesIO(xlsx))
    return " ".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)


def post(web, files: list[tuple[str, bytes]], **fields):
    fields.setdefault("pdf", "0")
    return web.post("/api/district", files=[("workbook", f) for f in files], data=fields)


def test_master_a_renamed_copy_and_a_zip_roll_up_into_district_xlsx(web, tmp_path):
    nongbua = renamed(MASTER, tmp_path / "nongbua.xlsx", NONGBUA, budget=lambda i: 1000)
    kaikham = renamed(MASTER, tmp_path / "kaikham.xlsx", KAIKHAM, budget=lambda i: 100)
    files = [
        ("master.xlsx", MASTER.read_bytes()),
        ("หนองบัว.xlsx", nongbua.read_bytes()),
        ("อีเมล.zip", zipped({"ไก่คำ/master.xlsx": kaikham.read_bytes(), "__MACOSX/ไก่คำ/._master.xlsx": b"x"})),
    ]
    response = post(web, files)
    assert response.status_code == 202, response.text
    status = wait_for(web, response.json()["id"])
    assert status["state"] == "done", status
    assert status["kind"] == "district"
    used = {u["organisation"]: u["file"] for u in status["district"]["used"]}
    assert used == {
        KHOKSAMRONG: "master.xlsx",
        "องค์การบริหารส่วนตำบลหนองบัว": "หนองบัว.xlsx",
        "เทศบาลตำบลไก่คำ": "อีเมล.zip/ไก่คำ/master.xlsx",
    }
    assert set(status["files"]) == {"district.xlsx", "district บันทึกข้อความ.docx"}  # -- pdf=0: no PDF --
    links = status["links"]
    assert links["memo_pdf"] is None and links["memo_docx"]
    xlsx = web.get(links["district"])
    assert xlsx.status_code == 200
    text = names_in(xlsx.content)
    assert KHOKSAMRONG in text and "หนองบัว" in text and "ไก่คำ" in text
    assert web.get(links["memo_docx"]).content[:2] == b"PK"
    everything = zipfile.ZipFile(io.BytesIO(web.get(status["zip"]["url"]).content))
    assert set(everything.namelist()) == set(status["files"])


def test_one_zip_alone_is_enough(web, tmp_path):
    nongbua = renamed(MASTER, tmp_path / "nongbua.xlsx", NONGBUA)
    archive = zipped({"master.xlsx": MASTER.read_bytes(), "ส่งมา/หนองบัว.xlsx": nongbua.read_bytes()})
    response = post(web, [("ส่งมาทางอีเมล.zip", archive)], year="2566")
    status = wait_for(web, response.json()["id"])
    assert status["state"] == "done", status
    assert status["district"]["organisations"] == 2 and status["district"]["years"] == [2566]
    text = names_in(web.get(status["links"]["district"]).content)
    assert KHOKSAMRONG in text and "หนองบัว" in text


def test_nothing_usable_fails_with_the_problems_and_the_server_goes_on(web):
    data = MASTER.read_bytes()
    response = post(web, [("เสีย.xlsx", data[: len(data) // 2]), ("ประกาศ.docx", b"PK\x03\x04 no")])
    status = wait_for(web, response.json()["id"])
    assert status["state"] == "failed" and status["error"] and status["error_en"]
    assert {p["file"] for p in status["problems"]} >= {"เสีย.xlsx"}
    assert web.get(f"/api/runs/{status['id']}/files/district.xlsx").status_code == 404


def test_a_file_name_is_never_a_path(web):
    response = post(web, [("../../หนี.xlsx", MASTER.read_bytes()), ("..", MASTER.read_bytes())])
    status = wait_for(web, response.json()["id"])
    assert status["state"] == "done", status
    root = web.app.state.queue.root
    assert not (root.parent / "หนี.xlsx").exists() and not (root / "หนี.xlsx").exists()
    (run_folder,) = folders(web, "district-")
    assert {p.name for p in (run_folder / "in").iterdir()} == {"ไม่มีชื่อ", "หนี.xlsx"}


def test_two_files_of_one_name_are_both_kept(web, tmp_path):
    nongbua = renamed(MASTER, tmp_path / "nongbua.xlsx", NONGBUA)
    response = post(web, [("master.xlsx", MASTER.read_bytes()), ("master.xlsx", nongbua.read_bytes())])
    status = wait_for(web, response.json()["id"])
    assert status["state"] == "done", status
    assert sorted(u["file"] for u in status["district"]["used"]) == ["master (2).xlsx", "master.xlsx"]


def test_refusals_remove_the_upload_and_give_the_place_back(web, monkeypatch):
    assert post(web, []).status_code == 400
    assert post(web, [("master.xlsx", MASTER.read_bytes())], round="7").status_code == 422
    assert post(web, [("master.xlsx", MASTER.read_bytes())], pdf="maybe").status_code == 422
    monkeypatch.setattr(uploads, "MAX_BYTES", 30_000)  # -- the real master is 36 kB --
    too_big = post(web, [("master.xlsx", MASTER.read_bytes())])
    assert too_big.status_code == 413 and too_big.json()["problems"][0]["code"] == "upload-too-large"
    monkeypatch.setattr(uploads, "MAX_BYTES", 20 * 1024 * 1024)
    monkeypatch.setattr(uploads, "MAX_TOTAL_BYTES", 50_000)
    together = post(web, [("a.xlsx", MASTER.read_bytes()), ("b.xlsx", MASTER.read_bytes())])
    assert together.status_code == 413 and "200" not in together.json()["problems"][0]["message_en"]
    assert folders(web, "district-") == []
    assert web.app.state.queue._held == 0


def test_the_page_is_thai_and_english_and_linked_both_ways(web):
    thai = web.get("/district")
    assert thai.status_code == 200 and '<html lang="th">' in thai.text and "ท้องถิ่นอำเภอ" in thai.text
    assert 'href="/"' in thai.text and "/static/district.js" in thai.text
    english = web.get("/district?lang=en").text
    assert '<html lang="en">' in english and "District roll-up" in english and 'href="/?lang=en"' in english
    assert 'href="/district"' in web.get("/").text
    assert 'href="/district?lang=en"' in web.get("/?lang=en").text
    assert "/api/district" in web.get("/static/district.js").text and "fetch(" in web.get("/static/page.js").text
