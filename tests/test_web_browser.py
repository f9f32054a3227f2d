"""End to end in a real browser: Debian's chromium driven by Playwright's plain Python API against
uvicorn on 127.0.0.1. Screenshots of each step go to $WEB_SCREENSHOTS or the test's temp folder."""

import os
import re
import shutil
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest
from broken import make_broken, put
from conftest import MASTER
from openpyxl import load_workbook
from web_helpers import hold_stages

from pipeline import contract as c

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium)")
WAIT_MS = 120_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from running(tmp_path_factory)


@pytest.fixture(scope="module")
def guarded_server(tmp_path_factory):
    yield from running(tmp_path_factory, password="รหัสสำนักงาน 2569")


def running(tmp_path_factory, password=None):
    import uvicorn

    from pipeline.web.app import create_app

    app = create_app(password=password, root=tmp_path_factory.mktemp("web-root"))
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield app, f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("WEB_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True, locale="th-TH")
    page = context.new_page()
    yield page
    context.close()


def upload_master_and_watch_status(page, url) -> None:
    """Open the page, upload the real master, and record in `window.seen` every text the status
    line shows as it changes."""
    page.goto(url + "/")
    page.set_input_files("#file", str(MASTER))
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    page.evaluate("""() => { window.seen = [];
        new MutationObserver(() => window.seen.push(document.getElementById('run-state').textContent))
          .observe(document.getElementById('run-state'), {childList: true, characterData: true, subtree: true}); }""")


def test_upload_check_generate_and_download_the_real_master(server, page, shots, tmp_path):
    app, url = server
    page.goto(url + "/")
    assert page.locator("h1").inner_text() == "สร้างเอกสารแผนปฏิบัติการป้องกันการทุจริต"
    page.screenshot(path=shots / "1-page.png", full_page=True)

    page.set_input_files("#file", str(MASTER))
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    assert page.locator("#verdict").inner_text().startswith("ผ่าน")
    row = page.locator("table.problems tbody tr.warning")
    assert row.count() == 1
    cells = row.locator("td").all_inner_texts()
    assert cells[:3] == ["คำเตือน", "แผนรายปี!C60", "project-twice-in-year"] and "2569" in cells[4]
    assert page.locator("#report-link").is_visible()
    assert page.locator("#year option").all_inner_texts() == ["ทุกปีในแผน", "2566", "2567", "2568", "2569", "2570"]
    page.screenshot(path=shots / "2-checked.png", full_page=True)

    page.uncheck("#pdf")
    page.click("#generate")
    page.wait_for_selector("#step-download:not([hidden])", timeout=WAIT_MS)
    assert page.locator("#progress").get_attribute("value") == "100"
    assert page.locator("#percent").inner_text() == "100 %"
    assert page.locator("#run-state").inner_text().startswith("เสร็จแล้ว")
    outcome = page.locator("#outcome tbody tr").all_inner_texts()
    assert any(r.startswith("2566/") for r in outcome) and any(r.startswith("ประกาศ") for r in outcome)
    page.screenshot(path=shots / "3-done.png", full_page=True)

    with page.expect_download() as info:
        page.click("#zip-link")
    download = info.value
    assert download.suggested_filename == "แผนปฏิบัติการป้องกันการทุจริต องค์การบริหารส่วนตำบลโคกสำโรง 2566-2570.zip"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    names = zipfile.ZipFile(saved).namelist()
    assert "ประกาศ.docx" in names
    sheets = [n for n in names if "/ลำดับที่ " in n and n.endswith(".docx")]
    assert len(sheets) == 75
    assert not any(n.endswith(".pdf") for n in names)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_with_pdf_the_bar_moves_through_real_counts_and_the_pdf_links_appear(server, page, shots, monkeypatch):
    app, url = server
    monkeypatch.setattr(app.state.queue, "office_cache", None)  # -- every PDF made, whatever ran before --
    upload_master_and_watch_status(page, url)
    page.click("#generate")
    page.wait_for_selector("#step-download:not([hidden])", timeout=WAIT_MS)
    seen = page.evaluate("window.seen")
    counts = [tuple(map(int, m.groups())) for m in map(re.compile(r"เอกสาร (\d+) / (\d+)").search, seen) if m]
    print(f"progress the page showed: {counts}")
    assert counts[-1] == (164, 164)  # 82 Word documents and their 82 PDFs
    assert any(0 < done < total for done, total in counts), seen
    assert [d for d, _ in counts] == sorted(d for d, _ in counts)
    row = page.locator("#outcome tbody tr", has_text="2566/").locator("td").all_inner_texts()
    assert row[:4] == ["2566/", "16", "16", ""] and int(row[4]) > 16  # pages of the year's PDFs
    links = page.locator("#highlights a").all_inner_texts()
    assert links[:2] == ["ประกาศ (PDF)", "เล่มแผน (PDF)"]
    pdf = page.request.get(url + page.locator("#highlights a").first.get_attribute("href"))
    assert pdf.ok and pdf.body()[:5] == b"%PDF-"
    page.screenshot(path=shots / "3b-done-with-pdf.png", full_page=True)


def test_a_broken_workbook_shows_the_errors_and_generates_nothing(server, page, shots, tmp_path):
    app, url = server
    before = set(app.state.queue.runs)
    broken = make_broken(
        tmp_path,
        "งบประมาณเป็นข้อความ",
        lambda wb: put(wb, c.SHEET_YEARLY, 2, c.YEARLY_HEADERS[5], "สองหมื่นบาท"),
        source=MASTER,
    )
    page.goto(url + "/")
    page.set_input_files("#file", str(broken))
    page.wait_for_selector("#verdict.bad", timeout=WAIT_MS)
    assert page.locator("#verdict").inner_text().startswith("ไม่ผ่าน")
    errors = page.locator("table.problems tbody tr.error")
    assert errors.count() >= 1
    first = errors.first.locator("td").all_inner_texts()
    assert first[0] == "ผิดพลาด" and first[1].startswith("แผนรายปี!F") and "สองหมื่นบาท" in first[3]
    assert page.locator("#step-generate").is_hidden()
    page.screenshot(path=shots / "4-errors.png", full_page=True)
    assert set(app.state.queue.runs) == before, "nothing was queued"


def test_a_file_that_is_not_a_workbook_is_named_in_thai(server, page, shots, tmp_path):
    app, url = server
    text = tmp_path / "รายชื่อ.xlsx"
    text.write_text("ปีงบประมาณ,ลำดับ\n2566,1\n", encoding="utf-8")
    page.goto(url + "/?lang=en")
    assert page.locator("h1").inner_text() == "Anti-corruption action plan documents"
    page.goto(url + "/")
    page.set_input_files("#file", str(text))
    page.wait_for_selector("#verdict.bad", timeout=WAIT_MS)
    row = page.locator("table.problems tbody tr.error").first.locator("td").all_inner_texts()
    assert row[2] == "file-is-text" and "รายชื่อ.xlsx" in row[4]
    page.screenshot(path=shots / "5-not-a-workbook.png", full_page=True)


def test_password_mode_logs_in_through_the_form_with_an_httponly_cookie(guarded_server, page, shots):
    app, url = guarded_server
    page.goto(url + "/")
    assert page.url.startswith(url + "/login")
    page.fill("input[name=password]", "ผิด")
    page.click("button[type=submit]")
    page.wait_for_selector("p.bad[role=alert]")
    assert page.locator("p.bad").inner_text() == "รหัสผ่านไม่ถูกต้อง"
    page.screenshot(path=shots / "6-login-wrong.png", full_page=True)
    page.fill("input[name=password]", "รหัสสำนักงาน 2569")
    page.click("button[type=submit]")
    page.wait_for_selector("#drop")
    assert page.url in (url + "/", url + "/?lang=th")
    cookie = next(c for c in page.context.cookies() if c["name"] == "pipeline_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert "pipeline_session" not in page.evaluate("document.cookie")  # -- scripts cannot read it --
    page.set_input_files("#file", str(MASTER))
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)


def test_a_second_run_waits_in_the_queue_and_the_page_shows_its_place(server, page, shots, monkeypatch):
    app, url = server
    hold_stages(monkeypatch, 3.0, {"validate"})  # -- the first run takes a while, even from the cache --
    upload_master_and_watch_status(page, url)
    # -- someone else's run with PDFs is already going --
    other = page.request.post(
        url + "/api/runs",
        multipart={
            "workbook": {"name": "master.xlsx", "mimeType": "application/octet-stream", "buffer": MASTER.read_bytes()},
            "pdf": "1",
        },
    )
    assert other.status == 202
    page.uncheck("#pdf")
    page.click("#generate")
    page.wait_for_selector("#run-state:has-text('รอคิว ลำดับที่ 1')", timeout=WAIT_MS)
    page.screenshot(path=shots / "7-queued.png", full_page=True)
    page.wait_for_selector("#step-download:not([hidden])", timeout=WAIT_MS)
    seen = page.evaluate("window.seen")
    assert seen.index("รอคิว ลำดับที่ 1") < max(i for i, s in enumerate(seen) if s.startswith("เสร็จแล้ว"))
    assert app.state.queue.runs[other.json()["id"]].state == "done"


def test_the_page_adds_a_rounds_monitoring_rows_and_hands_the_master_back(server, page, shots, tmp_path):
    """The 6-month round without a terminal: choose year and round, the master comes back with
    the round's rows (monitor init's rules), ready to fill in Excel."""
    app, url = server
    page.goto(url + "/")
    page.set_input_files("#file", str(MASTER))
    page.wait_for_selector("#step-monitor:not([hidden])", timeout=WAIT_MS)
    assert page.locator("#monitor-year option").all_inner_texts() == ["2566", "2567", "2568", "2569", "2570"]
    page.select_option("#monitor-year", "2567")
    page.select_option("#monitor-round", "6")
    with page.expect_download() as info:
        page.click("#monitor-add")
    download = info.value
    assert download.suggested_filename == MASTER.name
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    page.wait_for_selector("#monitor-state.good", timeout=WAIT_MS)
    assert page.locator("#monitor-state").inner_text().startswith("เพิ่มแถว 15 โครงการ")
    page.screenshot(path=shots / "monitor-round.png", full_page=True)
    ws = load_workbook(saved)[c.SHEET_MONITORING]
    rows = [(r[0], r[1]) for r in ws.iter_rows(min_row=2, max_col=2, values_only=True) if r[0]]
    assert rows == [(2567, 6)] * 15
    assert load_workbook(MASTER)[c.SHEET_MONITORING].max_row == 1  # -- the clerk's own file is untouched --
