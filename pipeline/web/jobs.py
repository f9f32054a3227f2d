"""The run queue: one worker thread runs the pipeline one job at a time (one LibreOffice set),
the others wait in order. Each run lives in its own temporary folder under the server's root,
removed an hour after it finished (ten minutes after its zip was first downloaded) and at shutdown.
With `keep_office`, LibreOffice stays started between runs (pipeline.office.resident); the PDFs of
documents that did not change since an earlier run are taken from the root's cache
(pipeline.office.cache)."""

import itertools
import logging
import queue
import secrets
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.office import soffice as office
from pipeline.office.cache import OfficeCache
from pipeline.run import job as pipeline_run
from pipeline.run.report import outcome_rows
from pipeline.web import texts
from pipeline.workbook.master import Master

KEEP_SECONDS = 60 * 60
KEEP_AFTER_DOWNLOAD = 10 * 60
MAX_WAITING = 10  # an office has a handful of staff; more is a stuck client or abuse
STOP_SECONDS = 30  # at shutdown, how long a run in progress may take to stop
OUT = "out"
OFFICE_CACHE = "office-cache"  # in the root: removed with it at shutdown
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
ERROR_LOG = Path(tempfile.gettempdir()) / "anticorruption-pipeline-web-error.log"
log = logging.getLogger("pipeline.web")


@dataclass
class Run:
    id: str
    folder: Path
    workbook: Master | None  # opened once, when the upload was checked (None for a district's roll-up)
    filename: str  # the client's name, display only
    years: list[int] | None
    pdf: bool
    organisation: str = ""
    plan_years: list[int] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)  # the validation warnings
    seq: int = 0
    state: str = QUEUED
    stage: str = ""  # a key of pipeline.run.job.STAGES, or "done"
    done: int = 0
    total: int = 0
    error: str = ""  # one line, when failed
    error_en: str = ""
    files: dict[str, Path] = field(default_factory=dict)  # manifest: "2566/ตาราง 2566.docx" -> path
    notes: list[dict] = field(default_factory=list)  # {"th", "en"}: what staff should read
    outcome: list[dict] = field(default_factory=list)  # the table of what was made
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    expires: float | None = None
    zip_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    kind: str = "plan"  # "plan" (the organisation's documents) or "district" (the roll-up)
    work: Callable[["Run"], None] | None = field(default=None, repr=False)  # None: the organisation's run
    result: dict = field(default_factory=dict)  # the district's roll-up (its to_dict()), when done
    office_cache: OfficeCache | None = field(default=None, repr=False)  # what LibreOffice made before, by input

    @property
    def out_dir(self) -> Path:
        return self.folder / OUT


class RunQueue:
    def __init__(self, root: Path | None = None, keep_seconds: float = KEEP_SECONDS, keep_office: bool = False):
        self.root = Path(root or tempfile.mkdtemp(prefix="pipeline-web-"))
        self.root.mkdir(parents=True, exist_ok=True)
        self.keep_seconds = keep_seconds
        self.runs: dict[str, Run] = {}
        self._waiting: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._held = 0  # places held by uploads still arriving (see hold())
        self._seq = itertools.count(1)
        self._closed = threading.Event()
        self.keeps_office = keep_office and office.keep_started()
        # -- a master run again gets the PDFs of its unchanged documents (and results) from here --
        self.office_cache = OfficeCache(self.root / OFFICE_CACHE, office.identity())
        self._worker = threading.Thread(target=self._work, name="pipeline-runs", daemon=True)
        self._worker.start()

    # -- folders --

    def new_folder(self, prefix: str) -> Path:
        """A private folder for one upload or run; the name is ours, never the client's."""
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self.root))

    def hold(self) -> bool:
        """Hold a place in the queue before the upload is read, so uploads arriving together
        cannot pass the limit; False when MAX_WAITING runs already wait or hold one."""
        with self._lock:
            if self.waiting() + self._held >= MAX_WAITING:
                return False
            self._held += 1
            return True

    def release(self) -> None:
        """Give back a place held by hold() whose run was not submitted."""
        with self._lock:
            self._held = max(0, self._held - 1)

    @contextmanager
    def receiving(self, folder: Path):
        """While an upload that holds a place (hold()) is read into `folder` and checked: on any
        failure, refusals included, the place is given back and the folder removed."""
        try:
            yield
        except BaseException:
            self.release()
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def submit(self, run: Run, held: bool = True) -> Run:
        with self._lock:
            if held:
                self._held = max(0, self._held - 1)
            run.seq = next(self._seq)
            run.office_cache = self.office_cache
            self.runs[run.id] = run
        self._waiting.put(run.id)
        return run

    def get(self, run_id: str) -> Run | None:
        self.sweep()
        return self.runs.get(run_id)

    def waiting(self) -> int:
        return sum(1 for r in list(self.runs.values()) if r.state == QUEUED)

    def position(self, run: Run) -> int:
        """1 for the next to start; 0 when it is not waiting."""
        if run.state != QUEUED:
            return 0
        with self._lock:
            return 1 + sum(1 for r in self.runs.values() if r.state == QUEUED and r.seq < run.seq)

    def downloaded(self, run: Run) -> None:
        run.expires = min(run.expires or float("inf"), time.time() + KEEP_AFTER_DOWNLOAD)

    # -- the worker --

    def _work(self) -> None:
        while not self._closed.is_set():
            try:
                run_id = self._waiting.get(timeout=30)
            except queue.Empty:
                self.sweep()
                continue
            run = self.runs.get(run_id)
            if run is not None and not self._closed.is_set():
                execute(run)
                run.expires = time.time() + self.keep_seconds
            self.sweep()

    def sweep(self, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self._lock:
            gone = [r for r in self.runs.values() if r.expires is not None and r.expires <= now]
            for run in gone:
                del self.runs[run.id]
        for run in gone:
            shutil.rmtree(run.folder, ignore_errors=True)

    def close(self) -> None:
        """At shutdown: stop taking work, end LibreOffice (a run in progress fails at once), let
        the run clean its temporary folders, then remove every folder of ours."""
        self._closed.set()
        self._waiting.put(None)
        if self.keeps_office:
            office.stop_kept()
        if self._worker is not threading.current_thread():
            self._worker.join(STOP_SECONDS)
        shutil.rmtree(self.root, ignore_errors=True)


def new_run_id() -> str:
    return secrets.token_hex(8)


def execute(run: Run) -> None:
    """Run the pipeline for `run` (or its own `work`: the district's roll-up), recording its
    progress; any failure becomes one line."""
    run.state, run.started = RUNNING, time.time()
    try:
        (run.work or generate)(run)
        run.state, run.stage = DONE, "done"
    except PipelineError as exc:
        run.state = FAILED
        run.error, run.error_en = _one_line(texts.for_the_page(exc.message)), _one_line(exc.english or exc.message)
    except Exception as exc:  # a bug: one line for staff, the traceback in the server's log and a file
        log.error("run %s failed", run.id, exc_info=exc)
        try:
            ERROR_LOG.write_text(traceback.format_exc(), encoding="utf-8")
        except OSError:
            pass
        run.state = FAILED
        run.error = texts.INTERNAL_ERROR
        run.error_en = _one_line(f"internal error ({type(exc).__name__}: {exc}); details in the server's log")
    finally:
        run.finished = time.time()


def generate(run: Run) -> None:
    """The organisation's documents (`pipeline run`)."""
    counter = DocumentCounter(pdf=run.pdf and office.find_soffice() is not None)

    def progress(event) -> None:
        run.stage = event.stage
        run.done, run.total = counter.update(event)

    result = pipeline_run.run_pipeline(
        run.workbook, run.out_dir, years=run.years, pdf=run.pdf, progress=progress, office_cache=run.office_cache
    )
    if not result.valid:
        raise PipelineError(
            f"พบข้อผิดพลาด {result.errors} รายการในสมุดงาน จึงไม่ได้สร้างไฟล์",
            english=f"{result.errors} errors in the workbook: nothing was made",
        )
    run.files = {p.relative_to(run.out_dir).as_posix(): p for p in result.files}
    run.notes = texts.run_notes(result, run.filename)
    run.outcome = outcome_rows(result.files, run.out_dir)
    run.done = run.total = max(run.total, 1)


@dataclass
class DocumentCounter:
    """One bar for the whole run: the Word documents, then their PDFs when PDFs are made."""

    pdf: bool
    word_total: int = 0
    done: int = 0

    def update(self, event) -> tuple[int, int]:
        if event.done is not None and event.stage == "word":
            self.word_total, self.done = event.total, event.done
        elif event.done is not None and event.stage == "pdf":
            self.done = self.word_total + event.done
        return self.done, self.word_total * (2 if self.pdf else 1)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:300]
