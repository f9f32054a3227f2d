"""The web page's runs, upload to done, side by side in one run (issue 21's warm-speed target).

    .venv/bin/python bench/bench_web.py              # 5 rounds, about four minutes on 2 cores
    .venv/bin/python bench/bench_web.py --rounds 8

1. `serve` as `pipeline serve` runs it (LibreOffice kept started between runs): a master uploaded
   to POST /api/runs and GET /api/runs/{id} asked every 20 ms until done, after one unmeasured run
   with and without PDF (the first start of LibreOffice). Each round, in turn:
   - the real master without PDF;
   - the real master with PDF again: the documents are those of an earlier run, so their PDFs
     (and the summary's results) come from the server's cache (pipeline.office.cache);
   - the real master with one budget changed (a new amount each round): the year's table, the
     project's sheet, the book and the summary are made again, the other documents come from the cache;
   - a new master: the organisation's name changed (a new one each round), so every document is
     new and every PDF is made by LibreOffice (what the first run of any master costs);
2. the same server without keeping LibreOffice (as before issue 21: every run starts it), with
   a new master each round;
3. `pipeline run` from the command line (a fresh process each time, as staff run it), with and
   without PDF, and with PDF with the code as committed at HEAD (`git archive`, read only), to
   show the command line's cold run is unchanged (it has no cache).
Each server is a child process on 127.0.0.1. Speed is reported here, never asserted in tests.
"""

import argparse
import io
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "inputs" / "master.xlsx"
BUDGET_CELL = ("แผนรายปี", "F4")
NAME_CELL = ("ตั้งค่า", "B2")
SERVER = (
    "import sys, uvicorn; from pipeline.web.app import create_app; "
    "uvicorn.run(create_app(keep_office=sys.argv[2] == '1'), host='127.0.0.1', port=int(sys.argv[1]), "
    "log_level='warning')"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, keep_office: bool):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(self.port), "1" if keep_office else "0"], cwd=ROOT
        )
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=120)
        for _ in range(200):
            try:
                self.client.get("/api/health")
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def run(self, pdf: bool, master: Path = MASTER) -> float:
        data = master.read_bytes()
        started = time.perf_counter()
        answer = self.client.post(
            "/api/runs", files={"workbook": ("master.xlsx", data)}, data={"pdf": "1" if pdf else "0"}
        )
        answer.raise_for_status()
        run_id = answer.json()["id"]
        while True:
            status = self.client.get(f"/api/runs/{run_id}").json()
            if status["state"] in ("done", "failed"):
                break
            time.sleep(0.02)
        took = time.perf_counter() - started
        if status["state"] != "done" or (pdf and not any(f.endswith(".pdf") for f in status["files"])):
            raise RuntimeError(f"run failed: {status['error_en']}")
        return took

    def close(self) -> None:
        self.client.close()
        self.proc.terminate()
        self.proc.wait(60)


def edited(folder: Path, name: str, cell: tuple[str, str], value) -> Path:
    """A copy of the real master with one cell changed."""
    from openpyxl import load_workbook

    wb = load_workbook(MASTER)
    wb[cell[0]][cell[1]] = value
    path = folder / name
    wb.save(path)
    return path


def serve_times(keep_office: bool, rounds: int, folder: Path) -> dict[str, list[float]]:
    server = Server(keep_office)
    try:
        server.run(True), server.run(False)  # -- unmeasured: imports, LibreOffice's first start --
        times: dict[str, list[float]] = {"no-pdf": [], "again": [], "one-cell": [], "new": []}
        for n in range(rounds):
            budget = edited(folder, f"budget{n}.xlsx", BUDGET_CELL, 10_000 + 1_000 * n)
            new = edited(folder, f"new{n}.xlsx", NAME_CELL, f"องค์การบริหารส่วนตำบลทดสอบ{n}{keep_office}")
            if keep_office:
                times["no-pdf"].append(server.run(False))
                times["again"].append(server.run(True))
                times["one-cell"].append(server.run(True, budget))
            times["new"].append(server.run(True, new))
        return times
    finally:
        server.close()


def cli_time(checkout: Path, pdf: bool) -> float:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        extra = [] if pdf else ["--no-pdf"]
        subprocess.run(
            [sys.executable, "-m", "pipeline", "run", str(MASTER), "--out", out, "-q", *extra], cwd=checkout, check=True
        )
        return time.perf_counter() - started


def head_copy(folder: Path) -> Path:
    """pipeline/ and templates/ as committed at HEAD (`git archive`, read only): the command line before."""
    copy = folder / "head"
    copy.mkdir()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD", "pipeline", "templates"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(copy, filter="data")
    return copy


def show(label: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"{label:58s} median {median:5.2f} s  ({min(times):.2f}–{max(times):.2f}, {len(times)} runs)")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    cli: dict[str, list[float]] = {"no-pdf": [], "pdf": [], "pdf-head": []}
    with tempfile.TemporaryDirectory() as tmp:
        warm = serve_times(True, args.rounds, Path(tmp))
        cold = serve_times(False, args.rounds, Path(tmp))
        head = head_copy(Path(tmp))
        for _ in range(max(3, args.rounds // 2)):
            cli["no-pdf"].append(cli_time(ROOT, pdf=False))
            cli["pdf"].append(cli_time(ROOT, pdf=True))
            cli["pdf-head"].append(cli_time(head, pdf=True))
    print()
    serve_no_pdf = show("serve, kept LibreOffice: the real master, no PDF", warm["no-pdf"])
    again = show("serve, kept LibreOffice: the real master again, with PDF", warm["again"])
    one_cell = show("serve, kept LibreOffice: one budget changed, with PDF", warm["one-cell"])
    new = show("serve, kept LibreOffice: a new master, with PDF", warm["new"])
    before = show("serve, LibreOffice per run: a new master, with PDF", cold["new"])
    cli_no_pdf = show("pipeline run --no-pdf (cold process)", cli["no-pdf"])
    cli_pdf = show("pipeline run, with PDF (cold process)", cli["pdf"])
    cli_head = show("pipeline run, with PDF, the code of HEAD", cli["pdf-head"])
    print()
    print(f"warm serve with PDF / without, the master again:  {again / serve_no_pdf:.2f} x")
    print(f"warm serve with PDF / without, one budget changed: {one_cell / serve_no_pdf:.2f} x")
    print(f"warm serve with PDF / without, a new master:       {new / serve_no_pdf:.2f} x")
    print(f"warm serve with PDF, the master again / CLI no PDF: {again / cli_no_pdf:.2f} x")
    print(f"a new master with PDF, kept vs LibreOffice per run: {new:.2f} s vs {before:.2f} s")
    print(f"CLI with PDF, now vs HEAD's code:                  {cli_pdf:.2f} s vs {cli_head:.2f} s")


if __name__ == "__main__":
    main()
