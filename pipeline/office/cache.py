"""What LibreOffice made before, found again by what its input says (for `pipeline serve`).

A clerk runs the same master again and again: after fixing one cell, after a warning, to get one
year again. Most documents are then the same as last time, and LibreOffice would make the same PDF
(and the same recalculated summary) again. An input is known by a hash of its parts' contents
(not its file bytes: a .docx's or .xlsx's own creation time and the zip's dates change on every
run) together with what else shapes the result: how it is converted, a stamping font, LibreOffice
itself and this program's version. A hit is a copy of the file made before, so a result either
comes out as it did or is made again; nothing is half-reused.

The cache lives in a folder of its own (the server's temporary root) and is trimmed to MAX_BYTES,
the least recently used first. Files are written under a temporary name and then renamed, so a
run that stops half-way leaves no broken file for the next one.
"""

import contextlib
import hashlib
import os
import re
import shutil
import threading
import zipfile
import zlib
from pathlib import Path

import pipeline

MAX_BYTES = 300 * 1024 * 1024  # the real plan's 82 PDFs and its summary are about 6 MB
# -- the file's own dates: they change on every run, and neither a PDF nor a result shows them --
CORE_DATES = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")
CORE_PART = "docProps/core.xml"


class OfficeCache:
    """Files by key in `folder`; `converter` names what makes them (LibreOffice's program and its
    version), so another LibreOffice never gets a result of this one."""

    def __init__(self, folder: Path, converter: str = "", max_bytes: int = MAX_BYTES):
        self.folder = Path(folder)  # -- made with the first file kept --
        self.converter, self.max_bytes = converter, max_bytes
        self.hits = self.misses = 0
        self._lock = threading.Lock()
        self._bytes = sum(size for _, size, _ in self._kept_files())

    def key(self, package: Path, *how: str) -> str | None:
        """The key of a .docx or .xlsx, with `how` it is converted (target, stamping font, …); None
        when it cannot be read as one (it is then always converted, and LibreOffice says why)."""
        digest = hashlib.sha256()
        for text in (pipeline.__version__, self.converter, *how):
            digest.update(text.encode("utf-8") + b"\0")
        try:
            with zipfile.ZipFile(package) as parts:
                for item in sorted(parts.infolist(), key=lambda i: i.filename):
                    data = parts.read(item)
                    if item.filename == CORE_PART:
                        data = CORE_DATES.sub(b"", data)
                    digest.update(item.filename.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0")
                    digest.update(data)
        except (OSError, zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError):
            return None
        return digest.hexdigest()

    def fetch(self, key: str | None, target: Path) -> bool:
        """Copy the file kept under `key` to `target`; False when there is none."""
        if key is None:
            return False
        kept = self._path(key)
        try:
            shutil.copyfile(kept, target)
            os.utime(kept)  # -- recently used: trimmed last --
        except OSError:
            with self._lock:
                self.misses += 1
            return False
        with self._lock:
            self.hits += 1
        return True

    def keep(self, key: str | None, made: Path) -> None:
        """Keep a copy of `made` under `key`. A cache that cannot be written is no cache: the run
        goes on without it."""
        if key is None:
            return
        kept = self._path(key)
        staged = kept.with_name(f".part-{os.getpid()}-{threading.get_ident()}-{kept.name}")
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(made, staged)
            os.replace(staged, kept)
            size = kept.stat().st_size
        except OSError:
            with contextlib.suppress(OSError):
                staged.unlink(missing_ok=True)
            return
        with self._lock:
            self._bytes += size
            if self._bytes > self.max_bytes:
                self._trim()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def _kept_files(self) -> list[tuple[float, int, Path]]:
        files = []
        for path in self.folder.glob("*/[0-9a-f]*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            files.append((stat.st_mtime, stat.st_size, path))
        return files

    def _trim(self) -> None:
        """Called with the lock held: the least recently used go until MAX_BYTES is kept."""
        files = self._kept_files()
        self._bytes = sum(size for _, size, _ in files)
        for _, size, path in sorted(files):
            if self._bytes <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            self._bytes -= size
