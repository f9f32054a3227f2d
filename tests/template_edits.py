"""Edits staff make to the shipped templates, made to copies the way Word or LibreOffice leaves
them, and what a run over the real master gives back (tests/test_template_edits.py)."""

import contextlib
import copy
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import MASTER
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from pipeline.cli import main
from pipeline.office.soffice import convert
from pipeline.render.word import word
from pipeline.render.word.docx_fast import SHIPPED_DIR

DOC = "word/document.xml"


def edited_folder(folder: Path, *names: str) -> Path:
    """`folder` holding copies of the shipped `names`: the files staff change; the rest fall back."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SHIPPED_DIR / name, folder / name)
    return folder


def replace_text(path: Path, old: str, new: str, part: str = DOC) -> None:
    """Replace `old` (XML as stored) by `new` in one part of the package, once."""
    members = _members(path)
    xml = members[part].decode("utf-8")
    assert old in xml, old
    members[part] = xml.replace(old, new, 1).encode("utf-8")
    _write(path, members)


def split_tag(path: Path, tag: str, pieces: list[str], *, bold_from: int | None = None, spelling: bool = False):
    """The run holding `tag` cut into one run per piece of the tag (text before and after stays
    with the first and last), as Word leaves it after a spelling mark (`spelling`: `<w:proofErr>`
    around the middle pieces) or after bolding the pieces from `bold_from` on."""
    assert "".join(pieces) == tag
    members = _members(path)
    root = etree.fromstring(members[DOC])
    run = next(r for r in root.iter(qn("w:r")) if tag in "".join(t.text or "" for t in r.iter(qn("w:t"))))
    text = run.find(qn("w:t")).text
    before, _, after = text.partition(tag)
    texts = [before + pieces[0], *pieces[1:-1], pieces[-1] + after]
    new_runs = []
    for i, piece in enumerate(texts):
        r = copy.deepcopy(run)
        t = r.find(qn("w:t"))
        t.text = piece
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if bold_from is not None and i >= bold_from:
            rpr = r.find(qn("w:rPr"))
            if rpr is None:
                rpr = etree.Element(qn("w:rPr"))
                r.insert(0, rpr)
            for old in rpr.findall(qn("w:b")):
                rpr.remove(old)
            rpr.insert(0, etree.Element(qn("w:b")))
        new_runs.append(r)
    if spelling:  # -- Word marks the middle pieces (the word it does not know) --
        new_runs = [new_runs[0], _proof("spellStart"), *new_runs[1:-1], _proof("spellEnd"), new_runs[-1]]
    parent = run.getparent()
    at = parent.index(run)
    parent.remove(run)
    for offset, element in enumerate(new_runs):
        parent.insert(at + offset, element)
    members[DOC] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _write(path, members)


def _proof(kind: str):
    mark = etree.Element(qn("w:proofErr"))
    mark.set(qn("w:type"), kind)
    return mark


def resave(folder: Path, names: list[str], via_odt: bool = False) -> None:
    """Open each shipped template in LibreOffice Writer and save it as .docx into `folder` (first as
    .odt, then that as .docx again, with `via_odt`)."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [SHIPPED_DIR / n for n in names]
    if via_odt:
        odt = folder.parent / f"{folder.name}-odt"
        sources = convert(sources, "odt", odt)
    convert(sources, "docx:MS Word 2007 XML", folder)
    if via_odt:
        shutil.rmtree(odt)


def run(out: Path, templates: Path, pdf: bool = False, as_json: bool = True) -> tuple[int, dict | None, str]:
    """`pipeline run inputs/master.xlsx --templates DIR -q` as staff type it (with `--json` unless
    `as_json` is false): (exit code, the JSON printed, what stderr shows)."""
    args = ["run", str(MASTER), "--out", str(out), "--templates", str(templates), "-q"]
    args += (["--json"] if as_json else []) + ([] if pdf else ["--no-pdf"])
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr), pytest.MonkeyPatch.context() as mp:
        # -- what a folder lacks comes from the shipped templates, not from a checkout's templates/ --
        mp.setattr(word, "OVERRIDE_DIR", out.parent / "no-checkout-templates")
        code = main(args)
    return code, json.loads(stdout.getvalue()) if as_json else None, stderr.getvalue()


def texts(out: Path) -> dict[str, list[str]]:
    """Every .docx of a run: its body's paragraph texts in order (table cells included)."""
    return {
        str(p.relative_to(out)): [paragraph_text(par) for par in Document(str(p)).element.body.iter(qn("w:p"))]
        for p in sorted(out.rglob("*.docx"))
    }


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _write(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
