"""Password mode holds (issue 21): wrong passwords are limited per client and overall and logged,
sessions end on the server, a logout, and `serve` refuses a short password."""

import logging

import pytest
import uvicorn
from conftest import MASTER
from fastapi.testclient import TestClient
from web_helpers import WAIT_MS, chromium, needs_chromium, new_page, screenshots, serving, upload

from pipeline.cli import main
from pipeline.web import auth, server
from pipeline.web.app import create_app
from pipeline.web.texts import TH

PASSWORD = "ลับมาก 123"


@pytest.fixture
def app(tmp_path):
    return create_app(password=PASSWORD, root=tmp_path / "web")


def client(app, host: str = "192.168.1.20") -> TestClient:
    return TestClient(app, base_url="http://pc-office:8750", follow_redirects=False, client=(host, 50000))


def sign_in(c: TestClient, password: str = PASSWORD):
    return c.post("/login", data={"password": password})


# ---------------------------------------------------------------- guessing


def test_after_ten_wrong_passwords_a_minute_a_client_is_refused_with_429_and_it_is_logged(app, caplog):
    caplog.set_level(logging.WARNING, logger="pipeline.web")
    with client(app) as guesser:
        answers = [sign_in(guesser, f"เดา {i}").status_code for i in range(auth.LOGIN_FAILURES)]
        assert answers == [303] * auth.LOGIN_FAILURES
        refused = sign_in(guesser, PASSWORD)  # -- even the right one: the guessing would go on --
        assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
        assert TH["too_many"] in refused.text and "set-cookie" not in refused.headers
    logged = [r.getMessage() for r in caplog.records if r.name == "pipeline.web"]
    assert sum("wrong password from 192.168.1.20" in m for m in logged) == auth.LOGIN_FAILURES
    assert any("sign-in refused" in m and "192.168.1.20" in m for m in logged)


def test_the_limit_counts_every_client_together_too(app):
    """Guesses spread over many addresses (one each) are limited as well."""
    for i in range(auth.LOGIN_FAILURES):
        with client(app, f"10.0.0.{i + 1}") as one:
            assert sign_in(one, "เดา").status_code == 303
    with client(app, "10.0.0.99") as another:
        assert sign_in(another, PASSWORD).status_code == 429


def test_parallel_guesses_cannot_pass_the_limit(app):
    from concurrent.futures import ThreadPoolExecutor

    with client(app) as guesser, ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda i: sign_in(guesser, f"เดา {i}").status_code, range(40)))
    assert answers.count(303) == auth.LOGIN_FAILURES and answers.count(429) == 40 - auth.LOGIN_FAILURES


# ---------------------------------------------------------------- sessions


def test_a_session_ends_on_the_server_after_its_time_whatever_the_browser_keeps(app):
    now = [1_000_000.0]
    app.state.guard.clock = lambda: now[0]
    with client(app) as c:
        assert sign_in(c).status_code == 303
        assert c.get("/").status_code == 200
        now[0] += auth.SESSION_SECONDS - 60
        assert c.get("/").status_code == 200
        now[0] += 120  # -- past its end: the cookie is still sent --
        assert "pipeline_session" in c.cookies
        assert c.get("/").status_code == 303 and c.get("/").headers["location"].startswith("/login")
        assert upload(c, "/api/validate", MASTER).status_code == 401
    assert app.state.guard.sessions == {}


def test_a_cookie_from_an_earlier_start_or_forged_is_refused(app, tmp_path):
    with client(app) as c:
        sign_in(c)
        cookie = c.cookies["pipeline_session"]
    restarted = create_app(password=PASSWORD, root=tmp_path / "again")
    with client(restarted) as c:
        c.cookies.set("pipeline_session", cookie)
        assert c.get("/").status_code == 303
    with client(app) as c:
        c.cookies.set("pipeline_session", cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"))
        assert c.get("/").status_code == 303


def test_logout_ends_the_session_on_the_server(app):
    with client(app) as c:
        sign_in(c)
        cookie = c.cookies["pipeline_session"]
        page = c.get("/")
        assert 'action="/logout"' in page.text and TH["logout"] in page.text
        out = c.post("/logout", data={"lang": "th"})
        assert out.status_code == 303 and out.headers["location"].startswith("/login?out=1")
        assert "pipeline_session=" in out.headers["set-cookie"] and "max-age=0" in out.headers["set-cookie"].lower()
    with client(app) as replay:  # -- the old cookie, kept by someone --
        replay.cookies.set("pipeline_session", cookie)
        assert replay.get("/").status_code == 303
    assert app.state.guard.sessions == {}


def test_a_download_link_opened_after_the_session_ended_leads_to_the_login(app):
    with client(app) as c:
        link = c.get("/api/runs/0123456789abcdef/outputs.zip", headers={"accept": "text/html,*/*"})
        assert link.status_code == 303 and link.headers["location"].startswith("/login")
        assert c.get("/api/runs/0123456789abcdef").status_code == 401  # -- the page's script: JSON --


def test_without_a_password_there_is_no_logout(tmp_path):
    with TestClient(create_app(root=tmp_path / "web"), base_url="http://127.0.0.1:8750") as c:
        assert 'action="/logout"' not in c.get("/").text


# ---------------------------------------------------------------- serve


@pytest.mark.parametrize("password", ["1234567", "สั้นไป", "a"])
def test_serve_refuses_a_password_shorter_than_8_characters(password, capsys, monkeypatch):
    monkeypatch.setattr(uvicorn.Server, "run", lambda self: pytest.fail("the server must not start"))
    assert main(["serve", "--host", "0.0.0.0", "--password", password]) == 2
    err = capsys.readouterr().err
    assert "รหัสผ่านสั้นเกินไป" in err and "8" in err
    assert len(password) == 1 or password not in err  # -- the password is never printed --
    monkeypatch.setenv(server.PASSWORD_ENV, password)
    assert main(["serve", "--host", "0.0.0.0", "--json"]) == 2
    assert '"password-too-short"' in capsys.readouterr().out


def test_serve_takes_a_password_of_8_characters(monkeypatch):
    started = {}

    def fake_run(self):
        started["password"] = self.config.app.state.guard.password
        self.config.app.state.queue.close()

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    monkeypatch.delenv(server.PASSWORD_ENV, raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--password", "12345678"]) == 0
    assert started == {"password": "12345678"}


# ---------------------------------------------------------------- in Chromium


@needs_chromium
def test_the_page_signs_in_signs_out_and_says_when_guessing_is_refused(tmp_path):
    shots = screenshots(tmp_path)
    with serving(create_app(password=PASSWORD, root=tmp_path / "web")) as served, chromium() as browser:
        with new_page(browser) as page:
            page.goto(served.url + "/")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("#drop")
            page.set_input_files("#file", str(MASTER))
            page.wait_for_selector("#verdict.good", timeout=WAIT_MS)
            page.click("#logout")
            page.wait_for_selector("p.good[role=status]")
            assert page.locator("p.good").inner_text() == TH["logged_out"]
            assert page.url.startswith(served.url + "/login")
            page.goto(served.url + "/")
            assert page.url.startswith(served.url + "/login")  # -- signed out on the server too --
            for i in range(auth.LOGIN_FAILURES + 1):
                page.fill("input[name=password]", f"เดา {i}")
                page.click("button[type=submit]")
                page.wait_for_selector("p.bad[role=alert]")
            assert page.locator("p.bad").inner_text() == TH["too_many"]
            page.screenshot(path=shots / "login-too-many.png", full_page=True)
