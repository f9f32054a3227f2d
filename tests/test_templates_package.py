"""The default templates ship inside the package (a non-editable install has them); a checkout's
top-level templates/ overrides them file by file, so staff edit one template and keep the rest."""

import tomllib
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path

from docx import Document

from pipeline.render.word import word
from pipeline.render.word.word import TEMPLATE_FILES, render_documents

ROOT = Path(__file__).resolve().parent.parent


def test_every_default_template_is_package_data():
    shipped = resources.files("pipeline") / "templates"
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = declared["tool"]["setuptools"]["package-data"]["pipeline"]
    for name in TEMPLATE_FILES.values():
        assert (shipped / name).is_file(), name
        assert any(fnmatch(f"templates/{name}", p) for p in patterns), name


def test_a_template_in_the_override_folder_wins_over_the_default(small_plan, tmp_path, monkeypatch):
    override = tmp_path / "templates"
    override.mkdir()
    edited = Document(str(word.TEMPLATES_DIR / TEMPLATE_FILES["year_table"]))
    edited.add_paragraph("แก้โดยเจ้าหน้าที่")
    edited.save(override / TEMPLATE_FILES["year_table"])
    monkeypatch.setattr(word, "OVERRIDE_DIR", override)
    render_documents(small_plan, tmp_path / "out", [2566])
    table = Document(str(tmp_path / "out" / "2566" / "ตาราง 2566.docx"))
    assert table.paragraphs[-1].text == "แก้โดยเจ้าหน้าที่"
    announcement = Document(str(tmp_path / "out" / "ประกาศ.docx"))  # not overridden: the default
    assert "แก้โดยเจ้าหน้าที่" not in "\n".join(p.text for p in announcement.paragraphs)


def test_without_an_override_folder_the_packaged_defaults_are_used(small_plan, tmp_path, monkeypatch):
    monkeypatch.setattr(word, "OVERRIDE_DIR", tmp_path / "nowhere")
    paths = render_documents(small_plan, tmp_path / "out", [2566])
    assert (tmp_path / "out" / "2566" / "ตาราง 2566.docx") in paths
