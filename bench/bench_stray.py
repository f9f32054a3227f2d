"""`pipeline run --no-pdf` on the master with one space typed at แผนรายปี!K1048576 (issue 10,
item 5): target under 2 s and 200 MB. Runs the CLI in a child process and reads its peak memory
with resource.getrusage (not a test: speed is reported, never asserted).

    .venv/bin/python bench/bench_stray.py [inputs/master.xlsx]
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from pipeline import contract as c  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workbook", type=Path, nargs="?", default=ROOT / "inputs" / "master.xlsx")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stray = Path(tmp) / "stray.xlsx"
        wb = load_workbook(args.workbook)
        wb[c.SHEET_YEARLY]["K1048576"] = " "
        wb.save(stray)
        start = time.perf_counter()
        code = subprocess.run(
            [sys.executable, "-m", "pipeline", "run", str(stray), "--out", str(Path(tmp) / "out"), "--no-pdf", "-q"],
            cwd=ROOT,
        ).returncode
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    ok = code == 0 and seconds < 2 and peak_mb < 200
    print(
        f"stray space at แผนรายปี!K1048576: exit {code}, {seconds:.2f} s, peak {peak_mb:.0f} MB "
        f"(target < 2 s, < 200 MB: {'met' if ok else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
