"""How long validating the master takes (not a test: speed is reported, never asserted).

.venv/bin/python bench/bench_validate.py [inputs/master.xlsx] [--repeat 20]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.validate import validate_workbook  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workbook", type=Path, nargs="?", default=Path("inputs/master.xlsx"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    validate_workbook(args.workbook)  # -- warm-up: imports and first file read --
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        report = validate_workbook(args.workbook)
        times.append(time.perf_counter() - start)
    print(
        f"{args.workbook}: {len(report.errors)} errors, {len(report.warnings)} warnings; "
        f"validate_workbook median {statistics.median(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms over {args.repeat} runs"
    )


if __name__ == "__main__":
    main()
