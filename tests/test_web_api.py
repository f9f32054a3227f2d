"""The web API with FastAPI's TestClient: every endpoint, the upload limit, broken workbooks,
path traversal, a crashed run, and two runs queued at once."""

import io
import json
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from broken import billion_laughs, corrupt_zip, make_broken, make_file, ole_file, put, zip_bomb
from conftest import MASTER
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from web_helpers import folders, upload, wait_for

from pipeline import contract as c
from pipeline.cli import main
from pipeline.web import jobs, uploads
from pipeline.web.app import create_app

THAI = re.compile(r"[\u0e00-\u0e7f]")


# ---------------------------------------------------------------- the page


def test_page_is_thai_by_default_and_english_with_lang_en(web):
    thai = web.get("/")
    assert thai.status_code == 200 and '<html lang="th">' in thai.text
    assert "ตรวจข้อมูล" in thai.text and "สร้างเอกสาร" in thai.text and "ผิดพลาดภายในโปรแกรม" in thai.text
    english = web.get("/?lang=en").text
    assert '<html lang="en">' in english and "Check" in english and "Generate" in english
    assert "0.1.0" in thai.text  # the footer's version
    # -- offline offices: nothing is fetched from another host --
    assert not re.search(r'(src|href)="(https?:)?//', thai.text)


def test_static_files_are_served_from_the_package(web):
    assert "fetch(" in web.get("/static/page.js").text and "dropBox(" in web.get("/static/app.js").text
    for page in ("/", "/district"):  # -- the shared helpers load before each page's own script --
        html = web.get(page).text
        assert html.index('src="/static/page.js"') < html.index('src="/static/', html.index("page.js") + 1)
    assert "font-family" in web.get("/static/app.css").text


def test_empty_and_sample_masters_download(web):
    empty = web.get("/api/empty-master.xlsx")
    assert empty.status_code == 200
    wb = load_workbook(io.BytesIO(empty.content))
    assert set(c.INPUT_SHEETS) <= set(wb.sheetnames)
    assert list(next(wb[c.SHEET_YEARLY].iter_rows(max_row=1, values_only=True))) == list(c.HEADERS[c.SHEET_YEARLY])
    sample = web.get("/api/sample-master.xlsx")
    assert sample.content == MASTER.read_bytes()
    assert folders(web, "empty-") == []  # -- the temporary copy went with the response --


# ---------------------------------------------------------------- validation


def test_validate_returns_what_the_cli_prints_as_json(web, capsys):
    response = upload(web, "/api/validate", MASTER)
    assert response.status_code == 200
    main(["validate", str(MASTER), "--json"])
    cli = json.loads(capsys.readouterr().out)
    got = response.json()
    assert got["workbook"] == "master.xlsx"
    assert {k: v for k, v in got.items() if k != "workbook"} == {k: v for k, v in cli.items() if k != "workbook"}
    assert [(p["code"], p["cell"]) for p in got["problems"]] == [("project-twice-in-year", "C60")]
    assert folders(web) == [], "a checked upload is removed at once"


def test_validation_report_xlsx_links_to_the_cells(web):
    response = upload(web, "/api/validate/report.xlsx", MASTER)
    assert response.status_code == 200
    assert "validation.xlsx" in response.headers["content-disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    cells = [cell for ws in wb for row in ws.iter_rows() for cell in row]
    assert any(cell.hyperlink and "C60" in str(cell.hyperlink.location or cell.hyperlink.target) for cell in cells)


BROKEN = {
    "file-zip-bomb": lambda t: zip_bomb(t, MASTER),
    "file-xml-entities": lambda t: billion_laughs(t, MASTER),
    "file-encrypted": lambda t: ole_file(t, "password.xlsx", encrypted=True),
    "file-is-xls": lambda t: ole_file(t, "old-excel.xls", encrypted=False),
    "file-is-text": lambda t: make_file(t, "csv-renamed.xlsx", "ปีงบประมาณ,ลำดับ\n2566,1\n".encode()),
    "file-corrupt": lambda t: corrupt_zip(t, MASTER),
    "file-empty": lambda t: make_file(t, "empty.xlsx", b""),
    "file-not-xlsx": lambda t: make_file(t, "random.xlsx", bytes(range(256)) * 8),
}


@pytest.mark.parametrize("code", sorted(BROKEN))
@pytest.mark.parametrize("url", ["/api/validate", "/api/runs"])
def test_broken_files_get_a_thai_message_and_400_never_a_traceback(web, tmp_path, code, url):
    path = BROKEN[code](tmp_path)
    response = upload(web, url, path)
    assert response.status_code == 400
    body = response.json()
    assert body["valid"] is False and [p["code"] for p in body["problems"]] == [code]
    message = body["problems"][0]["message"]
    assert THAI.search(message) and "Traceback" not in response.text
    assert uploads.DISK_NAME not in response.text and str(web.app.state.queue.root) not in response.text
    if path.name in message or code in ("file-is-text", "file-is-xls", "file-encrypted"):
        assert path.name in message  # -- the file is named as staff chose it --
    assert folders(web) == [] and web.app.state.queue.runs == {}


def test_an_xlsx_under_another_name_is_refused_by_its_extension(web, tmp_path):
    response = upload(web, "/api/validate", MASTER, name="master.csv")
    assert response.status_code == 400
    assert response.json()["problems"][0]["code"] == "file-extension"
    assert "master.csv" in response.json()["problems"][0]["message"]


def test_missing_file_and_non_multipart_requests_are_400(web):
    none = web.post("/api/validate", data={"year": "2566"}, files={"other": ("notes.txt", b"x")})
    assert none.status_code == 400 and none.json()["problems"][0]["code"] == "upload-missing"
    raw = web.post("/api/validate", content=b"PK...", headers={"content-type": "application/octet-stream"})
    assert raw.status_code == 400 and raw.json()["problems"][0]["code"] == "upload-not-multipart"
    broken = web.post(
        "/api/validate", content=b"--x\r\nnonsense", headers={"content-type": "multipart/form-data; boundary=x"}
    )
    assert broken.status_code == 400 and THAI.search(broken.json()["problems"][0]["message"])


def test_uploads_over_20_mb_are_refused_with_413(web, tmp_path):
    big = make_file(tmp_path, "big.xlsx", b"\0" * (uploads.MAX_BYTES + 1))
    response = upload(web, "/api/validate", big)
    assert response.status_code == 413
    assert response.json()["problems"][0]["code"] == "upload-too-large"
    assert "20 MB" in response.json()["problems"][0]["message"]
    assert folders(web) == []


def test_the_limit_holds_while_streaming_without_a_declared_length(web):
    """A chunked body has no Content-Length: the parser stops at the limit, not at the end."""
    sent = []

    def body():
        yield b'--b\r\nContent-Disposition: form-data; name="workbook"; filename="x.xlsx"\r\n\r\n'
        for _ in range(uploads.MAX_BYTES // (1024 * 1024) + 5):
            sent.append(1)
            yield b"\0" * (1024 * 1024)
        yield b"\r\n--b--\r\n"

    response = web.post("/api/validate", content=body(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 413


def test_a_file_just_under_the_limit_is_read_and_judged_by_its_content(web, tmp_path):
    path = make_file(tmp_path, "almost.xlsx", (bytes(range(256)) * (uploads.MAX_BYTES // 256))[:-10])
    response = upload(web, "/api/validate", path)
    assert response.status_code == 400 and response.json()["problems"][0]["code"] == "file-not-xlsx"


# ---------------------------------------------------------------- runs


def test_a_workbook_with_errors_is_422_with_the_report_and_nothing_runs(web, tmp_path):
    path = make_broken(
        tmp_path, "budget-as-text", lambda wb: put(wb, c.SHEET_YEARLY, 2, c.YEARLY_HEADERS[5], "สองหมื่น"), source=MASTER
    )
    response = upload(web, "/api/runs", path, pdf="0")
    assert response.status_code == 422
    body = response.json()
    assert body["valid"] is False and body["errors"] >= 1 and body["workbook"] == "budget-as-text.xlsx"
    assert any(p["severity"] == "error" and p["sheet"] == c.SHEET_YEARLY for p in body["problems"])
    assert web.app.state.queue.runs == {} and folders(web) == []


def test_a_year_outside_the_plan_is_422(web):
    response = upload(web, "/api/runs", MASTER, year="2599", pdf="0")
    assert response.status_code == 422 and response.json()["problems"][0]["code"] == "year-outside-plan"


@pytest.fixture
def finished_run(web):
    response = upload(web, "/api/runs", MASTER, year="2566", pdf="0")
    assert response.status_code == 202
    status = wait_for(web, response.json()["id"])
    assert status["state"] == "done", status
    return status


def test_a_run_reports_progress_files_outcome_and_links(web, finished_run):
    status = finished_run
    assert status["done"] == status["total"] == 17  # ประกาศ, ตาราง 2566, 15 project sheets
    assert status["stage"] and status["error"] == ""
    assert [p["cell"] for p in status["problems"]] == ["C60"]
    assert "ประกาศ.docx" in status["files"] and "summary.xlsx" in status["files"]
    assert sum(f.startswith("2566/ลำดับที่ ") for f in status["files"]) == 15
    assert {"name": "2566/", "word": 16, "pdf": 0, "excel": 0, "pages": 0} in status["outcome"]
    assert status["links"]["summary"].endswith("/files/summary.xlsx") and status["links"]["announcement"] is None
    summary = web.get(status["links"]["summary"])
    assert summary.status_code == 200 and load_workbook(io.BytesIO(summary.content)).sheetnames


def test_the_zip_has_the_outputs_layout_utf8_names_and_the_plan_name(web, finished_run, tmp_path):
    response = web.get(finished_run["zip"]["url"])
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    disposition = response.headers["content-disposition"]
    assert "filename*=utf-8''" in disposition.lower()
    # -- a one-year run is named for its year (the whole plan's run: test_web_browser) --
    assert finished_run["zip"]["name"] == "แผนปฏิบัติการป้องกันการทุจริต องค์การบริหารส่วนตำบลโคกสำโรง 2566.zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert all(info.flag_bits & 0x800 for info in archive.infolist())  # central directory
    local_flags = [
        int.from_bytes(response.content[i.header_offset + 6 : i.header_offset + 8], "little")
        for i in archive.infolist()
    ]
    assert all(flags & 0x800 for flags in local_flags)  # and each local header
    main(["run", str(MASTER), "--out", str(tmp_path / "cli"), "--year", "2566", "--no-pdf", "-q"])
    cli = sorted(
        p.relative_to(tmp_path / "cli").as_posix()
        for p in (tmp_path / "cli").rglob("*")
        if p.is_file() and not p.name.startswith(".")
    )
    assert sorted(archive.namelist()) == cli == finished_run["files"]
    from docx import Document

    announcement = Document(io.BytesIO(archive.read("ประกาศ.docx")))
    assert any("ประกาศ" in p.text for p in announcement.paragraphs)


TRAVERSALS = [
    "../upload.xlsx",
    "%2e%2e/upload.xlsx",
    "%2e%2e%2fupload.xlsx",
    "..%2F..%2Fpyproject.toml",
    "2566/../../upload.xlsx",
    "2566%2F..%2F..%2Fupload.xlsx",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "..%5Cupload.xlsx",
    "upload.xlsx",
    "out/summary.xlsx",
    "C:%5CWindows%5Cwin.ini",
    "",
    ".",
]


@pytest.mark.parametrize("attempt", TRAVERSALS)
def test_file_downloads_outside_the_manifest_are_404(web, finished_run, attempt):
    run_id = finished_run["id"]
    response = web.get(f"/api/runs/{run_id}/files/{attempt}")
    assert response.status_code == 404
    assert b"PK" not in response.content[:2] and b"root:" not in response.content


def test_unknown_runs_are_404(web):
    assert web.get("/api/runs/nope").status_code == 404
    assert web.get("/api/runs/nope/outputs.zip").status_code == 404
    assert web.get("/api/runs/..%2F..%2Fetc/files/passwd").status_code == 404


def test_a_crashed_run_fails_with_one_line_and_the_server_keeps_serving(web, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(jobs.pipeline_run, "run_pipeline", boom)
    response = upload(web, "/api/runs", MASTER, pdf="0")
    status = wait_for(web, response.json()["id"])
    assert status["state"] == "failed"
    assert "\n" not in status["error"] and "ผิดพลาดภายในโปรแกรม" in status["error"]
    assert "disk on fire" in status["error_en"] and "\n" not in status["error_en"]  # -- for IT staff --
    assert str(jobs.ERROR_LOG) not in status["error"] + status["error_en"]  # -- no path of the server's --
    assert web.get(f"/api/runs/{status['id']}/outputs.zip").status_code == 404
    monkeypatch.undo()
    assert web.get("/").status_code == 200
    again = upload(web, "/api/runs", MASTER, year="2567", pdf="0")
    assert wait_for(web, again.json()["id"])["state"] == "done"


def test_two_runs_submitted_at_once_run_one_after_the_other(web):
    with ThreadPoolExecutor(2) as pool:  # -- two staff press the button at the same moment --
        posts = [pool.submit(upload, web, "/api/runs", MASTER, year=year, pdf="0") for year in ("2566", "2567")]
        first, second = (f.result().json()["id"] for f in posts)
    a, b = wait_for(web, first), wait_for(web, second)
    assert a["state"] == b["state"] == "done"
    earlier, later = sorted((web.app.state.queue.runs[i] for i in (first, second)), key=lambda r: r.seq)
    assert earlier.finished <= later.started, "one LibreOffice set: never two runs at once"
    assert {f.split("/")[0] for f in a["files"] if "/" in f} == {"2566"}
    assert {f.split("/")[0] for f in b["files"] if "/" in f} == {"2567"}
    assert sum(f.startswith("2567/ลำดับที่") for f in b["files"]) == 15


def test_the_queue_position_is_shown_while_waiting(tmp_path):
    queue = jobs.RunQueue(tmp_path / "q")
    queue.close()  # -- the worker stops: the runs stay queued --
    runs = [
        queue.submit(jobs.Run(id=str(i), folder=tmp_path, workbook=MASTER, filename="m.xlsx", years=None, pdf=False))
        for i in range(3)
    ]
    assert [queue.position(r) for r in runs] == [1, 2, 3]


def test_finished_runs_are_removed_after_an_hour(web, finished_run):
    queue = web.app.state.queue
    run = queue.runs[finished_run["id"]]
    assert run.folder.is_dir()
    queue.sweep(now=run.finished + jobs.KEEP_SECONDS - 60)
    assert run.folder.is_dir()
    queue.sweep(now=run.finished + jobs.KEEP_SECONDS + 60)
    assert not run.folder.exists() and web.get(f"/api/runs/{run.id}").status_code == 404


def test_downloading_the_zip_shortens_the_stay_to_ten_minutes(web, finished_run):
    queue = web.app.state.queue
    run = queue.runs[finished_run["id"]]
    web.get(finished_run["zip"]["url"])
    assert run.expires <= run.finished + jobs.KEEP_AFTER_DOWNLOAD + 60


# ---------------------------------------------------------------- safety


def test_cross_origin_posts_are_refused(web):
    with MASTER.open("rb") as handle:
        evil = web.post(
            "/api/validate", files={"workbook": ("m.xlsx", handle)}, headers={"origin": "http://evil.example"}
        )
    assert evil.status_code == 403 and THAI.search(evil.json()["message"])
    with MASTER.open("rb") as handle:
        same = web.post(
            "/api/validate", files={"workbook": ("m.xlsx", handle)}, headers={"origin": "http://127.0.0.1:8750"}
        )
    assert same.status_code == 200


@pytest.fixture
def guarded(tmp_path):
    with TestClient(create_app(password="ลับมาก 123", root=tmp_path / "web"), follow_redirects=False) as client:
        yield client


def test_password_mode_needs_a_login_for_the_page_and_the_api(guarded):
    assert guarded.get("/").status_code == 303 and guarded.get("/").headers["location"].startswith("/login")
    assert guarded.get("/api/empty-master.xlsx").status_code == 401
    assert upload(guarded, "/api/validate", MASTER).status_code == 401
    assert guarded.get("/login").status_code == 200 and 'type="password"' in guarded.get("/login").text
    assert guarded.get("/static/app.css").status_code == 200


def test_a_wrong_password_is_refused(guarded):
    wrong = guarded.post("/login", data={"password": "เดา"})
    assert wrong.status_code == 303 and "wrong=1" in wrong.headers["location"]
    assert "set-cookie" not in wrong.headers
    assert guarded.get("/api/empty-master.xlsx").status_code == 401


def test_the_right_password_sets_an_httponly_strict_cookie(guarded):
    response = guarded.post("/login", data={"password": "ลับมาก 123"})
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    assert guarded.get("/").status_code == 200
    assert upload(guarded, "/api/validate", MASTER).status_code == 200
    with MASTER.open("rb") as handle:
        cross = guarded.post(
            "/api/runs", files={"workbook": ("m.xlsx", handle)}, headers={"origin": "http://evil.example"}
        )
    assert cross.status_code == 403


def test_login_itself_checks_the_origin(guarded):
    response = guarded.post("/login", data={"password": "ลับมาก 123"}, headers={"origin": "http://evil.example"})
    assert response.status_code == 403 and "set-cookie" not in response.headers


def test_serve_refuses_the_network_without_a_password(capsys, monkeypatch):
    monkeypatch.delenv("PIPELINE_WEB_PASSWORD", raising=False)
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "ต้องตั้งรหัสผ่าน" in err and "--password" in err and "Traceback" not in err


def test_an_unexpected_error_in_a_request_is_one_json_line_and_the_server_goes_on(web, monkeypatch):
    from pipeline.web import api

    def broken(upload):
        raise KeyError("bug")

    monkeypatch.setattr(api, "check", broken)
    response = upload(web, "/api/validate", MASTER)
    assert response.status_code == 500 and response.json()["code"] == "internal-error"
    assert "Traceback" not in response.text and THAI.search(response.json()["message"])
    assert folders(web) == []
    monkeypatch.undo()
    assert upload(web, "/api/validate", MASTER).status_code == 200


def test_serve_takes_the_password_from_the_environment_and_opens_the_browser(monkeypatch):
    import uvicorn

    from pipeline.web import server

    started = {}

    def fake_run(self):
        started["password"] = self.config.app.state.guard.password
        started["host"] = self.config.host
        self.config.app.state.queue.close()

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    monkeypatch.setenv(server.PASSWORD_ENV, "จากตัวแปร")
    assert main(["serve", "--host", "0.0.0.0", "--port", "8799"]) == 0
    assert started == {"password": "จากตัวแปร", "host": "0.0.0.0"}
    opened = []
    monkeypatch.setattr(server.webbrowser, "open", opened.append)
    server._open_when_started(type("Started", (), {"started": True})(), "http://127.0.0.1:8799/")
    assert opened == ["http://127.0.0.1:8799/"]


def test_a_full_queue_refuses_more_runs_with_429(web):
    queue = web.app.state.queue
    for i in range(jobs.MAX_WAITING):  # -- pretend runs that wait (never handed to the worker) --
        queue.runs[f"w{i}"] = jobs.Run(
            id=f"w{i}", folder=queue.root, workbook=MASTER, filename="m.xlsx", years=None, pdf=False
        )
    response = upload(web, "/api/runs", MASTER, pdf="0")
    assert response.status_code == 429 and response.json()["problems"][0]["code"] == "queue-full"
    assert THAI.search(response.json()["problems"][0]["message"])
    queue.runs.clear()


def test_without_a_password_only_this_pcs_names_are_answered(web):
    """DNS rebinding: evil.example resolving to 127.0.0.1 still sends Host: evil.example."""
    assert web.get("/", headers={"host": "evil.example:8750"}).status_code == 421
    assert web.get("/", headers={"host": "localhost:8750"}).status_code == 200
    assert web.get("/", headers={"host": "[::1]:8750"}).status_code == 200
