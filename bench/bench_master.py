"""Reading one master: open + validate + read the plan + read the monitoring rows, now against an
earlier commit, side by side on this machine (speed is reported, never asserted in tests).

    .venv/bin/python bench/bench_master.py e12eec2                 # the real master, 5 rounds
    .venv/bin/python bench/bench_master.py e12eec2 --workbook other.xlsx --rounds 7

Issue 17 asks for at least 2x: the district roll-up reads hundreds of masters through this path.
The earlier commit is checked out into a temporary folder (`git worktree`); each round runs both
sides in their own interpreter (alternating, so a busy moment hits both alike), each timing 30
reads after a warm-up, and the medians of the rounds' medians are compared.
"""

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_baseline import earlier_checkout  # noqa: E402

# -- one side's timing; works with both APIs (before: every reader took a path and opened it) --
TIMER = r"""
import json, statistics, sys, time
from pathlib import Path
path = Path(sys.argv[1])
from pipeline.workbook.reader import read_plan
from pipeline.monitor.reader import read_progress
try:
    from pipeline.workbook.master import open_master
    from pipeline.validate import validate_master
    def once():
        master = open_master(path)
        validate_master(master); read_plan(master); read_progress(master)
except ImportError:
    from pipeline.validate import validate_workbook
    def once():
        validate_workbook(path); read_plan(path); read_progress(path)
once()
times = []
for _ in range(30):
    start = time.perf_counter(); once(); times.append(time.perf_counter() - start)
print(json.dumps(statistics.median(times)))
"""


def side(checkout: Path, workbook: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-c", TIMER, str(workbook)], cwd=checkout, check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit", help="the earlier commit, e.g. e12eec2")
    parser.add_argument("--workbook", type=Path, default=ROOT / "inputs" / "master.xlsx")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    workbook = args.workbook.resolve()
    with earlier_checkout(args.commit) as earlier:
        before, now = [], []
        for _ in range(args.rounds):
            before.append(side(earlier, workbook))
            now.append(side(ROOT, workbook))
    b, n = statistics.median(before), statistics.median(now)
    print(f"{workbook.name}: open + validate + read plan + read progress")
    print(f"  {args.commit}: median {b * 1000:.1f} ms   now: median {n * 1000:.1f} ms   ({b / n:.1f}x faster)")


if __name__ == "__main__":
    main()
