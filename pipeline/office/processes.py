"""Is a process still running? Used to tell a dead run's leftovers (named with its pid) from a live
run's, so cleaning never touches another run that is still working."""

import os
import sys


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # -- alive, owned by someone else --
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE  # -- 64-bit handles: never the default int --
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    query_limited_information, still_active = 0x1000, 259
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == 5  # -- access denied: it exists --
    try:
        code = wintypes.DWORD()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def pid_in_name(name: str, prefix: str) -> int | None:
    """The pid in a name like `.staging-1234-abc` (prefix `.staging-`); None when there is none."""
    if not name.startswith(prefix):
        return None
    head = name[len(prefix) :].split("-", 1)[0].split(".", 1)[0]
    return int(head) if head.isdigit() else None


def left_by_dead_run(name: str, prefix: str) -> bool:
    pid = pid_in_name(name, prefix)
    return pid is not None and not pid_alive(pid)
