"""Time the Word step: the real master, then a synthetic 200 projects x 5 years plan.

    .venv/bin/python bench/bench_word.py [inputs/master.xlsx]

Prints wall time, ms per document and peak memory (tracemalloc for Python objects, and the
process's max RSS where the platform reports it).
"""

import copy
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.model import Plan  # noqa: E402
from pipeline.render.word.word import render_documents  # noqa: E402
from pipeline.workbook.reader import read_plan  # noqa: E402


def synthetic(plan: Plan, projects: int = 200) -> Plan:
    """Clone the real projects until there are `projects`, each planned in every year."""
    clones, rows = [], []
    for i in range(projects):
        base = plan.projects[i % len(plan.projects)]
        clones.append(replace(copy.deepcopy(base), code=f"S{i + 1:03d}", seq=i + 1, name=f"{base.name} ชุดที่ {i + 1}"))
    template_rows = {r.project_code: r for r in plan.rows}
    for year in plan.settings.years:
        for order, p in enumerate(clones, 1):
            src = template_rows.get(plan.projects[(p.seq - 1) % len(plan.projects)].code)
            rows.append(replace(src, year=year, order=order, project_code=p.code, name=p.name))
    return Plan(plan.settings, plan.dimensions, clones, rows)


def run(label: str, plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tracemalloc.start()
        start = time.perf_counter()
        paths = render_documents(plan, Path(tmp))
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = sum(p.stat().st_size for p in paths)
    print(
        f"{label}: {len(paths)} documents in {elapsed * 1000:.0f} ms "
        f"({elapsed * 1000 / len(paths):.2f} ms/document), Python peak {peak / 2**20:.1f} MB, "
        f"output {size / 2**20:.1f} MB"
    )


def untraced(label: str, plan: Plan) -> None:
    """The same without tracemalloc, which slows Python down; this is the number that counts."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        paths = render_documents(plan, Path(tmp))
        elapsed = time.perf_counter() - start
    print(
        f"{label} (untraced): {len(paths)} documents in {elapsed * 1000:.0f} ms "
        f"({elapsed * 1000 / len(paths):.2f} ms/document)"
    )


def main() -> int:
    master = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "inputs" / "master.xlsx"
    plan = read_plan(master)
    big = synthetic(plan)
    untraced("real master", plan)
    untraced("200 projects x 5 years", big)
    run("real master", plan)
    run("200 projects x 5 years", big)
    try:
        import resource

        print(f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    except ImportError:  # Windows
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
