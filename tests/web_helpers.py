"""Shared by the web tests: upload a file, wait for a run (bounded, never a speed assertion), and for
the Chromium tests: a uvicorn server on 127.0.0.1 that a test can stop and start again, Debian's
chromium through Playwright's plain API, and the axe-core audit."""

import os
import socket
import threading
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pytest

WAIT_SECONDS = 300
CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium)"
)
WAIT_MS = 120_000


def upload(client, url: str, path: Path, name: str | None = None, **fields):
    with Path(path).open("rb") as handle:
        return client.post(url, files={"workbook": (name or Path(path).name, handle)}, data=fields)


def folders(web, prefix=""):
    """The upload and run folders (and the cache) in the test server's root."""
    return [p for p in web.app.state.queue.root.iterdir() if p.name.startswith(prefix)]


def wait_for(client, run_id: str, states=("done", "failed")) -> dict:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        status = client.get(f"/api/runs/{run_id}").json()
        if status["state"] in states:
            return status
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} still {status['state']} after {WAIT_SECONDS} s")


def hold_stages(monkeypatch, seconds: float, stages: set[str] | None = None, when=lambda event: True) -> None:
    """Hold the first event of each stage (of `stages`, that `when(event)` accepts) of every run for
    `seconds`. A warm run can finish between two polls of the page, or before a second upload
    arrives; a test that must see a run going holds it (the server runs in this process; no speed is
    asserted)."""
    from pipeline.web import jobs

    real = jobs.pipeline_run.run_pipeline

    def held(*args, progress, **kwargs):
        started = set()

        def slowed(event):
            progress(event)
            if event.stage not in started and (stages is None or event.stage in stages) and when(event):
                started.add(event.stage)
                time.sleep(seconds)

        return real(*args, progress=slowed, **kwargs)

    monkeypatch.setattr(jobs.pipeline_run, "run_pipeline", held)


# ---------------------------------------------------------------- a server in a thread


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """uvicorn serving `app` on 127.0.0.1:`port` in a thread; stop() is the server going away."""

    def __init__(self, app, port: int):
        import uvicorn

        self.app, self.port, self.url = app, port, f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                break
            time.sleep(0.05)
        assert self.server.started, "uvicorn did not start"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=60)
        assert not self.thread.is_alive(), "uvicorn did not stop"


@contextmanager
def serving(app, port: int | None = None):
    served = Served(app, port or free_port())
    try:
        yield served
    finally:
        if served.thread.is_alive():
            served.stop()


# ---------------------------------------------------------------- Chromium


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


@contextmanager
def new_page(browser, width: int = 1200, height: int = 900, **options):
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True, locale="th-TH", **options
    )
    page = context.new_page()
    # -- Playwright starts catching file choosers when the first listener is added; a chooser opened
    #    by a key pressed right after `expect_file_chooser()` could come first and be missed --
    page.on("filechooser", lambda chooser: None)
    try:
        yield page
    finally:
        context.close()


def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("WEB_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ---------------------------------------------------------------- axe-core


def axe_script() -> str | None:
    """axe-core's axe.min.js as the PyPI package axe-playwright-python ships it (a test extra);
    None when it is not installed (the audit is then skipped, never failed)."""
    try:
        return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None


def serious_violations(page) -> list[dict]:
    """axe-core's violations of impact serious or critical on the page as it is now (WCAG 2.x A and
    AA rules and axe's best practices), each with the elements it names."""
    script = axe_script()
    if script is None:
        pytest.skip("axe-core is not installed (pip install axe-playwright-python)")
    page.evaluate(script)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
