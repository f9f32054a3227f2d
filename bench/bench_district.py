"""The district roll-up at scale: N synthetic submissions rolled up by `pipeline district` (speed
is reported here, never asserted in tests).

    .venv/bin/python bench/bench_district.py                  # 10, 100 and 1,000 submissions
    .venv/bin/python bench/bench_district.py --sizes 1000 --keep /tmp/district-1000

The submissions are made from the real master (inputs/master.xlsx): VARIANTS copies get other
budgets and the monitoring rows of 2566 (both rounds) with other statuses (tests/monitoring_sample.py
fills one, then the statuses are shuffled), and each of the N files is one of them under its own
organisation name (the name's shared string replaced in the zip, so making 1,000 files takes
seconds). About 10 % are the summary.xlsx `pipeline run --no-pdf` writes, a tenth of the files sit
in .zip attachments, and 5 % are broken, each in one of BROKEN_KINDS.

Reported per size: the seconds of `make_district` (read + roll-up + district.xlsx + the memo, its
PDF included when LibreOffice is installed), the seconds per submission, the reading alone, and the
peak memory of this process and of the largest reading worker (ru_maxrss).
"""

import argparse
import io
import random
import resource
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from pipeline import contract as c  # noqa: E402
from pipeline.district.job import make_district  # noqa: E402
from pipeline.monitor.outputs import monitoring_summaries  # noqa: E402
from pipeline.render.excel.summary import write_summary  # noqa: E402
from pipeline.workbook.master import open_master  # noqa: E402
from pipeline.workbook.reader import read_plan  # noqa: E402
from tests.monitoring_sample import make_sample_master  # noqa: E402

ORIGINAL = "องค์การบริหารส่วนตำบลโคกสำโรง"
ENCODED = "".join(f"&#{ord(ch)};" for ch in ORIGINAL)
VARIANTS = 12
PLACES = ["หนอง", "บ้าน", "โคก", "ดอน", "นา", "ห้วย", "ทุ่ง", "วัง", "สระ", "โพธิ์", "ดง", "ท่า"]
SUFFIXES = ["บัว", "แดง", "ใหญ่", "น้อย", "ทอง", "ศรี", "สำราญ", "ไผ่", "ขาม", "เหล่า", "งาม", "กลาง"]
KINDS = ["องค์การบริหารส่วนตำบล", "อบต.", "เทศบาลตำบล", "ทต."]
BROKEN_KINDS = ("truncated", "text", "xls", "empty", "budget-text", "not-a-plan", "summary-header")


def names(n: int) -> list[str]:
    """n distinct organisation names (with อบต./ทต. abbreviations now and then)."""
    out = []
    for i in range(n):
        place = PLACES[i % len(PLACES)] + SUFFIXES[(i // len(PLACES)) % len(SUFFIXES)]
        number = i // (len(PLACES) * len(SUFFIXES))
        out.append(f"{KINDS[i % len(KINDS)]}{place}{'' if not number else ' ' + 'ก' * number}")
    return out


def variants(work: Path, seed: int) -> tuple[list[bytes], list[bytes], bytes, bytes]:
    """(masters, summaries, a master with a validation error, a summary with a changed header)."""
    rng = random.Random(seed)
    sample = make_sample_master(work, name="sample.xlsx")
    masters, summaries = [], []
    for v in range(VARIANTS):
        wb = load_workbook(sample)
        yearly = wb[c.SHEET_YEARLY]
        budget = c.YEARLY_HEADERS.index(c.YearlyCol.BUDGET) + 1
        for row in range(2, yearly.max_row + 1):
            yearly.cell(row, budget).value = rng.choice([0, 0, 0, 5000, 12000, 20000, 35000.5, 80000])
        monitoring = wb[c.SHEET_MONITORING]
        status = c.MONITORING_HEADERS.index(c.MonitoringCol.STATUS) + 1
        for row in range(2, monitoring.max_row + 1):
            monitoring.cell(row, status).value = rng.choice(c.STATUSES)
        reason = c.MONITORING_HEADERS.index(c.MonitoringCol.REASON) + 1
        for row in range(2, monitoring.max_row + 1):
            failed = monitoring.cell(row, status).value == c.STATUS_FAILED
            monitoring.cell(row, reason).value = c.REASONS[0] if failed else None
        path = work / f"variant-{v}.xlsx"
        wb.save(path)
        masters.append(path.read_bytes())
        master = open_master(path)
        plan = read_plan(master)
        summary = write_summary(plan, work / f"summary-{v}.xlsx", None, monitoring_summaries(plan, master, [2566]))
        summaries.append(summary.read_bytes())
    wb = load_workbook(sample)
    wb[c.SHEET_YEARLY].cell(3, c.YEARLY_HEADERS.index(c.YearlyCol.BUDGET) + 1).value = "ยังไม่ทราบ"
    wb.save(work / "invalid.xlsx")
    wb = load_workbook(work / "summary-0.xlsx")
    wb[c.summary_sheet_name(2566)]["D2"] = "งบ"
    wb.save(work / "summary-header.xlsx")
    return masters, summaries, (work / "invalid.xlsx").read_bytes(), (work / "summary-header.xlsx").read_bytes()


def renamed(package: bytes, name: str) -> bytes:
    """The workbook with the organisation's name replaced (in the sheets' inline strings or the shared
    strings), every other byte as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/") and info.filename.endswith(".xml"):  # -- inline or shared --
                for original in (ORIGINAL, ENCODED):  # -- openpyxl writes Thai as &#3629;… --
                    data = data.replace(f">{original}<".encode(), f">{name}<".encode())
                    data = data.replace(f" {original}<".encode(), f" {name}<".encode())
            dst.writestr(info, data)
    return out.getvalue()


def make_folder(folder: Path, n: int, seed: int = 18) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        masters, summaries, invalid, summary_header = variants(Path(tmp), seed)
    zips: dict[int, zipfile.ZipFile] = {}
    for i, name in enumerate(names(n)):
        broken = i % 20 == 19  # -- 5 % --
        if broken:
            kind = BROKEN_KINDS[(i // 20) % len(BROKEN_KINDS)]
            data = {
                "truncated": masters[0][: len(masters[0]) // 2],
                "text": "ชื่อ,งบประมาณ\n".encode() * 10,
                "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048,
                "empty": b"",
                "budget-text": renamed(invalid, name),
                "not-a-plan": _other_workbook(),
                "summary-header": renamed(summary_header, name),
            }[kind]
            filename = f"{i:04d}-{kind}.xlsx"
        elif i % 10 == 3:
            data, filename = renamed(rng.choice(summaries), name), f"{i:04d}-summary.xlsx"
        else:
            data, filename = renamed(rng.choice(masters), name), f"{i:04d}-master.xlsx"
        if i % 10 == 7:  # -- a tenth arrive as e-mail attachments, ten files to a zip --
            box = i // 100
            if box not in zips:
                zips[box] = zipfile.ZipFile(folder / f"อีเมล-{box:02d}.zip", "w", zipfile.ZIP_DEFLATED)
            zips[box].writestr(f"{name}/{filename}", data)
        else:
            sub = folder / f"กลุ่ม-{i % 7}"
            sub.mkdir(exist_ok=True)
            (sub / filename).write_bytes(data)
    for archive in zips.values():
        archive.close()
    return folder


def _other_workbook() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "รายการอื่น"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def measure(folder: Path, out: Path, workers: int) -> dict:
    read = {}

    def progress(event):
        if event.stage == "read" and event.done == 0:
            read["start"] = time.perf_counter()
        if event.stage == "rollup":
            read["end"] = time.perf_counter()

    started = time.perf_counter()
    result = make_district(folder, out, progress=progress, workers=workers)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "read": read["end"] - read["start"],
        "organisations": len(result.rollup.used),
        "problems": len(result.rollup.problems),
        "pdf": result.pdf_skipped is None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="make the folders here and keep them")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-district-"))
    try:
        for n in args.sizes:
            folder = base / f"submissions-{n}"
            if not folder.exists():
                made = time.perf_counter()
                make_folder(folder, n)
                print(f"{n} submissions made in {time.perf_counter() - made:.1f} s -> {folder}")
            r = measure(folder, base / f"district-{n}.xlsx", args.workers)
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(
                f"{n:5d} submissions: {r['seconds']:.2f} s in all ({r['seconds'] / n * 1000:.1f} ms each), "
                f"reading {r['read']:.2f} s ({r['read'] / n * 1000:.1f} ms each); {r['organisations']} organisations, "
                f"{r['problems']} problems; memo PDF {'yes' if r['pdf'] else 'no'}; "
                f"peak memory {own:.0f} MB (this process), {workers:.0f} MB (largest child)"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
