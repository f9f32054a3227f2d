"""Every Word document of a run is valid OOXML: schema and semantic rules, checked by openxml-audit
(a pure-Python port of the Open XML SDK validator). Word repairs, or refuses, what breaks them.

The run goes through the command line (`python -m pipeline run … --no-pdf`) on the real master and
on the monitoring sample (the only run that makes the progress reports, with their shaded cell);
the shipped templates are checked on their own as well.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator, ValidationSeverity  # the `test` extra

from tests.conftest import MASTER, ROOT

SHIPPED_TEMPLATES = ROOT / "pipeline" / "templates"


@pytest.fixture(scope="module")
def validator():
    return OpenXmlValidator(max_errors=0)


def problems(validator, path: Path) -> list[str]:
    result = validator.validate(path)
    return [f"{path.name}: {e}" for e in result.errors if e.severity is ValidationSeverity.ERROR]


def run_docx(master: Path, out: Path) -> list[Path]:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(master), "--out", str(out), "--no-pdf", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return sorted(out.rglob("*.docx"))


@pytest.mark.parametrize("which", ["master", "monitoring-sample"])
def test_every_docx_of_a_run_is_valid_ooxml(which, validator, sample_master, tmp_path):
    master = MASTER if which == "master" else sample_master
    paths = run_docx(master, tmp_path / "out")
    assert len(paths) >= 80, [p.name for p in paths]  # 82: ประกาศ, the book, 5 tables, 75 project sheets
    if which == "monitoring-sample":
        assert sum("รายงาน" in p.name for p in paths) == 2  # the 6-month and annual reports
    found = [line for p in paths for line in problems(validator, p)]
    assert not found, f"{len(found)} OOXML errors in {len(paths)} documents:\n" + "\n".join(found[:20])


def test_the_shipped_templates_are_valid_ooxml(validator):
    paths = sorted(SHIPPED_TEMPLATES.glob("*.docx"))
    assert len(paths) >= 5
    found = [line for p in paths for line in problems(validator, p)]
    assert not found, "\n".join(found[:20])
