"""`pipeline serve` keeps LibreOffice started between runs (issue 21): the same instances convert
run after run, one that died or served MAX_USES conversions is replaced, the PDF stage is counted
document by document, and a server stopped mid-run leaves no LibreOffice process or folder. The
command line never keeps LibreOffice. (Speed: bench/bench_web.py, never asserted here.)"""

import os
import signal
import subprocess
import sys
import time

import httpx
import psutil
import pytest
from conftest import MASTER, ROOT
from fastapi.testclient import TestClient
from web_helpers import free_port, upload, wait_for

from pipeline.office import children as office_children
from pipeline.office import resident
from pipeline.office import soffice as office
from pipeline.run.job import run_pipeline
from pipeline.web import jobs
from pipeline.web.app import create_app

needs_office = pytest.mark.skipif(office.find_soffice() is None, reason="LibreOffice not installed")
# -- stands in for LibreOffice in the pool's own tests: locks its profile as soffice does, then waits --
FAKE_OFFICE = (
    "import pathlib, sys, time, urllib.parse; "
    "p = pathlib.Path(urllib.parse.urlparse(sys.argv[1]).path); p.mkdir(parents=True, exist_ok=True); "
    "(p / '.lock').touch(); time.sleep(120)"
)


@pytest.fixture
def warm(tmp_path):
    with TestClient(create_app(root=tmp_path / "web", keep_office=True), base_url="http://127.0.0.1:8750") as client:
        yield client
    assert not office.kept(), "the last server to stop ends LibreOffice"


def instances() -> list[resident.Instance]:
    return list(office._kept.instances)


def pids() -> set[int]:
    return {i.proc.pid for i in instances() if i.alive()}


def pdf_run(client, **fields) -> dict:
    status = wait_for(client, upload(client, "/api/runs", MASTER, pdf="1", **fields).json()["id"])
    assert status["state"] == "done", status["error_en"]
    return status


@needs_office
def test_libreoffice_stays_started_between_runs(warm):
    first = pdf_run(warm, year="2566")
    assert sum(f.endswith(".pdf") for f in first["files"]) == 17
    before = pids()
    uses = sum(i.uses for i in instances())
    assert len(before) == 3 and uses >= 2
    second = pdf_run(warm, year="2567")
    assert sum(f.endswith(".pdf") for f in second["files"]) == 17
    assert pids() == before, "the same LibreOffice processes converted the second run"
    assert sum(i.uses for i in instances()) > uses


@needs_office
def test_a_libreoffice_that_died_is_replaced(warm):
    pdf_run(warm, year="2566")
    for pid in pids():
        os.kill(pid, signal.SIGKILL)  # -- killed from outside (or crashed) between runs --
    time.sleep(0.2)
    status = pdf_run(warm, year="2568")
    assert sum(f.endswith(".pdf") for f in status["files"]) == 17
    assert pids(), "new instances were started"


@needs_office
def test_an_instance_is_replaced_after_max_uses(warm):
    office._kept.max_uses = 1
    pdf_run(warm, year="2566")
    used = {i.folder for i in instances()}
    pdf_run(warm, year="2567")
    for i in instances():
        assert i.uses <= 1
    gone = used - {i.folder for i in instances()}
    assert gone
    for _ in range(100):  # -- ended in the background --
        if not any(folder.exists() for folder in gone):
            break
        time.sleep(0.1)
    assert not any(folder.exists() for folder in gone), "a retired instance's profile is removed"


@needs_office
def test_the_pdf_stage_is_counted_document_by_document(warm, monkeypatch):
    """Each file LibreOffice writes stands for ten documents at most, and the count the page reads
    moves through the PDF stage (not 82 until all 164 are done)."""
    seen, weights = [], []
    update, convert = jobs.DocumentCounter.update, office.convert

    def recording(self, event):
        counts = update(self, event)
        seen.append((event.stage, *counts))
        return counts

    def converting(paths, target, out_dir, **kwargs):
        weights.extend(kwargs.get("weights") or [1] * len(paths))
        return convert(paths, target, out_dir, **kwargs)

    monkeypatch.setattr(jobs.DocumentCounter, "update", recording)
    monkeypatch.setattr(office, "convert", converting)
    pdf_run(warm)
    assert max(weights) <= 10 and sum(weights) >= 82, weights
    during = sorted({done for stage, done, total in seen if stage == "pdf" and 82 < done < 164})
    assert len(during) >= 2, seen


@pytest.fixture
def fake_pool():
    pool = resident.Pool(lambda uri: [sys.executable, "-c", FAKE_OFFICE, uri], {}, lambda proc: proc.kill(), size=1)
    yield pool
    folders = [i.folder for i in pool.instances]
    pool.close()
    assert not any(f.exists() for f in folders), "closing removes every profile"


def test_the_pool_lends_an_instance_to_one_conversion_at_a_time(fake_pool):
    with fake_pool.lend() as first:
        assert first is not None and first.alive() and (first.profile / ".lock").exists()
        assert first.folder.name.startswith(f"{office_children.TEMP_PREFIX}{os.getpid()}-resident-")
        with fake_pool.lend(wait=0) as busy:
            assert busy is None  # -- the caller starts LibreOffice itself --
    with fake_pool.lend() as again:
        assert again is first and again.uses == 1


def test_an_instance_left_with_an_error_is_replaced(fake_pool):
    with pytest.raises(RuntimeError), fake_pool.lend() as instance:
        raise RuntimeError("LibreOffice timed out")
    instance.proc.wait(10)  # -- ended --
    with fake_pool.lend() as fresh:
        assert fresh is not None and fresh is not instance and fresh.alive()
    assert not instance.folder.exists()


def test_a_closed_pool_lends_nothing(fake_pool):
    fake_pool.prestart()
    fake_pool.close()
    with fake_pool.lend() as instance:
        assert instance is None


@needs_office
def test_the_command_line_never_keeps_libreoffice(tmp_path):
    result = run_pipeline(MASTER, tmp_path / "out", years=[2566], pdf=True)
    assert result.pdf_skipped is None and not office.kept()
    mine = [p for p in psutil.Process().children(recursive=True) if "soffice" in p.name()]
    assert mine == [], "LibreOffice ended with the command's run"


@needs_office
def test_a_server_stopped_mid_run_leaves_no_libreoffice_behind(tmp_path):
    """`pipeline serve` as staff start it, stopped with Ctrl+C while the PDFs are being made."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    env = {**os.environ, "TMPDIR": str(temp)}
    server = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for _ in range(200):
                try:
                    client.get("/api/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            run = upload(client, "/api/runs", MASTER, pdf="1").json()["id"]
            deadline = time.monotonic() + 180
            while client.get(f"/api/runs/{run}").json()["stage"] != "pdf" and time.monotonic() < deadline:
                time.sleep(0.02)
            offices = [p for p in psutil.Process(server.pid).children(recursive=True) if "soffice" in p.name()]
            assert offices, "LibreOffice was working"
        server.send_signal(signal.SIGINT)
        assert server.wait(60) is not None
    finally:
        if server.poll() is None:
            server.kill()
    _, alive = psutil.wait_procs(offices, timeout=10)
    assert alive == [], "every LibreOffice process ended with the server"
    left = [p.name for p in temp.iterdir() if p.name.startswith(office_children.TEMP_PREFIX)]
    assert left == [], "no LibreOffice profile or conversion folder is left"
    assert not [p for p in temp.iterdir() if p.name.startswith("pipeline-web-")], "no upload or run folder"


@needs_office
def test_a_master_run_again_gets_its_pdfs_from_the_servers_cache(warm):
    """The second run of the same year converts nothing: its 17 PDFs and the summary's results are
    those of the first (pipeline.office.cache); the cache is a folder of the server's root."""
    cache = warm.app.state.queue.office_cache
    assert cache.folder.parent == warm.app.state.queue.root
    first = pdf_run(warm, year="2566")
    made = cache.misses
    assert made >= 18 and cache.hits == 0
    uses = sum(i.uses for i in instances())
    again = pdf_run(warm, year="2566")
    assert sorted(again["files"]) == sorted(first["files"])
    assert cache.misses == made and cache.hits == made
    assert sum(i.uses for i in instances()) == uses, "LibreOffice converted nothing"
