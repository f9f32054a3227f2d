"""LibreOffice never outlives a killed run, and the next run removes a dead run's temporary folders
(issue 10, item 10)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.office import children as office_children
from pipeline.office.processes import pid_alive

ROOT = Path(__file__).resolve().parent.parent


def running(pid: int) -> bool:
    """Alive and not a zombie waiting for a parent that is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_child_started_for_libreoffice_dies_when_the_run_is_killed(tmp_path):
    """The run is killed with SIGKILL (no clean-up code runs); its child must die too."""
    pid_file = tmp_path / "child.pid"
    child = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    run = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys; from pipeline.office import soffice as office\n"
                f"office._run_with_timeout([sys.executable, '-c', {child!r}], 120)"
            ),
        ],
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 20
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        grandchild = int(pid_file.read_text())
        assert running(grandchild)
        run.send_signal(signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 5
        while running(grandchild) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not running(grandchild)
    finally:
        run.kill()
        run.wait()


def test_soffice_bin_is_started_directly_on_linux(tmp_path):
    program = tmp_path / "program"
    program.mkdir()
    script, binary = program / "soffice", program / "soffice.bin"
    for p in (script, binary):
        p.write_text("#!/bin/sh\n")
        p.chmod(0o755)
    expected = str(binary) if sys.platform.startswith("linux") else str(script)
    assert office_children.office_binary(str(script)) == expected


def test_a_dead_runs_temporary_folders_are_removed_not_a_live_ones(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        folders = {
            name: tmp_path / f"{office_children.TEMP_PREFIX}{pid}-{name}-x1"
            for name, pid in (("profile", dead.stdout.strip()), ("recalc", live.pid))
        }
        for folder in folders.values():
            (folder / "profile").mkdir(parents=True)
        other = tmp_path / "lo-profile-someone-elses"
        other.mkdir()
        removed = office_children.remove_dead_temp_folders(tmp_path)
        assert removed == [folders["profile"]]
        assert folders["recalc"].exists() and other.exists()
        assert pid_alive(live.pid) and not pid_alive(int(dead.stdout))
    finally:
        live.kill()
        live.wait()


def test_temporary_folders_carry_the_runs_pid():
    with office_children.temp_dir("profile") as tmp:
        assert Path(tmp).name.startswith(f"{office_children.TEMP_PREFIX}{os.getpid()}-profile-")
