"""`pipeline run` with PDFs, now against an earlier commit, on this machine, in alternating runs.

    .venv/bin/python bench/bench_baseline.py 2a7e452            # 4 runs each, about 40 s
    .venv/bin/python bench/bench_baseline.py 2a7e452 --runs 6

Issue 11's budget is "with-PDF time within 10 % of today's": the commit is checked out into a
temporary folder (`git worktree`), each side runs its own `inputs/master.xlsx` into a fresh folder
with this virtualenv's Python, and the runs alternate so a busy moment hits both sides alike.
The earlier commit is imported from its own folder (the current directory comes first on sys.path).
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(checkout: Path) -> float:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pipeline", "run", "inputs/master.xlsx", "--out", out, "-q"],
            cwd=checkout,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return time.perf_counter() - started


@contextmanager
def earlier_checkout(commit: str):
    """The repository at `commit` in a temporary folder (a git worktree), removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        earlier = Path(tmp) / "earlier"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(earlier), commit],
            check=True,
            capture_output=True,
        )
        try:
            yield earlier
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(earlier)], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit", help="the earlier commit, e.g. 2a7e452")
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args()
    with earlier_checkout(args.commit) as earlier:
        one_run(earlier), one_run(ROOT)  # -- warm-up: LibreOffice's profile, disk caches --
        times = {"earlier": [], "now": []}
        for _ in range(args.runs):
            times["earlier"].append(one_run(earlier))
            times["now"].append(one_run(ROOT))
    before, now = statistics.median(times["earlier"]), statistics.median(times["now"])
    for side, values in times.items():
        print(f"{side:8s} {' '.join(f'{v:.2f}' for v in values)} s   median {statistics.median(values):.2f} s")
    print(f"now / {args.commit}: {now / before:.2f} ({(now / before - 1) * 100:+.0f} %), budget ≤ 1.10")


if __name__ == "__main__":
    main()
