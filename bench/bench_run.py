"""Benchmark of `pipeline run` against the naive way, and of 1,000 project sheets.

    .venv/bin/python bench/bench_run.py            # about two to three minutes on 2 cores

1. the whole `pipeline run` on inputs/master.xlsx, with and without PDF (a fresh process each
   time, as staff run it; best of 2);
2. the naive way for the same documents: a docxtpl loop that loads the template, renders and
   saves for each document, then one `soffice --convert-to pdf` call per document (the plan book,
   which has no one-template form, is made by our renderer and converted by its own call);
3. the Word step for a synthetic master of 200 projects x 5 years (1,000 project sheets), in a
   child process so its peak memory (max RSS) is its own.
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from docxtpl import DocxTemplate  # noqa: E402

from pipeline.office.soffice.soffice import find_soffice  # noqa: E402
from pipeline.render.word import word_context as ctx  # noqa: E402
from pipeline.render.word.word import make_env, render_documents  # noqa: E402
from pipeline.workbook.reader import read_plan  # noqa: E402

MASTER = ROOT / "inputs" / "master.xlsx"
TEMPLATES = ROOT / "templates"


def time_run(*extra: str, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "pipeline", "run", str(MASTER), "--out", out, "-q", *extra], cwd=ROOT, check=True
            )
            best = min(best, time.perf_counter() - started)
    return best


def naive_documents(plan) -> list[tuple[str, dict]]:
    docs = [("announcement.docx", ctx.announcement_context(plan))]
    for year in plan.settings.years:
        docs.append(("year_table.docx", ctx.year_table_context(plan, year)))
        for project, budget in ctx.sheets_for_year(plan, year):
            docs.append(("project_sheet.docx", ctx.project_sheet_context(project, year, budget)))
    return docs


def time_naive(with_pdf: bool) -> tuple[float, int]:
    plan = read_plan(MASTER)
    docs = naive_documents(plan)
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        paths = []
        for i, (template, context) in enumerate(docs):
            tpl = DocxTemplate(TEMPLATES / template)
            tpl.render(context, jinja_env=make_env(), autoescape=True)
            paths.append(Path(out) / f"{i:03d}.docx")
            tpl.save(paths[-1])
        # -- the plan book has no one-template form; the naive way takes ours and converts it alone --
        book = next(
            f
            for f in render_documents(plan, Path(out) / "ours")
            if f.parent == Path(out) / "ours" and f.name.startswith("แผน")
        )
        paths.append(book)
        if with_pdf:
            for path in paths:  # one warm profile shared by every call, as a desktop user has
                subprocess.run(
                    [
                        find_soffice(),
                        f"-env:UserInstallation={(Path(out) / 'profile').as_uri()}",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        out,
                        str(path),
                    ],
                    check=True,
                    capture_output=True,
                )
        return time.perf_counter() - started, len(paths)


CHILD = """
import resource, sys, tempfile, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
from bench_word import synthetic
from pipeline.render.word.word import render_documents
from pipeline.workbook.reader import read_plan
plan = synthetic(read_plan({master!r}), 200)
with tempfile.TemporaryDirectory() as out:
    t = time.perf_counter()
    files = render_documents(plan, __import__('pathlib').Path(out))
    t = time.perf_counter() - t
sheets = sum(1 for f in files if f.name.startswith('ลำดับที่'))
print(t, sheets, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def time_synthetic() -> tuple[float, int, float]:
    code = CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"), master=str(MASTER))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    seconds, sheets, rss = out.split()
    return float(seconds), int(sheets), float(rss)


def main() -> None:
    if find_soffice() is None:
        sys.exit("LibreOffice is needed for the PDF figures")
    ours_no_pdf = time_run("--no-pdf")
    print(f"pipeline run, no PDF          : {ours_no_pdf:6.2f} s   (target <= 2 s)")
    ours_pdf = time_run()
    print(f"pipeline run, with PDF        : {ours_pdf:6.2f} s   (target <= 5 s)")
    naive_no_pdf, n = time_naive(False)
    print(f"naive docxtpl loop, no PDF    : {naive_no_pdf:6.2f} s   ({n} documents)")
    naive_pdf, _ = time_naive(True)
    print(f"naive loop + soffice per doc  : {naive_pdf:6.2f} s")
    print(f"ratio naive/ours, with PDF    : {naive_pdf / ours_pdf:6.1f} x (target >= 20 x)")
    seconds, sheets, rss = time_synthetic()
    print(
        f"200 x 5 synthetic, Word only  : {seconds:6.2f} s for {sheets} project sheets, "
        f"peak {rss:.0f} MB (targets <= 5 s, < 500 MB)"
    )


if __name__ == "__main__":
    main()
