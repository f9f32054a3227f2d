"""Issue 21, point 7, through the API: two first downloads of a zip at once, parallel posts and
the queue's limit, `pdf=no`, a file in the wrong form field, anti-framing and nosniff headers,
messages without Python's exception names or terminal commands, and a one-year run's zip name.
(The page's side of point 7 is in test_web_page.py; a crashed run's message in test_web_api.py.)"""

import io
import re
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from broken import corrupt_zip, make_file
from conftest import MASTER
from fastapi.testclient import TestClient
from openpyxl import Workbook
from web_helpers import upload, wait_for

from pipeline.run.job import STAGES
from pipeline.web import jobs
from pipeline.web.app import create_app
from pipeline.web.texts import EN, TH, for_the_page

EXCEPTION_NAME = re.compile(r"\((?:[A-Z]\w*(?:Error|Exception)|BadZipFile)\)")


@pytest.fixture
def held_runs(monkeypatch):
    """Runs that wait until released: the worker stays busy, the queue fills."""
    release = threading.Event()

    def run_pipeline(*args, **kwargs):
        release.wait(60)
        raise jobs.PipelineError("ปล่อยแล้ว", english="released")

    monkeypatch.setattr(jobs.pipeline_run, "run_pipeline", run_pipeline)
    yield release
    release.set()


def test_two_first_downloads_of_a_zip_at_once_both_get_it(web):
    run = upload(web, "/api/runs", MASTER, year="2566", pdf="0").json()
    status = wait_for(web, run["id"])
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: web.get(status["zip"]["url"]), range(8)))
    assert [a.status_code for a in answers] == [200] * 8
    assert len({a.content for a in answers}) == 1
    assert zipfile.ZipFile(io.BytesIO(answers[0].content)).testzip() is None
    folder = web.app.state.queue.runs[run["id"]].folder
    assert [p.name for p in folder.iterdir() if p.name.startswith("outputs.zip")] == ["outputs.zip"]


def test_sixteen_posts_at_once_cannot_pass_the_queue_limit(web, held_runs):
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda _: upload(web, "/api/runs", MASTER, pdf="0"), range(16)))
    codes = [a.status_code for a in answers]
    queue = web.app.state.queue
    waiting = [r for r in queue.runs.values() if r.state == jobs.QUEUED]
    assert len(waiting) <= jobs.MAX_WAITING
    assert codes.count(202) <= jobs.MAX_WAITING + 1  # -- one may already be running --
    assert codes.count(429) == 16 - codes.count(202) and codes.count(429) >= 16 - jobs.MAX_WAITING - 1
    assert all(a.json()["problems"][0]["code"] == "queue-full" for a in answers if a.status_code == 429)
    assert queue._held == 0  # -- every place held by an upload was given back or used --


@pytest.mark.parametrize(
    "given, pdf",
    [("1", True), ("0", False), ("no", False), ("off", False), ("false", False), ("yes", True), (None, True)],
)
def test_the_pdf_field_means_what_it_says(web, held_runs, given, pdf):
    fields = {"pdf": given} if given is not None else {}
    answer = upload(web, "/api/runs", MASTER, **fields)
    assert answer.status_code == 202
    assert web.app.state.queue.runs[answer.json()["id"]].pdf is pdf


def test_a_pdf_field_that_is_neither_yes_nor_no_is_refused(web):
    answer = upload(web, "/api/runs", MASTER, pdf="maybe")
    assert answer.status_code == 422 and answer.json()["problems"][0]["code"] == "field-invalid"
    assert web.app.state.queue.runs == {}


def test_a_file_in_the_wrong_field_is_told_which_field_to_use(web):
    with MASTER.open("rb") as handle:
        answer = web.post("/api/validate", files={"file": ("master.xlsx", handle)})
    assert answer.status_code == 400
    problem = answer.json()["problems"][0]
    assert problem["code"] == "upload-missing"
    assert "file" in problem["message"] and "workbook" in problem["message"] and "ยาวเกินไป" not in problem["message"]


@pytest.mark.parametrize("path", ["/", "/api/health", "/static/app.js", "/api/runs/nope", "/api/empty-master.xlsx"])
def test_every_answer_refuses_framing_and_sniffing(web, path):
    headers = web.get(path).headers
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_refusals_of_the_guard_carry_the_headers_too(tmp_path):
    with TestClient(create_app(password="ยาวพอแล้ว 12", root=tmp_path / "g"), follow_redirects=False) as guarded:
        for answer in (guarded.get("/"), guarded.get("/api/health"), guarded.get("/login")):
            assert answer.headers["x-frame-options"] == "DENY" and answer.headers["x-content-type-options"] == "nosniff"


def test_thai_messages_name_no_python_exception(web, tmp_path):
    answer = upload(web, "/api/validate", corrupt_zip(tmp_path, MASTER))
    problem = answer.json()["problems"][0]
    assert problem["code"] == "file-corrupt" and not EXCEPTION_NAME.search(problem["message"]), problem["message"]
    assert for_the_page("เปิดไฟล์ไม่ได้ (OSError) แล้ว (BadZipFile)") == "เปิดไฟล์ไม่ได้ แล้ว"


def test_no_message_tells_staff_to_type_a_command(web, tmp_path):
    empty = upload(web, "/api/validate", make_file(tmp_path, "ว่าง.xlsx", b"")).json()["problems"][0]["message"]
    wb = Workbook()
    wb.active.title = "อื่น ๆ"
    wb.save(tmp_path / "ไม่มีแผ่นงาน.xlsx")
    no_sheets = upload(web, "/api/validate", tmp_path / "ไม่มีแผ่นงาน.xlsx").json()["problems"]
    run = upload(web, "/api/runs", MASTER, year="2566", pdf="0").json()
    notes = [n["th"] for n in wait_for(web, run["id"])["notes"]]
    said = [empty, *(p["message"] for p in no_sheets), *notes]
    assert not [s for s in said if "pipeline " in s or "--" in s], said
    assert "สมุดงานเปล่า" in empty and any("สมุดงานเปล่า" in p["message"] for p in no_sheets)
    assert any("ตามที่เลือก" in n for n in notes)


def test_a_one_year_runs_zip_is_named_for_that_year(web):
    run = upload(web, "/api/runs", MASTER, year="2567", pdf="0").json()
    status = wait_for(web, run["id"])
    assert status["zip"]["name"] == "แผนปฏิบัติการป้องกันการทุจริต องค์การบริหารส่วนตำบลโคกสำโรง 2567.zip"
    assert "2567.zip" in web.get(status["zip"]["url"]).headers["content-disposition"]
    every = wait_for(web, upload(web, "/api/runs", MASTER, pdf="0").json()["id"])
    assert every["zip"]["name"].endswith("2566-2570.zip")


def test_every_stage_of_a_run_has_its_english_words():
    """The English page shows a run's stage from its code: a new stage needs its English here."""
    assert set(STAGES) | {"done"} == set(EN["stages"]) == set(TH["stages"])
