"""LibreOffice processes never outlive the run that started them, and a killed run's temporary
folders are removed by the next one.

- Linux: the child asks the kernel for SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG), so a
  run killed with SIGKILL or a closed terminal takes LibreOffice with it. soffice.bin is started
  directly (the `soffice` script's launcher, oosplash, would otherwise be the only process marked).
- Windows: the child is put in a job object that kills its processes when the job's last handle,
  held by this process, closes, which the system does when this process ends however it ends.
- Temporary folders carry the pid of the run that made them (`anticorruption-lo-1234-…`); the next
  run removes those whose run is gone, never a live run's.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.office.processes import left_by_dead_run

TEMP_PREFIX = "anticorruption-lo-"
RESTART_CODE = 81  # -- soffice.bin asks to be started again after creating a profile (oosplash did it) --
PR_SET_PDEATHSIG = 1


def temp_dir(kind: str) -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-{kind}-")


def remove_dead_temp_folders(root: Path | None = None) -> list[Path]:
    root = Path(root or tempfile.gettempdir())
    removed = []
    for entry in root.glob(f"{TEMP_PREFIX}*"):
        if entry.is_dir() and left_by_dead_run(entry.name, TEMP_PREFIX):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def office_binary(soffice: str) -> str:
    """soffice.bin beside the `soffice` script on Linux (see the module doc); else soffice itself."""
    if sys.platform.startswith("linux"):
        direct = Path(soffice).resolve().parent / "soffice.bin"
        if direct.is_file() and os.access(direct, os.X_OK):
            return str(direct)
    return soffice


def start(cmd: list[str], **kwargs) -> subprocess.Popen:
    """Popen whose process dies with this one, in its own process group (killed as a tree on timeout)."""
    if sys.platform == "win32":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
        proc = subprocess.Popen(cmd, **kwargs)
        _windows_kill_on_close(proc)
        return proc
    kwargs["start_new_session"] = True
    if sys.platform.startswith("linux"):
        kwargs["preexec_fn"] = _die_with_parent(os.getpid())
    return subprocess.Popen(cmd, **kwargs)


def _die_with_parent(parent: int):
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)  # -- loaded before fork: the child only calls it --

    def preexec() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # -- the parent died before prctl took effect --
            os._exit(1)

    return preexec


_JOB = None  # one job per process, closed by the system when this process ends


def _windows_kill_on_close(proc: subprocess.Popen) -> None:
    import ctypes
    from ctypes import wintypes

    global _JOB
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE  # -- 64-bit handles: never the default int --
    kernel32.CreateJobObjectW.argtypes = (ctypes.c_void_p, wintypes.LPCWSTR)
    kernel32.SetInformationJobObject.argtypes = (wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD)
    kernel32.AssignProcessToJobObject.argtypes = (wintypes.HANDLE, wintypes.HANDLE)
    if _JOB is None:

        class BasicLimits(ctypes.Structure):
            _fields_ = [
                ("PerProcessUserTimeLimit", ctypes.c_int64),
                ("PerJobUserTimeLimit", ctypes.c_int64),
                ("LimitFlags", wintypes.DWORD),
                ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t),
                ("ActiveProcessLimit", wintypes.DWORD),
                ("Affinity", ctypes.c_size_t),
                ("PriorityClass", wintypes.DWORD),
                ("SchedulingClass", wintypes.DWORD),
            ]

        class IoCounters(ctypes.Structure):
            _fields_ = [
                (name, ctypes.c_uint64)
                for name in (
                    "ReadOperationCount",
                    "WriteOperationCount",
                    "OtherOperationCount",
                    "ReadTransferCount",
                    "WriteTransferCount",
                    "OtherTransferCount",
                )
            ]

        class ExtendedLimits(ctypes.Structure):
            _fields_ = [
                ("BasicLimitInformation", BasicLimits),
                ("IoInfo", IoCounters),
                ("ProcessMemoryLimit", ctypes.c_size_t),
                ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t),
                ("PeakJobMemoryUsed", ctypes.c_size_t),
            ]

        kill_on_job_close, extended_limit_information = 0x2000, 9
        job = kernel32.CreateJobObjectW(None, None)
        limits = ExtendedLimits()
        limits.BasicLimitInformation.LimitFlags = kill_on_job_close
        if not job or not kernel32.SetInformationJobObject(
            job, extended_limit_information, ctypes.byref(limits), ctypes.sizeof(limits)
        ):
            return  # -- no job: the timeout still ends the tree; only a killed run could leave it --
        _JOB = job
    # -- assigned right after CreateProcess; soffice.exe takes far longer to start soffice.bin, which
    #    then joins the job with it (untested here: this machine runs Linux) --
    kernel32.AssignProcessToJobObject(_JOB, int(proc._handle))
