"""Shared by the web tests: upload a file, wait for a run (bounded, never a speed assertion)."""

import time
from pathlib import Path

WAIT_SECONDS = 300


def upload(client, url: str, path: Path, name: str | None = None, **fields):
    with Path(path).open("rb") as handle:
        return client.post(url, files={"workbook": (name or Path(path).name, handle)}, data=fields)


def wait_for(client, run_id: str, states=("done", "failed")) -> dict:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        status = client.get(f"/api/runs/{run_id}").json()
        if status["state"] in states:
            return status
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} still {status['state']} after {WAIT_SECONDS} s")
