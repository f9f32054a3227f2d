"""The page as every clerk meets it, in Chromium (issue 21): keyboard only, an accessibility audit,
choosing a fixed file again, a server that goes away and comes back, a phone's width, expired
links, the real retention, the steps' numbers and the English page. Screenshots of each state go to
$WEB_SCREENSHOTS or the test's temp folder."""

import re
import shutil
import time
from datetime import datetime

import pytest
from broken import make_broken, make_file, put
from conftest import MASTER
from web_helpers import (
    WAIT_MS,
    chromium,
    hold_stages,
    needs_chromium,
    new_page,
    screenshots,
    serious_violations,
    serving,
)

from pipeline import contract as c
from pipeline.errors import PipelineError
from pipeline.web import jobs
from pipeline.web.app import create_app
from pipeline.web.texts import EN, TH
from pipeline.workbook.reader import read_plan

pytestmark = needs_chromium
THAI = re.compile(r"[\u0e00-\u0e7f]")
PASSWORD = "รหัสสำนักงาน 2569"


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serving(create_app(root=tmp_path_factory.mktemp("web-root"))) as served:
        yield served


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    with serving(create_app(password=PASSWORD, root=tmp_path_factory.mktemp("web-guarded"))) as served:
        yield served


@pytest.fixture
def page(browser):
    with new_page(browser) as p:
        yield p


@pytest.fixture
def shots(tmp_path):
    return screenshots(tmp_path)


def broken_master(folder, name="งบประมาณเป็นข้อความ"):
    folder.mkdir(parents=True, exist_ok=True)
    return make_broken(
        folder, name, lambda wb: put(wb, c.SHEET_YEARLY, 2, c.YEARLY_HEADERS[5], "สองหมื่นบาท"), source=MASTER
    )


def choose_with_the_chooser(page, path) -> None:
    """As a clerk does: the button opens the system's file chooser."""
    with page.expect_file_chooser() as chooser:
        page.click("#choose")
    chooser.value.set_files(str(path))


def tab_to(page, element_id: str, limit: int = 40) -> list[str]:
    """Press Tab until `element_id` has the focus; the ids (or tags) passed on the way."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id || document.activeElement.tagName")
        passed.append(focused)
        if focused == element_id:
            return passed
    raise AssertionError(f"Tab never reached #{element_id}: {passed}")


def generate_without_pdf(page) -> None:
    page.uncheck("#pdf")
    page.click("#generate")
    page.wait_for_selector("#step-download:not([hidden])", timeout=WAIT_MS)


def watch_run_state(page) -> None:
    """Record in `window.seen` every text the run's status line shows."""
    page.evaluate(
        """() => { window.seen = []; const line = document.getElementById('run-state');
        new MutationObserver(() => window.seen.push(line.textContent))
          .observe(line, {childList: true, characterData: true, subtree: true}); }"""
    )


def visible_step_numbers(page) -> list[int]:
    headings = page.locator("section.step:not([hidden]) h2").all_inner_texts()
    return [int(m.group(1)) for m in (re.match(r"(\d+)\.", h) for h in headings) if m]


# ---------------------------------------------------------------- keyboard


def test_keyboard_only_chooses_checks_generates_and_downloads(server, page, shots, tmp_path):
    page.goto(server.url + "/")
    tab_to(page, "choose")
    with page.expect_file_chooser() as chooser:  # -- Enter on the focused button opens the chooser --
        page.keyboard.press("Enter")
    chooser.value.set_files(str(MASTER))
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    assert page.locator("#verdict").get_attribute("role") == "status"  # -- read out when it changes --
    passed = tab_to(page, "pdf")
    assert "report-link" in passed and "year" in passed  # -- the report and the year on the way --
    page.keyboard.press("Space")
    assert not page.is_checked("#pdf")
    tab_to(page, "generate")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "run-state"  # -- focus moves to the status --
    page.wait_for_selector("#step-download:not([hidden])", timeout=WAIT_MS)
    assert page.evaluate("document.activeElement.id") == "zip-link"
    assert page.get_by_role("progressbar", name=TH["progress"]).count() == 1
    page.screenshot(path=shots / "keyboard-done.png", full_page=True)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith("2566-2570.zip")


def test_space_on_the_choose_button_opens_the_chooser_and_the_focus_is_visible(server, page, shots):
    page.goto(server.url + "/")
    tab_to(page, "choose")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # -- where the keyboard is can be seen --
    page.screenshot(path=shots / "keyboard-focus.png")
    with page.expect_file_chooser():
        page.keyboard.press("Space")


# ---------------------------------------------------------------- accessibility audit


def audit(page, shots, name: str) -> list[dict]:
    page.screenshot(path=shots / f"axe-{name}.png", full_page=True)
    return [{"page": name, **v} for v in serious_violations(page)]


def test_axe_finds_no_serious_or_critical_violation(server, guarded, page, shots, tmp_path):
    found = []
    page.goto(server.url + "/")
    found += audit(page, shots, "start")
    page.set_input_files("#file", str(broken_master(tmp_path)))
    page.wait_for_selector("#verdict.bad", timeout=WAIT_MS)
    found += audit(page, shots, "validation-errors")
    page.set_input_files("#file", str(MASTER))
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    generate_without_pdf(page)
    found += audit(page, shots, "finished-run")
    page.goto(server.url + "/?lang=en")
    found += audit(page, shots, "english")
    page.set_input_files("#file", str(MASTER))
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    found += audit(page, shots, "english-checked")
    page.goto(server.url + "/api/runs/nope/outputs.zip")
    found += audit(page, shots, "not-found")
    page.goto(guarded.url + "/")
    found += audit(page, shots, "login")
    page.fill("input[name=password]", "ผิด")
    page.click("button[type=submit]")
    page.wait_for_selector("p.bad[role=alert]")
    found += audit(page, shots, "login-wrong")
    assert found == []


# ---------------------------------------------------------------- choosing again


def test_choosing_the_same_file_again_after_fixing_it_checks_it_again(server, page, shots, tmp_path):
    path = tmp_path / "master.xlsx"
    shutil.copyfile(MASTER, path)
    checks = []
    page.on("request", lambda r: checks.append(r.url) if r.url.endswith("/api/validate") else None)
    page.goto(server.url + "/")
    choose_with_the_chooser(page, path)
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    assert page.input_value("#file") == ""  # -- the input forgets the file: choosing it again is a change --
    shutil.copyfile(broken_master(tmp_path / "broken"), path)  # -- broken in Excel, saved --
    choose_with_the_chooser(page, path)
    page.wait_for_selector("#verdict.bad", timeout=WAIT_MS)
    assert page.locator("#step-generate").is_hidden()
    page.screenshot(path=shots / "rechosen-broken.png", full_page=True)
    shutil.copyfile(MASTER, path)  # -- fixed, saved, chosen again --
    choose_with_the_chooser(page, path)
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    assert len(checks) == 3


def test_a_file_broken_after_it_passed_is_checked_again_when_the_clerk_comes_back(server, page, tmp_path):
    """Saved broken in Excel while the page showed "passed": back on the page, it is checked again."""
    path = tmp_path / "master.xlsx"
    shutil.copyfile(MASTER, path)
    page.goto(server.url + "/")
    choose_with_the_chooser(page, path)
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    time.sleep(1.1)  # -- a later modification time, as Excel's save gives --
    shutil.copyfile(broken_master(tmp_path / "broken"), path)
    page.evaluate("window.dispatchEvent(new Event('focus'))")  # -- the clerk switches back from Excel --
    page.wait_for_selector("#verdict.bad", timeout=WAIT_MS)
    text = page.locator("#verdict").inner_text()
    assert text.startswith(TH["check_bad"][:10]) or text == TH["file_changed"], text
    assert page.locator("#step-generate").is_hidden() and page.locator("#step-monitor").is_hidden()


def test_generate_after_the_file_was_broken_shows_its_errors_and_runs_nothing(server, page, tmp_path):
    path = tmp_path / "master.xlsx"
    shutil.copyfile(MASTER, path)
    page.goto(server.url + "/")
    choose_with_the_chooser(page, path)
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    before = set(server.app.state.queue.runs)
    time.sleep(1.1)
    shutil.copyfile(broken_master(tmp_path / "broken"), path)
    page.uncheck("#pdf")
    page.click("#generate")
    page.wait_for_selector("#verdict.bad", timeout=WAIT_MS)
    assert page.locator("table.problems tr.error").count() >= 1 or TH["file_changed"] in page.inner_text("main")
    assert page.locator("#step-generate").is_hidden()
    assert set(server.app.state.queue.runs) == before


def test_a_file_gone_since_it_was_chosen_is_said_and_generate_comes_back(server, page, tmp_path):
    path = tmp_path / "master.xlsx"
    shutil.copyfile(MASTER, path)
    page.goto(server.url + "/")
    choose_with_the_chooser(page, path)
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    path.unlink()  # -- moved or deleted in the file manager --
    page.uncheck("#pdf")
    page.click("#generate")
    page.wait_for_selector(f"#run-state:has-text('{TH['file_changed'][:30]}')", timeout=WAIT_MS)
    assert page.is_enabled("#generate")


# ---------------------------------------------------------------- the server goes away


def slow_runs(app, monkeypatch):
    """Runs that last until the server stops (then fail, as a run cut short does)."""
    closed = app.state.queue._closed

    def run_pipeline(*args, progress=None, **kwargs):
        while not closed.wait(0.05):
            pass
        raise PipelineError("หยุดแล้ว", english="stopped")

    monkeypatch.setattr(jobs.pipeline_run, "run_pipeline", run_pipeline)


def test_a_stopped_server_is_said_within_5_s_and_a_lost_run_stops_polling(page, shots, tmp_path, monkeypatch):
    app = create_app(root=tmp_path / "first")
    slow_runs(app, monkeypatch)
    with serving(app) as first:
        page.goto(first.url + "/")
        page.set_input_files("#file", str(MASTER))
        page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
        page.uncheck("#pdf")
        page.click("#generate")
        page.wait_for_selector(f"#run-state:has-text('{TH['running']}')", timeout=WAIT_MS)
        assert page.is_disabled("#generate")
        first.stop()  # -- the console window is closed --
        stopped = time.monotonic()
        page.wait_for_selector(f"#run-state:has-text('{TH['server_gone'][:25]}')", timeout=5000)
        assert time.monotonic() - stopped < 5
        assert page.is_enabled("#generate")
        page.screenshot(path=shots / "server-gone.png", full_page=True)
        monkeypatch.undo()
        with serving(create_app(root=tmp_path / "second"), port=first.port):  # -- started again --
            page.wait_for_selector(f"#run-state:has-text('{TH['run_lost'][:25]}')", timeout=10_000)
            polls = []
            page.on("request", lambda r: polls.append(r.url) if "/api/runs/" in r.url else None)
            time.sleep(3)
            assert polls == [], "a lost run is not polled again"
            assert page.is_enabled("#generate")
            page.screenshot(path=shots / "run-lost.png", full_page=True)


def test_checking_a_file_while_the_server_is_stopped_is_said_within_5_s(page, tmp_path):
    with serving(create_app(root=tmp_path / "web")) as served:
        page.goto(served.url + "/")
        served.stop()
        started = time.monotonic()
        page.set_input_files("#file", str(MASTER))
        page.wait_for_selector(f"#verdict:has-text('{TH['server_gone'][:25]}')", timeout=5000)
        assert time.monotonic() - started < 5 and page.is_enabled("#choose")


def test_adding_a_round_when_the_server_is_gone_says_so_and_the_button_comes_back(page, tmp_path):
    app = create_app(root=tmp_path / "web")
    with serving(app) as served:
        page.goto(served.url + "/")
        page.set_input_files("#file", str(MASTER))
        page.wait_for_selector("#step-monitor:not([hidden])", timeout=WAIT_MS)
        served.stop()
        page.click("#monitor-add")
        page.wait_for_selector(f"#monitor-state:has-text('{TH['server_gone'][:25]}')", timeout=5000)
        assert page.is_enabled("#monitor-add")


# ---------------------------------------------------------------- a phone


def test_at_390_px_nothing_is_wider_than_the_screen(server, guarded, browser, shots, tmp_path):
    many = make_broken(
        tmp_path,
        "หลายข้อผิดพลาด",
        lambda wb: [
            put(wb, c.SHEET_YEARLY, 2, c.YEARLY_HEADERS[5], "สองหมื่นบาทถ้วนตามที่ได้รับอนุมัติจากสภาองค์การบริหารส่วนตำบล"),
            put(
                wb,
                c.SHEET_YEARLY,
                3,
                c.YEARLY_HEADERS[5],
                "https://www.example.go.th/a/very/long/address/that/never/ends",
            ),
        ],
        source=MASTER,
    )
    widths = {}
    with new_page(browser, 390, 844) as phone:

        def measure(name):
            widths[name] = phone.evaluate("document.documentElement.scrollWidth")
            phone.screenshot(path=shots / f"phone-{name}.png", full_page=True)

        phone.goto(server.url + "/")
        measure("start")
        phone.click("details.new-master summary")  # -- the new-master form open --
        measure("new-master")
        phone.set_input_files("#file", str(many))
        phone.wait_for_selector("#verdict.bad", timeout=WAIT_MS)
        measure("errors")
        phone.set_input_files("#file", str(MASTER))
        phone.wait_for_selector("#verdict.good", timeout=WAIT_MS)
        generate_without_pdf(phone)
        measure("done")
        phone.goto(server.url + "/?lang=en")
        measure("english")
        phone.goto(server.url + "/api/runs/nope/outputs.zip")
        measure("not-found")
        phone.goto(guarded.url + "/")
        measure("login")
    assert all(width <= 390 for width in widths.values()), widths


# ---------------------------------------------------------------- links that expired, retention


def test_expired_and_unknown_links_give_a_thai_page_with_a_way_back(server, page, shots):
    app, url = server.app, server.url
    page.goto(url + "/")
    page.set_input_files("#file", str(MASTER))
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    generate_without_pdf(page)
    zip_url = page.get_attribute("#zip-link", "href")
    file_url = page.get_attribute("#highlights a >> nth=0", "href")
    run = next(r for r in app.state.queue.runs.values() if r.id in zip_url)
    app.state.queue.sweep(now=run.expires + 1)  # -- an hour later --
    for link in (zip_url, file_url, "/api/runs/0123456789abcdef", "/nothing-here"):
        response = page.goto(url + link)
        assert response.status == 404 and "text/html" in response.headers["content-type"]
        assert page.locator("h1").inner_text() == TH["not_found_title"]
        assert "1 ชั่วโมง" in page.locator("main").inner_text() and "10 นาที" in page.locator("main").inner_text()
    page.screenshot(path=shots / "expired-link.png", full_page=True)
    page.click("#back")
    page.wait_for_selector("#choose")
    assert page.url == url + "/"
    english = page.goto(url + "/api/runs/nope/outputs.zip?lang=en")
    assert english.status == 404 and page.locator("h1").inner_text() == EN["not_found_title"]
    assert page.request.get(url + "/api/runs/nope").json()["detail"]["code"] == "not-found"  # -- scripts: JSON --


def test_the_page_states_the_real_retention_and_a_download_shortens_it(server, page):
    app = server.app
    page.goto(server.url + "/")
    page.set_input_files("#file", str(MASTER))
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    generate_without_pdf(page)
    rule = page.locator("#retention").inner_text()
    assert f"{jobs.KEEP_SECONDS // 3600} ชั่วโมง" in rule and f"{jobs.KEEP_AFTER_DOWNLOAD // 60} นาที" in rule
    run = next(r for r in app.state.queue.runs.values() if r.id in page.get_attribute("#zip-link", "href"))

    def shown_time():
        return re.search(r"(\d\d):(\d\d)", page.locator("#expires").inner_text()).groups()

    assert shown_time() == tuple(datetime.fromtimestamp(run.expires).strftime("%H:%M").split(":"))
    with page.expect_download():
        page.click("#zip-link")
    later = run.expires
    assert later <= time.time() + jobs.KEEP_AFTER_DOWNLOAD
    expected = tuple(datetime.fromtimestamp(later).strftime("%H:%M").split(":"))
    page.wait_for_function(
        "t => document.getElementById('expires').textContent.includes(t)", arg=":".join(expected), timeout=10_000
    )


# ---------------------------------------------------------------- steps, words, English


def test_steps_are_numbered_in_the_order_they_appear(server, page):
    page.goto(server.url + "/")
    assert visible_step_numbers(page) == [1]
    page.set_input_files("#file", str(MASTER))
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    assert visible_step_numbers(page) == [1, 2, 3]
    generate_without_pdf(page)
    assert visible_step_numbers(page) == [1, 2, 3, 4]


def test_an_empty_file_is_not_told_to_type_a_command(server, page, tmp_path):
    page.goto(server.url + "/")
    page.set_input_files("#file", str(make_file(tmp_path, "ว่าง.xlsx", b"")))
    page.wait_for_selector("#verdict.bad", timeout=WAIT_MS)
    text = page.locator("#problems").inner_text()
    assert "file-empty" in text and "pipeline" not in text and "สมุดงานเปล่า" in text


def test_the_english_page_says_counts_and_stages_in_english(server, page, shots, monkeypatch):
    hold_stages(monkeypatch, 0.6)
    page.goto(server.url + "/?lang=en")
    page.set_input_files("#file", str(MASTER))
    page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
    verdict = page.locator("#verdict").inner_text()
    assert verdict.endswith("(0 errors, 1 warning)") and "1 warnings" not in page.locator("main").inner_text()
    watch_run_state(page)
    generate_without_pdf(page)
    seen = page.evaluate("window.seen")
    stages = "|".join(re.escape(v) for v in EN["stages"].values())
    assert any(re.fullmatch(rf"Running: ({stages}).*", s) for s in seen), seen
    assert seen[-1] == "Done · documents 82 / 82" and not [s for s in seen if THAI.search(s)], seen
    notes = page.locator("#highlights li.note").all_inner_texts()
    assert notes and not [n for n in notes if THAI.search(n)], notes
    page.screenshot(path=shots / "english-done.png", full_page=True)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_the_bar_moves_during_the_pdf_stage(tmp_path, page, monkeypatch):
    """The PDFs are counted as LibreOffice writes them: the page shows counts between the Word
    documents (82) and all 164, not 50 % until the end. The first count between is held a moment,
    so the page's poll cannot miss it however fast LibreOffice is (it must still come from the run)."""
    hold_stages(monkeypatch, 0.8, {"pdf"}, when=lambda event: event.done is not None and 0 < event.done < event.total)
    with serving(create_app(root=tmp_path / "web", keep_office=True)) as served:
        page.goto(served.url + "/")
        page.set_input_files("#file", str(MASTER))
        page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
        watch_run_state(page)
        page.click("#generate")
        page.wait_for_selector("#step-download:not([hidden])", timeout=WAIT_MS)
        seen = page.evaluate("window.seen")
    counts = [tuple(map(int, m.groups())) for m in map(re.compile(r"เอกสาร (\d+) / (\d+)").search, seen) if m]
    assert counts[-1] == (164, 164)
    assert any(82 < done < 164 for done, _ in counts), counts


def test_a_new_organisation_gets_its_master_from_the_page(server, page, shots, tmp_path):
    """`pipeline init --org --years --signer` as a form: the master comes back ready to edit, and a
    wrong year is said in Thai beside the form."""
    page.goto(server.url + "/")
    page.click("details.new-master summary")
    page.fill("#new-org", "เทศบาลตำบลบ้านใหม่")
    page.fill("#new-years", "2571")
    page.click("#new-make")
    page.wait_for_selector("#new-state.bad", timeout=WAIT_MS)
    assert "2571" in page.locator("#new-state").inner_text()
    page.fill("#new-years", "2571-2575")
    page.fill("#new-signer", "นายสมชาย ใจดี")
    with page.expect_download() as info:
        page.click("#new-make")
    saved = tmp_path / "new.xlsx"
    info.value.save_as(saved)
    page.wait_for_selector("#new-state.good", timeout=WAIT_MS)
    page.screenshot(path=shots / "new-master.png", full_page=True)
    assert info.value.suggested_filename == "แผน เทศบาลตำบลบ้านใหม่ 2571-2575.xlsx"
    plan = read_plan(saved)
    assert plan.settings.organisation == "เทศบาลตำบลบ้านใหม่" and plan.settings.years == [2571, 2572, 2573, 2574, 2575]
    assert plan.settings.signer == "นายสมชาย ใจดี" and plan.settings.signer_position.startswith("นายกเทศมนตรีตำบล")
    assert len(plan.dimensions) == 4 and plan.settings.announcement_body
