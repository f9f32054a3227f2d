"""One run at a time per output folder: a second `pipeline run` into the same --out waits a little,
then stops with exit 3 and a Thai message, instead of interleaving two sets of files.

The lock is a file created exclusively (works on Windows and Linux alike) holding the owner's pid;
a lock whose run died (killed, terminal closed) is taken over, never one of a live run.
"""

import os
import socket
import time
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import OutputBlocked
from pipeline.office.processes import pid_alive

LOCK_NAME = ".pipeline-run.lock"
WAIT_SECONDS = 15.0
POLL_SECONDS = 0.2


@contextmanager
def output_lock(out_dir: Path, wait: float | None = None):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = out_dir / LOCK_NAME
    deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
    while not _try_take(lock):
        owner = _owner(lock)
        if owner is not None and not _alive(owner):
            lock.unlink(missing_ok=True)  # -- a dead run's lock --
            continue
        if time.monotonic() >= deadline:
            who = f" (โปรเซส {owner[1]})" if owner else ""
            raise OutputBlocked(
                f"มีการสั่ง pipeline run ที่เขียนลงโฟลเดอร์ {out_dir} อยู่แล้ว{who} จึงไม่เขียนซ้อน",
                hint="รอให้การสั่งครั้งก่อนเสร็จแล้วสั่งใหม่ หรือใช้ --out โฟลเดอร์อื่น",
                english=f"another run is writing to {out_dir}{who}",
                code="output-locked",
            )
        time.sleep(POLL_SECONDS)
    try:
        yield lock
    finally:
        if _owner(lock) == (socket.gethostname(), os.getpid()):
            lock.unlink(missing_ok=True)


def _try_take(lock: Path) -> bool:
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"{socket.gethostname()}\n{os.getpid()}\n")
    return True


def _owner(lock: Path) -> tuple[str, int] | None:
    try:
        host, pid = lock.read_text(encoding="utf-8").split()[:2]
        return host, int(pid)
    except (OSError, ValueError):
        return None


def _alive(owner: tuple[str, int]) -> bool:
    host, pid = owner
    return host != socket.gethostname() or pid_alive(pid)  # -- another computer's run: assume alive --
