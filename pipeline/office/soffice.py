"""LibreOffice headless: find it, and convert many files in few processes.

One soffice process converts a whole batch (start-up is the expensive part). Each process gets its
own profile folder (-env:UserInstallation) so parallel runs never share one, and the whole process
tree is ended on timeout. A server keeps LibreOffice started between runs (`keep_started`,
pipeline.office.resident); a batch is then handed to a started instance instead.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

from pipeline.errors import ConversionFailed
from pipeline.office import children as office_children
from pipeline.office import resident as office_resident
from pipeline.office.fonts import office_env

INSTALL_HINT = (
    "ติดตั้ง LibreOffice: Debian/Ubuntu `sudo apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui fonts-thai-tlwg`; Windows ดาวน์โหลดจาก https://www.libreoffice.org/download/"
)

_WINDOWS_CANDIDATES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


TIMED_OUT = "libreoffice-timeout"
STOPPED = "libreoffice-stopped"  # -- the server that kept LibreOffice started stopped meanwhile --


def find_soffice() -> str | None:
    """soffice on PATH, or in the usual Windows install folders; None when absent."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        roots = [os.environ.get(v) for v in ("ProgramFiles", "ProgramFiles(x86)")]
        candidates = [Path(r) / "LibreOffice" / "program" / "soffice.exe" for r in roots if r]
        candidates += [Path(p) for p in _WINDOWS_CANDIDATES]
        return next((str(p) for p in candidates if p.exists()), None)
    return None


def identity() -> str:
    """Which LibreOffice converts here: its program and that file's size and time, so PDFs kept
    from one LibreOffice are not taken for another's (pipeline.render.pdf.cache)."""
    found = find_soffice()
    if found is None:
        return ""
    program = Path(found).resolve()
    try:
        stat = program.stat()
    except OSError:
        return str(program)
    return f"{program} {stat.st_size} {stat.st_mtime_ns}"


def convert(
    paths: list[Path],
    target: str,
    out_dir: Path,
    *,
    timeout: float = 300,
    workers: int = 1,
    on_progress: Callable[[int], None] | None = None,
    labels: list[str] | None = None,
    weights: list[int] | None = None,
) -> list[Path]:
    """Convert `paths` to `target` ("pdf", or "xlsx:Calc MS Excel 2007 XML") into out_dir.

    Returns the converted files in the order given. Files with the same stem must not share
    an out_dir (LibreOffice names outputs by stem). `on_progress(n)` hears how many are done,
    counted in out_dir every half second (one soffice converts a whole batch without a word), each
    file counting as its `weights` entry (a joined file stands for several documents).
    """
    soffice = find_soffice()
    if soffice is None:
        raise ConversionFailed("ไม่พบ LibreOffice จึงแปลงไฟล์ไม่ได้", hint=INSTALL_HINT, english="LibreOffice not found")
    paths = [Path(p).resolve() for p in paths]
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    batches = _balanced(paths, max(1, min(workers, len(paths))))
    suffix = "." + target.split(":")[0]
    results = [out_dir / (p.stem + suffix) for p in paths]
    weights = weights or [1] * len(results)
    done = lambda: sum(w for r, w in zip(results, weights) if r.exists())  # noqa: E731
    with ThreadPoolExecutor(len(batches)) as pool:
        futures = [pool.submit(_run_batch, soffice, b, target, out_dir, timeout) for b in batches]
        while on_progress and wait(futures, timeout=0.2).not_done:
            on_progress(done())
        for future in futures:
            future.result()
    if on_progress:
        on_progress(done())
    # -- messages name the documents (`labels`), not the temporary copies LibreOffice was given --
    missing = [label for r, label in zip(results, labels or [r.name for r in results]) if not r.exists()]
    if missing:
        raise ConversionFailed(
            f"LibreOffice แปลงไฟล์ไม่สำเร็จ: {', '.join(missing[:5])}",
            hint="ลองเปิดไฟล์ต้นฉบับใน LibreOffice/Word ว่าเปิดได้หรือไม่",
            english=f"conversion produced no output for {missing[:5]}",
        )
    return results


def _balanced(paths: list[Path], workers: int) -> list[list[Path]]:
    """Largest files first, each to the least loaded batch, so one big plan book doesn't
    leave the other process idle."""
    batches: list[list[Path]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for path in sorted(paths, key=lambda p: p.stat().st_size if p.exists() else 0, reverse=True):
        i = loads.index(min(loads))
        batches[i].append(path)
        loads[i] += path.stat().st_size if path.exists() else 0
    return batches


# A profile LibreOffice has already initialised starts about 0.6 s faster than an empty one.
# Each process still gets its own copy, so parallel runs never share a profile.
_WARM_PROFILE = Path(tempfile.gettempdir()) / "anticorruption-pipeline-lo-profile"


def _run_batch(soffice: str, paths: list[Path], target: str, out_dir: Path, timeout: float) -> None:
    if not paths:
        return
    pool = _kept
    if pool is not None:
        with pool.lend() as instance:  # -- None: every started instance is busy --
            if instance is not None:
                cmd = _command(soffice, instance.profile_uri, target, out_dir, paths)
                try:
                    _run_with_timeout(cmd, timeout, started=lambda client: pool.track(instance, client))
                finally:
                    _refuse_if_stopped(pool)
                return
        _refuse_if_stopped(pool)
    with office_children.temp_dir("profile") as tmp:
        profile = Path(tmp) / "profile"
        if _WARM_PROFILE.is_dir():
            shutil.copytree(_WARM_PROFILE, profile, dirs_exist_ok=True)
        _run_with_timeout(_command(soffice, profile.as_uri(), target, out_dir, paths), timeout)
        _keep_warm_profile(profile)


def _command(soffice: str, profile_uri: str, target: str | None = None, out_dir=None, paths=()) -> list[str]:
    """soffice with its own profile; with `target`, the conversion of `paths` into `out_dir`."""
    cmd = [office_children.office_binary(soffice), f"-env:UserInstallation={profile_uri}"]
    cmd += ["--headless", "--norestore", "--nologo"]
    if target is not None:
        cmd += ["--convert-to", target, "--outdir", str(out_dir), *map(str, paths)]
    return cmd


# -- the instances a server keeps started, shared by the servers of this process (tests start several) --
_kept: office_resident.Pool | None = None
_kept_users = 0
_kept_lock = threading.Lock()


def keep_started(size: int = 3) -> bool:
    """Keep `size` LibreOffice instances started until as many `stop_kept()` as calls (3: the
    two PDF processes and the summary's recalculation of one run). False without LibreOffice."""
    global _kept, _kept_users
    soffice = find_soffice()
    if soffice is None:
        return False
    with _kept_lock:
        if _kept is None:
            env = {**office_env(), **_MALLOC_KEEP}
            _kept = office_resident.Pool(lambda uri: _command(soffice, uri), env, _kill_tree, _WARM_PROFILE, size)
            _kept.prestart()
        _kept_users += 1
    return True


def stop_kept() -> None:
    """One user fewer; the last one ends the instances (and any conversion they are doing)."""
    global _kept, _kept_users
    with _kept_lock:
        _kept_users = max(0, _kept_users - 1)
        pool, _kept = (_kept, None) if _kept_users == 0 else (None, _kept)
    if pool is not None:
        pool.close()


def _refuse_if_stopped(pool: office_resident.Pool) -> None:
    """The server stopped during the conversion: fail now, start no LibreOffice of its own."""
    if pool.closed:
        raise ConversionFailed(
            "โปรแกรมถูกปิดระหว่างแปลงไฟล์ จึงไม่ได้สร้าง PDF",
            english="the server stopped during the conversion",
            code=STOPPED,
        )


def kept() -> bool:
    """True while a server keeps LibreOffice started (conversions are handed to it)."""
    return _kept is not None


def _keep_warm_profile(profile: Path) -> None:
    if _WARM_PROFILE.exists() or not profile.is_dir():
        return
    staged = _WARM_PROFILE.with_name(f"{office_children.TEMP_PREFIX}{os.getpid()}-warm-{id(profile)}")
    try:
        shutil.copytree(profile, staged)
        staged.rename(_WARM_PROFILE)  # another run may have won the race: then ours is dropped
    except OSError:
        shutil.rmtree(staged, ignore_errors=True)


# -- glibc hands LibreOffice's large blocks back to the kernel after every document and faults them
# in again: ~300,000 page faults for 16 documents. Keeping them (thresholds at 1 GB) cut the system
# time of a batch by two thirds (bench/bench_run.py). Other C libraries ignore these variables. --
_MALLOC_KEEP = {"MALLOC_TRIM_THRESHOLD_": "1000000000", "MALLOC_MMAP_THRESHOLD_": "1000000000"}


def _run_with_timeout(cmd: list[str], timeout: float, started: Callable | None = None) -> None:
    kwargs = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "env": {**office_env(), **_MALLOC_KEEP}}
    for _ in range(2):  # -- a second start only when LibreOffice asks for it after creating a profile --
        proc = office_children.start(cmd, **kwargs)
        if started is not None:  # -- a kept instance's pool ends it with the instance --
            started(proc)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_tree(proc)
            raise ConversionFailed(
                f"LibreOffice ทำงานนานเกิน {timeout:.0f} วินาที จึงหยุดการแปลงไฟล์",
                hint="ปิดโปรแกรม LibreOffice ที่ค้างอยู่แล้วลองใหม่",
                english=f"LibreOffice timed out after {timeout:.0f}s",
                code=TIMED_OUT,
            ) from None
        if proc.returncode != office_children.RESTART_CODE:
            break
    if proc.returncode != 0:
        raise ConversionFailed(
            f"LibreOffice ทำงานผิดพลาด (รหัส {proc.returncode})", english=(err or b"").decode(errors="replace")[-500:]
        )


def _kill_tree(proc: subprocess.Popen) -> None:
    if sys.platform == "win32":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True)
    else:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.communicate()  # reap it and close its pipes
