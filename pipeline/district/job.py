"""`pipeline district` as library calls, for the command line and (later) the web page: data with
codes in, data with codes out, progress through a callback, nothing printed.

    rollup = roll_up([Path("ส่งมา")], year=2566, progress=print)        # read and add up, no file written
    result = make_district(Path("ส่งมา"), Path("district.xlsx"), pdf=True)  # district.xlsx and the memo

Reading: the files are collected (pipeline.district.collect), each read by
pipeline.district.submission.read_submission, in a pool of READ_WORKERS processes when there are
more than POOL_FROM of them (about 25 ms a master here; the pool's start costs about a second).

Writing: every target is checked first (open in Excel or Word: exit 3, nothing written), the files
are written into a hidden folder beside `out` and moved into place only when all of them are made.
"""

import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.district.collect import Found, collect
from pipeline.district.excel import write_district
from pipeline.district.memo import write_memo
from pipeline.district.problems import DistrictProblem
from pipeline.district.roster import ROSTER_FILE, Roster, read_roster, write_roster
from pipeline.district.submission import Submission, read_all, read_submission, worker_init
from pipeline.district.tables import Rollup, build_rollup
from pipeline.errors import FolderUnreadable, NothingToRollUp, OutputBlocked
from pipeline.office import soffice as office
from pipeline.office.processes import left_by_dead_run
from pipeline.render.pdf.convert import make_pdfs
from pipeline.workbook.guards import check_writable

READ_WORKERS = 2  # -- this machine's two cores; measured in bench/bench_district.py --
POOL_FROM = 40  # -- fewer files are read in this process: a pool's start costs more than it saves --
CHUNK = 8  # files per task sent to a worker
STAGING_PREFIX = ".district-"
MEMO_SUFFIX = " บันทึกข้อความ"
STAGES = {
    "collect": "รวบรวมไฟล์ที่ส่งมา",
    "read": "อ่านไฟล์",
    "rollup": "รวมตัวเลข",
    "excel": "เขียนตารางสรุป",
    "memo": "เขียนบันทึกข้อความ",
    "pdf": "สร้าง PDF ของบันทึกข้อความ",
}


@dataclass(frozen=True)
class DistrictProgress:
    stage: str  # a key of STAGES
    label: str  # its Thai label
    done: int | None = None  # files read so far (stage "read")
    total: int | None = None


Progress = Callable[[DistrictProgress], None] | None


@dataclass
class DistrictResult:
    rollup: Rollup
    files: list[Path] = field(default_factory=list)  # written, in place
    pdf_skipped: str | None = None  # "no-pdf-requested", "libreoffice-missing" or None
    notices: list[str] = field(default_factory=list)  # codes, e.g. "no-emblem"
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 0

    def to_dict(self) -> dict:
        return {
            "exit_code": self.exit_code,
            "error": None,
            "written": [str(p) for p in self.files],
            "pdf_skipped": self.pdf_skipped,
            "notices": self.notices,
            "seconds": round(self.seconds, 2),
            **self.rollup.to_dict(),
        }


def memo_path(out: Path, suffix: str = ".docx") -> Path:
    """The memo beside district.xlsx: `district บันทึกข้อความ.docx` (named after -o, so two
    roll-ups in one folder keep their own)."""
    return out.with_name(f"{out.stem}{MEMO_SUFFIX}{suffix}")


def roll_up(
    sources: list[Path],
    *,
    year: int | None = None,
    round_: int | None = None,
    roster: Roster | Path | None = None,
    skip: set[Path] = frozenset(),
    progress: Progress = None,
    workers: int = READ_WORKERS,
) -> Rollup:
    """Read every submission in `sources` (folders, files, zips) and add them up.

    `roster`: the list of expected organisations (a path or a Roster); None looks for
    รายชื่อหน่วยงาน.xlsx among the sources (in a folder given, or as one of the files).
    NothingToRollUp (exit 1) when no file is found, or none can be used."""
    tell = progress or (lambda event: None)
    sources = [Path(s) for s in sources]
    roster_path = roster if isinstance(roster, Path) else _roster_in(sources) if roster is None else None
    if roster_path is not None:
        roster = read_roster(roster_path)
    skip = set(skip) | ({roster_path} if roster_path else set())
    tell(DistrictProgress("collect", STAGES["collect"]))
    work = Path(tempfile.mkdtemp(prefix="district-unzip-"))
    try:
        found = collect(sources, work, skip)
        if not found.seen:
            raise NothingToRollUp(
                f"ไม่พบไฟล์ใน {', '.join(str(s) for s in sources)}",
                hint="วางไฟล์ที่หน่วยงานส่งมา (สมุดงานหลัก .xlsx, summary.xlsx หรือไฟล์ .zip) ไว้ในโฟลเดอร์นี้แล้วสั่งใหม่",
                english=f"no files in {', '.join(str(s) for s in sources)}",
                code="folder-empty",
            )
        submissions = read_files(found.files, progress=tell, workers=workers)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    tell(DistrictProgress("rollup", STAGES["rollup"]))
    rollup = build_rollup(
        submissions,
        roster if isinstance(roster, Roster) else None,
        year=year,
        round_=round_,
        extra_problems=found.problems,
        files=found.seen,
    )
    if not rollup.used:
        raise NothingToRollUp(
            f"ไม่มีไฟล์ที่นำมารวมได้ (ตรวจ {found.seen} ไฟล์ พบปัญหา {len(rollup.problems)} รายการ) จึงไม่ได้เขียนไฟล์ใด ๆ",
            hint="ดูรายการปัญหาด้านบน ขอให้หน่วยงานแก้ไขแล้วส่งใหม่",
            english=f"none of the {found.seen} files can be rolled up; nothing written",
            problems=rollup.problems,
        )
    return rollup


def read_files(files: list[Found], *, progress: Progress = None, workers: int = READ_WORKERS) -> list[Submission]:
    """Each file read into a Submission, in the order given; a pool of `workers` processes for
    more than POOL_FROM files (spawned, not forked: the web server that calls this has threads)."""
    tell = progress or (lambda event: None)
    total = len(files)
    tell(DistrictProgress("read", STAGES["read"], 0, total))
    if workers <= 1 or total < POOL_FROM:
        return _read_sequentially(files, tell)
    try:
        return _read_in_pool(files, tell, workers)
    except BrokenProcessPool:  # -- a worker could not start (e.g. a caller's __main__ cannot be re-imported) --
        return _read_sequentially(files, tell)


def _read_sequentially(files: list[Found], tell) -> list[Submission]:
    out = []
    for sub in files:
        out.append(read_submission(sub))
        tell(DistrictProgress("read", STAGES["read"], len(out), len(files)))
    return out


def _read_in_pool(files: list[Found], tell, workers: int) -> list[Submission]:
    total = len(files)
    chunks = [files[i : i + CHUNK] for i in range(0, total, CHUNK)]
    results: dict[int, list[Submission]] = {}
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=worker_init) as pool:
        futures = {pool.submit(read_all, chunk): i for i, chunk in enumerate(chunks)}
        try:
            done = 0
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                done += len(results[futures[future]])
                tell(DistrictProgress("read", STAGES["read"], done, total))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return [sub for i in range(len(chunks)) for sub in results[i]]


def _roster_in(sources: list[Path]) -> Path | None:
    for source in sources:
        if source.is_dir() and (source / ROSTER_FILE).is_file():
            return source / ROSTER_FILE
        if source.is_file() and source.name == ROSTER_FILE:
            return source
    return None


def check_folder(folder: Path) -> None:
    """FolderUnreadable (exit 2) unless `folder` is a folder (or one .zip, as a district receives)."""
    folder = Path(folder)
    if not folder.exists():
        raise FolderUnreadable(
            f"ไม่พบโฟลเดอร์ {folder}",
            hint="ตรวจชื่อโฟลเดอร์ที่เก็บไฟล์ที่หน่วยงานส่งมา (ถ้ามีช่องว่างในชื่อ ให้ใส่ในเครื่องหมายคำพูด)",
            english=f"folder not found: {folder}",
            code="folder-not-found",
        )
    if folder.is_file() and folder.suffix.lower() != ".zip":
        raise FolderUnreadable(
            f"{folder} เป็นไฟล์ ไม่ใช่โฟลเดอร์",
            hint="ระบุโฟลเดอร์ที่เก็บไฟล์ที่หน่วยงานส่งมา (หรือไฟล์ .zip ที่รวมไฟล์เหล่านั้น) ไม่ใช่ไฟล์ Excel ไฟล์เดียว",
            english=f"{folder} is a file, not a folder",
            code="folder-is-file",
        )


def make_district(
    sources: Path | list[Path],
    out: Path,
    *,
    year: int | None = None,
    round_: int | None = None,
    pdf: bool = True,
    templates: Path | None = None,
    progress: Progress = None,
    workers: int = READ_WORKERS,
) -> DistrictResult:
    """The roll-up of `sources` written to `out` (district.xlsx) and the memo beside it
    (memo_path(out), .docx and, with `pdf` and LibreOffice, .pdf). Nothing is written when it fails."""
    started = time.monotonic()
    tell = progress or (lambda event: None)
    sources = [Path(sources)] if isinstance(sources, (str, Path)) else [Path(s) for s in sources]
    for source in sources:
        check_folder(source)
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise OutputBlocked(
            f"ชื่อไฟล์ผลลัพธ์ {out.name} ต้องลงท้ายด้วย .xlsx",
            hint="เช่น -o district.xlsx",
            english=f"{out.name}: the output must be an .xlsx file",
            code="output-not-xlsx",
        )
    want_pdf = pdf and office.find_soffice() is not None
    targets = [out, memo_path(out)] + ([memo_path(out, ".pdf")] if want_pdf else [])
    out.parent.mkdir(parents=True, exist_ok=True)
    for target in targets:
        check_writable(target)
    rollup = roll_up(sources, year=year, round_=round_, skip=set(targets), progress=tell, workers=workers)
    result = DistrictResult(
        rollup, pdf_skipped=None if want_pdf else ("libreoffice-missing" if pdf else "no-pdf-requested")
    )
    _remove_dead_staging(out.parent)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out.parent))
    try:
        tell(DistrictProgress("excel", STAGES["excel"]))
        made = [write_district(rollup, staging / out.name)]
        tell(DistrictProgress("memo", STAGES["memo"]))
        made.append(
            write_memo(
                rollup,
                staging / memo_path(out).name,
                attachment=out.name,
                templates_dir=templates,
                notices=result.notices,
            )
        )
        if want_pdf:
            tell(DistrictProgress("pdf", STAGES["pdf"]))
            made += make_pdfs([made[-1]])
        for target in targets:  # -- checked again: a file opened in Excel while we worked --
            check_writable(target)
        for path, target in zip(made, targets):
            os.replace(path, target)
            result.files.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.seconds = time.monotonic() - started
    return result


def _remove_dead_staging(folder: Path) -> None:
    """Hidden folders a killed roll-up left (its process id is in the name; a live one's stay)."""
    for entry in folder.glob(f"{STAGING_PREFIX}*"):
        if entry.is_dir() and left_by_dead_run(entry.name, STAGING_PREFIX):
            shutil.rmtree(entry, ignore_errors=True)


__all__ = [
    "DistrictProblem",
    "DistrictProgress",
    "DistrictResult",
    "STAGES",
    "check_folder",
    "init_list",
    "make_district",
    "memo_path",
    "read_files",
    "roll_up",
]


def init_list(folder: Path, *, force: bool = False, progress: Progress = None) -> tuple[Path, list[str]]:
    """FOLDER/รายชื่อหน่วยงาน.xlsx with the organisations whose files are in FOLDER (Thai order),
    for staff to complete with the ones still missing; (the path, the names written)."""
    check_folder(folder)
    folder = Path(folder)
    target = (folder if folder.is_dir() else folder.parent) / ROSTER_FILE
    if target.exists() and not force:
        write_roster(target, [], force=False)  # -- refuses: OutputBlocked with the Thai message --
    try:
        rollup = roll_up([folder], roster=Roster(None), skip={target}, progress=progress)
        names = [u.organisation for u in rollup.used]
    except NothingToRollUp:
        names = []
    return write_roster(target, names, force=force), names
