"""Write-to-temp-then-replace, the one way every file we own is saved: the destination is either
the old file or the complete new one, never half written (a full disk, a crash, a kill)."""

import os
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_replace(path: Path, tag: str = "tmp"):
    """Yields a temporary path in the same folder (so os.replace is atomic); replaces `path` with
    it when the block ends without an exception, and always removes the temporary file."""
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.{tag}-{os.getpid()}.tmp{path.suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
