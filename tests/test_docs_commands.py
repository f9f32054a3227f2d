"""Every command the README and the Thai guide show works as typed there.

Runnable examples live in ```sh blocks; every other block says what it is (```text: a synopsis with
placeholders, or output). Each ```sh line is run in document order in a copy of the repository,
`.venv/bin/pipeline` and `.venv/bin/python` standing for this interpreter; `make` lines are checked
against the Makefile's targets (they set up, or run this very suite)."""

import re
import shlex
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

DOCS = ("README.md", "docs/คู่มือการใช้งาน.md")
FENCE = re.compile(r"^\s*```(\w*)\s*$")
# -- what a clerk types, as the documents write it --
PROGRAMS = {".venv/bin/pipeline": [sys.executable, "-m", "pipeline"], ".venv/bin/python": [sys.executable]}


def blocks(doc: str) -> list[tuple[str, list[str]]]:
    """(language, lines) of every fenced block."""
    found, lang, lines = [], None, []
    for line in (ROOT / doc).read_text(encoding="utf-8").splitlines():
        fence = FENCE.match(line)
        if fence and lang is None:
            lang, lines = fence.group(1), []
        elif fence:
            found.append((lang, lines))
            lang = None
        elif lang is not None:
            lines.append(line.strip())
    assert lang is None, f"{doc}: a block is not closed"
    return found


def commands(doc: str) -> list[str]:
    return [line.split("  #")[0].strip() for lang, lines in blocks(doc) if lang == "sh" for line in lines if line]


@pytest.mark.parametrize("doc", DOCS)
def test_every_block_says_what_it_is(doc):
    assert all(lang in ("sh", "text") for lang, _ in blocks(doc)), doc


@pytest.mark.parametrize("doc", DOCS)
def test_every_command_names_a_program_that_exists_after_make_run(doc):
    targets = set(re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(), re.M))
    for command in commands(doc):
        program, *rest = shlex.split(command)
        assert program in (*PROGRAMS, "make"), f"{doc}: {command!r} (bare `pipeline` is not on PATH after make run)"
        if program == "make":
            assert rest and rest[0] in targets, command


@pytest.mark.parametrize("doc", DOCS)
def test_every_command_works_as_typed(doc, tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "outputs", "__pycache__", "*.egg-info"))
    ran = 0
    for command in commands(doc):
        program, *rest = shlex.split(command)
        if program == "make":
            continue
        done = subprocess.run(PROGRAMS[program] + rest, cwd=copy, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{doc}: {command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        ran += 1
    assert ran >= 3, doc
