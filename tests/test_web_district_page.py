"""The district's page in Chromium (issue 18): a zip of submissions dropped on /district rolls up
into district.xlsx (downloaded) and the memo's link; the way back to the organisation's page."""

import base64
import io
import zipfile

import pytest
from conftest import MASTER
from district_sample import NONGBUA, renamed
from openpyxl import load_workbook
from web_helpers import WAIT_MS, chromium, needs_chromium, new_page, serious_violations, serving

from pipeline.web.app import create_app

pytestmark = needs_chromium
DROP = """([name, data]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, { type: "application/zip" }));
  return transfer;
}"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serving(create_app(root=tmp_path_factory.mktemp("web-district"))) as served:
        yield served


@pytest.fixture
def page(browser):
    with new_page(browser) as p:
        yield p


def submissions_zip(tmp_path) -> bytes:
    nongbua = renamed(MASTER, tmp_path / "nongbua.xlsx", NONGBUA, budget=lambda i: 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(MASTER, "โคกสำโรง/master.xlsx")
        archive.write(nongbua, "หนองบัว.xlsx")
    return buffer.getvalue()


def test_a_dropped_zip_gives_district_xlsx_and_the_memo(server, page, tmp_path):
    page.goto(f"{server.url}/")
    page.click("#to-district")
    page.wait_for_url(f"{server.url}/district")
    assert page.locator("html").get_attribute("lang") == "th"
    transfer = page.evaluate_handle(DROP, ["ส่งมา.zip", base64.b64encode(submissions_zip(tmp_path)).decode()])
    page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
    assert "ส่งมา.zip" in page.text_content("#chosen")
    page.uncheck("#pdf")
    page.click("#go")
    page.wait_for_selector("#link-district", timeout=WAIT_MS)
    assert "เสร็จแล้ว" in page.text_content("#run-state")
    assert page.evaluate("document.activeElement.id") == "link-district"
    assert page.get_attribute("#link-memo_docx", "href").startswith("/api/runs/")
    assert page.locator("#link-memo_pdf").count() == 0  # -- PDF not asked for --
    assert "2" in page.text_content("#summary")
    with page.expect_download() as info:
        page.click("#link-district")
    saved = tmp_path / "district.xlsx"
    info.value.save_as(saved)
    assert info.value.suggested_filename == "district.xlsx"
    text = " ".join(str(v) for ws in load_workbook(saved) for row in ws.iter_rows(values_only=True) for v in row if v)
    assert "องค์การบริหารส่วนตำบลโคกสำโรง" in text and "หนองบัว" in text
    assert serious_violations(page) == []
    page.click("#to-plan")
    page.wait_for_url(f"{server.url}/")


def test_a_file_that_is_not_a_submission_is_said_and_the_page_in_english(server, page):
    page.goto(f"{server.url}/district?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    page.set_input_files("#files", files=[{"name": "note.txt", "mimeType": "text/plain", "buffer": b"x"}])
    assert page.text_content("#chosen") == "Only .xlsx and .zip files"
    assert page.locator("#step-run").is_hidden()
    assert page.get_attribute("#to-plan", "href") == "/?lang=en"
