"""Joined conversion (pipeline.render.pdf.joined): documents of one template go through LibreOffice as
one file and come out as one PDF each, the same PDF as converting each alone would give."""

import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import MASTER
from docx import Document
from lxml import etree
from pypdf import PdfReader

from pipeline import ooxml
from pipeline.cli import main
from pipeline.office import soffice as office
from pipeline.render.pdf import convert as pdf
from pipeline.render.pdf import joined as pdf_joined

W = ooxml.clark(ooxml.W)
needs_office = pytest.mark.skipif(
    office.find_soffice() is None or shutil.which("pdftoppm") is None, reason="LibreOffice/poppler not installed"
)


@pytest.fixture(scope="module")
def year_documents(tmp_path_factory) -> list[Path]:
    """The 2566 year table and five project sheets of the real plan, as `run --no-pdf` makes them."""
    out = tmp_path_factory.mktemp("joined")
    assert main(["run", str(MASTER), "--out", str(out / "run"), "--year", "2566", "--no-pdf", "-q"]) == 0
    year = out / "run" / "2566"
    return [year / "ตาราง 2566.docx"] + sorted(year.glob("ลำดับที่ *.docx"))[:5]


def copies(documents: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    return [Path(shutil.copy(d, folder / d.name)) for d in documents]


def body_of(docx: Path) -> etree._Element:
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read("word/document.xml")).find(f"{W}body")


def test_documents_of_one_template_are_grouped_and_the_largest_group_is_cut_in_chunks(year_documents, tmp_path):
    docs = copies(year_documents, tmp_path / "docs")
    groups, alone = pdf_joined.plan(docs, chunks=2)
    assert [len(g) for g in groups] == [3, 3] and alone == []
    assert [d for g in groups for d in g] == docs  # neighbours stay together, in order


def test_what_would_lay_out_differently_when_joined_is_converted_alone(year_documents, tmp_path):
    docs = copies(year_documents, tmp_path / "docs")
    numbered, garbage = docs[1], tmp_path / "docs" / "broken.docx"
    _rewrite_body(numbered, lambda xml: xml.replace(b"<w:pPr>", b'<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>', 1))
    garbage.write_bytes(b"not a document")
    other_styles = docs[2]
    _rewrite(other_styles, "word/styles.xml", lambda xml: xml.replace(b"TH SarabunPSK", b"TH Sarabun New"))
    groups, alone = pdf_joined.plan(docs + [garbage], chunks=1)
    assert groups == [[docs[0], docs[3], docs[4], docs[5]]]
    assert set(alone) == {numbered, other_styles, garbage}
    figure = docs[4]  # -- a SEQ field numbers on across joined documents --
    _rewrite_body(
        figure,
        lambda xml: xml.replace(
            b"</w:p>", b'<w:r><w:instrText xml:space="preserve"> SEQ Figure \\* ARABIC </w:instrText></w:r></w:p>', 1
        ),
    )
    assert figure in pdf_joined.plan(docs, chunks=1)[1]
    for facing in docs[3:]:  # -- the same settings in three documents, but left and right pages --
        _rewrite(facing, "word/settings.xml", lambda xml: xml.replace(b"<w:zoom ", b"<w:mirrorMargins/><w:zoom ", 1))
    groups, alone = pdf_joined.plan(docs, chunks=1)
    assert groups == [] and set(alone) == set(docs)


def test_the_joined_file_has_a_section_and_a_bookmark_per_document(year_documents, tmp_path):
    docs = copies(year_documents[:3], tmp_path / "docs")
    joined = pdf_joined.join(docs, tmp_path / "joined.docx")
    body = body_of(joined.path)
    sections = list(body.iter(f"{W}sectPr"))
    assert len(sections) == 3
    assert sections[-1].getparent() is body  # the last document keeps the body's sectPr
    assert all(s.getparent().tag == f"{W}pPr" for s in sections[:-1])  # the others close in a paragraph
    starts = {s.get(f"{W}start") for s in body.iter(f"{W}pgNumType")}
    assert starts == {"1"}
    names = [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart") if b.get(f"{W}name").startswith("pdfpart")]
    assert names == ["pdfpart0", "pdfpart1", "pdfpart2"]
    assert len(Document(joined.path).sections) == 3  # python-docx (as Word) reads it
    landscape = sections[0].find(f"{W}pgSz").get(f"{W}orient")
    assert landscape == "landscape" and sections[1].find(f"{W}pgSz").get(f"{W}orient") is None


def test_a_document_ending_in_a_table_gets_a_paragraph_for_its_section_break(year_documents, tmp_path):
    docs = copies(year_documents[:2], tmp_path / "docs")
    _rewrite_body(docs[0], _drop_after_last_table)
    joined = pdf_joined.join(docs, tmp_path / "joined.docx")
    first = body_of(joined.path)
    tables = first.findall(f"{W}tbl")
    after = tables[0].getnext()
    assert after.tag == f"{W}p" and after.find(f"{W}pPr/{W}sectPr") is not None


@needs_office
def test_joined_pdfs_are_the_pdfs_each_document_alone_would_give(year_documents, tmp_path):
    alone = copies(year_documents, tmp_path / "alone")
    joined = copies(year_documents, tmp_path / "joined")
    pdf._convert_each(alone, 2, None)
    heard = []
    made = pdf._convert_joined(joined, 2, lambda done: heard.append(done))
    assert made == [d.with_suffix(".pdf") for d in joined]
    assert heard[-1] == len(joined)  # a joined file counts as its documents
    for a, j in zip(alone, joined):
        assert _page_images(a.with_suffix(".pdf")) == _page_images(j.with_suffix(".pdf")), j.name
        assert _text(a.with_suffix(".pdf")) == _text(j.with_suffix(".pdf"))
        meta_alone, meta_joined = PdfReader(a.with_suffix(".pdf")).metadata, PdfReader(j.with_suffix(".pdf")).metadata
        assert meta_joined.title == meta_alone.title and meta_joined.author == meta_alone.author
        assert meta_joined.title  # e.g. "ลำดับที่ ๑ มาตรการ NO Gift Policy"
    assert not list(tmp_path.glob("joined/.pdf-batch-*"))  # the joined file and its PDF are gone


@needs_office
def test_a_joined_pdf_that_cannot_be_cut_is_converted_document_by_document(year_documents, tmp_path, monkeypatch):
    docs = copies(year_documents[:3], tmp_path / "docs")

    def cannot(joined, made):
        raise pdf_joined.JoinFailed("destinations missing")

    monkeypatch.setattr(pdf_joined, "cut", cannot)
    made = pdf._convert_all(docs)
    assert made == [d.with_suffix(".pdf") for d in docs]
    assert all(len(PdfReader(p).pages) >= 1 for p in made)


def test_a_timeout_is_not_waited_for_twice(year_documents, tmp_path, monkeypatch):
    docs = copies(year_documents[:3], tmp_path / "docs")
    calls = []

    def timed_out(paths, target, out_dir, **kwargs):
        calls.append(target)
        raise office.ConversionFailed("นานเกิน", code=office.TIMED_OUT)

    monkeypatch.setattr(office, "convert", timed_out)
    with pytest.raises(office.ConversionFailed):
        pdf._convert_all(docs)
    assert calls == [pdf_joined.PDF_TARGET]


def test_another_libreoffice_failure_on_the_joined_file_retries_each_document(year_documents, tmp_path, monkeypatch):
    docs = copies(year_documents[:3], tmp_path / "docs")
    calls = []

    def fails(paths, target, out_dir, labels=None, **kwargs):
        calls.append(len(paths))
        raise office.ConversionFailed(f"LibreOffice แปลงไฟล์ไม่สำเร็จ: {labels[0]}")

    monkeypatch.setattr(office, "convert", fails)
    with pytest.raises(office.ConversionFailed) as caught:
        pdf._convert_all(docs)
    assert len(calls) == 2 and calls[-1] == 3  # joined once, then each document
    assert caught.value.message.endswith("ตาราง 2566.docx")  # the retry names a document


def _page_images(pdf_path: Path) -> list[str]:
    folder = pdf_path.parent / f"png-{hashlib.sha1(str(pdf_path).encode()).hexdigest()[:8]}"
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf_path), str(folder / "p")], check=True)
    images = [hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.png"))]
    shutil.rmtree(folder)
    return images


def _text(pdf_path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _rewrite(docx: Path, member: str, change) -> None:
    with zipfile.ZipFile(docx) as z:
        items = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            out.writestr(info, change(data) if info.filename == member else data)


def _rewrite_body(docx: Path, change) -> None:
    _rewrite(docx, "word/document.xml", change)


def _drop_after_last_table(xml: bytes) -> bytes:
    """The body ends with its table: the paragraphs after the last table are dropped."""
    end = xml.rindex(b"</w:tbl>") + len(b"</w:tbl>")
    return xml[:end] + xml[xml.rindex(b"<w:sectPr") :]


def test_a_damaged_document_is_handed_to_libreoffice_as_it_is(year_documents, tmp_path):
    docs = copies(year_documents[:1], tmp_path / "docs")
    whole = docs[0].read_bytes()
    docs[0].write_bytes(whole[:200] + b"\0" * 500 + whole[700:])  # -- a member's bytes overwritten --
    link = pdf._link(docs[0], tmp_path / "00000.docx", None)
    assert link.read_bytes() == docs[0].read_bytes()


def test_a_body_without_section_properties_or_paragraph_is_converted_alone(year_documents, tmp_path):
    docs = copies(year_documents[:3], tmp_path / "docs")
    _rewrite_body(docs[1], lambda xml: xml[: xml.rindex(b"<w:sectPr")] + b"</w:body></w:document>")
    groups, alone = pdf_joined.plan(docs, chunks=1)
    assert alone == [docs[1]] and groups == [[docs[0], docs[2]]]


def test_a_body_that_is_not_xml_fails_the_join_not_the_run(year_documents, tmp_path):
    docs = copies(year_documents[:2], tmp_path / "docs")
    _rewrite_body(docs[1], lambda xml: xml.replace(b"</w:p>", b"</w:r>", 1))
    with pytest.raises(pdf_joined.JoinFailed, match="cannot be joined"):
        pdf_joined.join(docs, tmp_path / "joined.docx")
