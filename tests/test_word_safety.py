"""Values are data, templates are sandboxed, broken templates give a message naming file and tag."""

import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

from pipeline.errors import TemplateError
from pipeline.render.word import word as word_module
from pipeline.render.word.linebreak import visible
from pipeline.render.word.word import TEMPLATES_DIR, render_documents

HOSTILE = "ก & ข < ค > {{7*7}} {% if 1 %}x{% endif %}"


def test_values_come_out_literally(small_plan, tmp_path):
    small_plan.projects[0].objectives = [HOSTILE, "สอง"]
    small_plan.settings.signer = HOSTILE
    small_plan.rows[0].name = HOSTILE
    paths = render_documents(small_plan, tmp_path)
    texts = {p.name: "\n".join(visible(par.text) for par in Document(str(p)).paragraphs) for p in paths}
    sheet = next(t for n, t in texts.items() if n.startswith("ลำดับที่ 01"))
    assert f"๑)\t{HOSTILE}" in sheet
    assert f"({HOSTILE})" in texts["ประกาศ.docx"]
    table = Document(str(tmp_path / "2566" / "ตาราง 2566.docx")).tables[0]
    assert visible(table.rows[3].cells[1].text) == HOSTILE
    assert "49" not in sheet


def _template_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """templates/ copied with one text replaced inside `name`'s document.xml."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, folder)
    path = folder / name
    with zipfile.ZipFile(path) as zin:
        members = {i.filename: zin.read(i) for i in zin.infolist()}
    xml = members["word/document.xml"].decode("utf-8")
    assert old in xml
    members["word/document.xml"] = xml.replace(old, new, 1).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for n, data in members.items():
            zout.writestr(n, data)
    return folder


@pytest.mark.parametrize(
    "old, new, words",
    [
        # a sandbox escape attempt: reach Python internals through a string
        ("{{ signer }}", "{{ signer.__class__.__mro__[1].__subclasses__() }}", ["announcement.docx"]),
        ("{{ signer }}", "{{ signer.format.__globals__ }}", ["announcement.docx"]),
        # unknown filter, unknown tag, misspelt name
        ("{{ signer }}", "{{ signer|shout }}", ["announcement.docx", "shout"]),
        ("{{ signer }}", "{% frobnicate %}", ["announcement.docx", "frobnicate"]),
        ("{{ signer }}", "{{ signr }}", ["announcement.docx", "signr"]),
        # a tag Word split with formatting in the middle of its braces
        (
            "{{ signer }}",
            "{{ sig</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ner }",
            ["announcement.docx", "{{ signer }"],
        ),
        ("{{ signer }}", "{{ signer", ["announcement.docx", "{{ signer"]),
    ],
)
def test_broken_template_gives_clean_message(small_plan, tmp_path, old, new, words):
    folder = _template_copy(tmp_path, "announcement.docx", old, new)
    with pytest.raises(TemplateError) as info:
        render_documents(small_plan, tmp_path / "out", templates_dir=folder)
    message = str(info.value)
    for word in words:
        assert word in message
    assert message.startswith("แม่แบบ announcement.docx")


def test_split_tag_that_docxtpl_repairs_still_renders(small_plan, tmp_path):
    # Word often splits a tag into runs (spell-check, formatting); docxtpl joins them back
    folder = _template_copy(
        tmp_path,
        "announcement.docx",
        "{{ signer }}",
        '{{ sig</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>ner }}',
    )
    paths = render_documents(small_plan, tmp_path / "out", templates_dir=folder)
    assert "(นางทดสอบ ลงนาม)" in [visible(p.text) for p in Document(str(paths[0])).paragraphs]


def test_a_template_missing_from_the_folder_falls_back_to_the_shipped_one(small_plan, tmp_path, monkeypatch):
    folder = tmp_path / "t"
    shutil.copytree(TEMPLATES_DIR, folder)
    (folder / "year_table.docx").unlink()
    monkeypatch.setattr(word_module, "OVERRIDE_DIR", tmp_path / "nowhere")
    render_documents(small_plan, tmp_path / "out", templates_dir=folder)
    assert Document(str(tmp_path / "out" / "2566" / "ตาราง 2566.docx")).tables


def test_a_template_found_nowhere_is_a_clean_error(small_plan, tmp_path, monkeypatch):
    folder = tmp_path / "t"
    shutil.copytree(TEMPLATES_DIR, folder)
    (folder / "year_table.docx").unlink()
    monkeypatch.setattr(word_module, "OVERRIDE_DIR", tmp_path / "nowhere")
    monkeypatch.setattr(word_module, "TEMPLATES_DIR", tmp_path / "nowhere")
    with pytest.raises(TemplateError, match="ไม่พบแม่แบบ year_table.docx"):
        render_documents(small_plan, tmp_path / "out", templates_dir=folder)


def test_not_a_docx_is_a_clean_error(small_plan, tmp_path):
    folder = tmp_path / "t"
    shutil.copytree(TEMPLATES_DIR, folder)
    (folder / "project_sheet.docx").write_text("not a zip")
    with pytest.raises(TemplateError, match="project_sheet.docx"):
        render_documents(small_plan, tmp_path / "out", templates_dir=folder)
