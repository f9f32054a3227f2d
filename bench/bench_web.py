"""The web page's runs, upload to done, side by side in one run (issue 21's warm-speed target).

    .venv/bin/python bench/bench_web.py              # 5 rounds, about three minutes on 2 cores
    .venv/bin/python bench/bench_web.py --rounds 8

1. `serve` as `pipeline serve` runs it (LibreOffice kept started between runs): the real master
   uploaded to POST /api/runs and GET /api/runs/{id} asked every 20 ms until done, with and without
   PDF, alternating, after one unmeasured run of each (the first start of LibreOffice);
2. the same server without keeping LibreOffice (as before issue 21: every run starts it);
3. `pipeline run` from the command line (a fresh process each time, as staff run it), with and
   without PDF, and with PDF against this tree's office code as committed at HEAD (`git show`,
   read only), to show the command line's cold run is unchanged.
Each server is a child process on 127.0.0.1. Speed is reported here, never asserted in tests.
"""

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "inputs" / "master.xlsx"
# -- the files of issue 21's warm LibreOffice; the command line's baseline takes them from HEAD --
OFFICE_FILES = ["pipeline/office/soffice.py", "pipeline/render/pdf/convert.py"]
NEW_FILES = ["pipeline/office/resident.py"]
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

    def run(self, pdf: bool) -> float:
        data = MASTER.read_bytes()
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


def serve_times(keep_office: bool, rounds: int) -> dict[bool, list[float]]:
    server = Server(keep_office)
    try:
        server.run(True), server.run(False)  # -- unmeasured: imports, LibreOffice's first start --
        times: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(rounds):
            for pdf in (False, True):
                times[pdf].append(server.run(pdf))
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


def head_office_copy(folder: Path) -> Path:
    """This tree's pipeline/ with the office files as committed at HEAD (the command line before)."""
    copy = folder / "head-office"
    shutil.copytree(ROOT / "pipeline", copy / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", copy / "templates")
    for rel in OFFICE_FILES:
        text = subprocess.run(["git", "show", f"HEAD:{rel}"], cwd=ROOT, check=True, capture_output=True).stdout
        (copy / rel).write_bytes(text)
    for rel in NEW_FILES:
        (copy / rel).unlink(missing_ok=True)
    return copy


def show(label: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"{label:58s} median {median:5.2f} s  ({min(times):.2f}–{max(times):.2f}, {len(times)} runs)")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    warm = serve_times(True, args.rounds)
    cold = serve_times(False, args.rounds)
    cli: dict[str, list[float]] = {"no-pdf": [], "pdf": [], "pdf-head": []}
    with tempfile.TemporaryDirectory() as tmp:
        head = head_office_copy(Path(tmp))
        for _ in range(max(3, args.rounds // 2)):
            cli["no-pdf"].append(cli_time(ROOT, pdf=False))
            cli["pdf"].append(cli_time(ROOT, pdf=True))
            cli["pdf-head"].append(cli_time(head, pdf=True))
    print()
    serve_no_pdf = show("serve, LibreOffice kept started: no PDF", warm[False])
    serve_pdf = show("serve, LibreOffice kept started: with PDF", warm[True])
    show("serve, LibreOffice started for each run: no PDF", cold[False])
    before = show("serve, LibreOffice started for each run: with PDF", cold[True])
    cli_no_pdf = show("pipeline run --no-pdf (cold process)", cli["no-pdf"])
    cli_pdf = show("pipeline run, with PDF (cold process)", cli["pdf"])
    cli_head = show("pipeline run, with PDF, office code of HEAD", cli["pdf-head"])
    print()
    print(f"warm serve with PDF / warm serve without:   {serve_pdf / serve_no_pdf:.2f} x")
    print(f"warm serve with PDF / CLI without PDF:      {serve_pdf / cli_no_pdf:.2f} x")
    print(f"warm serve with PDF vs LibreOffice per run: {serve_pdf:.2f} s vs {before:.2f} s")
    print(f"CLI with PDF, now vs HEAD's office code:    {cli_pdf:.2f} s vs {cli_head:.2f} s")


if __name__ == "__main__":
    main()
