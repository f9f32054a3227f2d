"""LibreOffice kept started between runs, for `pipeline serve` (the command line never uses it).

Starting LibreOffice costs most of a second per process, which the command line pays on every run.
A server keeps a few instances running instead, each with its own profile. A conversion is handed
to one by LibreOffice's own single-instance hand-off: soffice started with the instance's profile
and `--convert-to` finds the instance's pipe, passes its command line over and waits until the
instance has converted the files, so filter options, output names and failures are those of a
cold run (pipeline.office.soffice builds the command either way).

An instance keeps one empty Writer document open: with no document left, LibreOffice ends itself
after a handed-over conversion. An instance is replaced when it died, failed or timed out, and
after MAX_USES conversions (LibreOffice grows a little with each). Instances are started by one
long-lived thread, because on Linux a child is killed when the *thread* that started it ends
(office.children: PR_SET_PDEATHSIG); they end with the pool, and with this process however it ends.
"""

import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.office import children as office_children

MAX_USES = 60  # conversions (batches) per instance before it is replaced
READY_SECONDS = 60.0  # a first start that creates the profile takes a few seconds
KEEP_OPEN = "private:factory/swriter"  # the empty document that keeps an instance running


@dataclass
class Instance:
    folder: Path  # a temporary folder named with this process's id (a killed server's is removed later)
    proc: subprocess.Popen | None = None
    uses: int = 0
    ready: Future = field(default_factory=Future)
    clients: list[subprocess.Popen] = field(default_factory=list)  # the soffice handing a conversion over
    ended: bool = False

    @property
    def profile(self) -> Path:
        return self.folder / "profile"

    @property
    def profile_uri(self) -> str:
        return self.profile.as_uri()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


class Pool:
    """Up to `size` instances; `lend()` gives one to one conversion at a time.

    `command(profile_uri)` is the instance's command line (without KEEP_OPEN), `env` its
    environment, `seed` a profile to copy (None: LibreOffice creates one), `kill(proc)` ends a
    process tree."""

    def __init__(
        self,
        command: Callable[[str], list[str]],
        env: dict[str, str],
        kill: Callable[[subprocess.Popen], None],
        seed: Path | None = None,
        size: int = 3,
        max_uses: int = MAX_USES,
    ):
        self.command, self.env, self.kill, self.seed = command, env, kill, seed
        self.size, self.max_uses = size, max_uses
        self.instances: list[Instance] = []
        self._lent: set[int] = set()
        self._lock = threading.Lock()
        self._closed = False
        # -- one thread starts every instance and lives as long as the pool (see the module doc) --
        self._starter = ThreadPoolExecutor(1, thread_name_prefix="office-resident")

    def prestart(self) -> None:
        """Start instances up to `size` in the background, so the first run finds them warm."""
        with self._lock:
            while not self._closed and len(self.instances) < self.size:
                self._add()

    @contextmanager
    def lend(self, wait: float = READY_SECONDS) -> Iterator[Instance | None]:
        """A started instance for one conversion, or None when every instance is busy or none
        could start (the caller then starts LibreOffice itself). An instance the block left with
        an exception is replaced: it may be stuck in a dialog or half-way through a document."""
        instance = self._claim(wait)
        ok = False
        try:
            yield instance
            ok = True
        finally:
            if instance is not None:
                instance.clients.clear()
                self._give_back(instance, ok)

    def close(self) -> None:
        """End every instance and remove its profile; conversions in progress fail at once."""
        with self._lock:
            self._closed = True
            instances, self.instances = self.instances, []
        for instance in instances:
            self._end(instance)
        self._starter.shutdown(wait=True, cancel_futures=True)
        for instance in instances:  # -- one that was still starting when the pool closed --
            if not instance.ready.done():
                instance.ready.set_result(False)
            self._end(instance)

    @property
    def closed(self) -> bool:
        return self._closed

    def track(self, instance: Instance, client: subprocess.Popen) -> None:
        """`client` hands a conversion to `instance`: it ends with the instance, and at once when
        the instance has already ended (the pool closed meanwhile)."""
        with self._lock:
            if not instance.ended:
                instance.clients.append(client)
                return
        client.kill()

    # -- inside --

    def _add(self) -> Instance:
        folder = tempfile.mkdtemp(prefix=f"{office_children.TEMP_PREFIX}{os.getpid()}-resident-")
        instance = Instance(Path(folder))
        self.instances.append(instance)
        self._starter.submit(self._start, instance)
        return instance

    def _claim(self, wait: float) -> Instance | None:
        with self._lock:
            if self._closed:
                return None
            for instance in list(self.instances):
                if instance.ready.done() and not (_started(instance) and instance.alive()):
                    self._drop(instance)
            free = [i for i in self.instances if id(i) not in self._lent]
            if not free and len(self.instances) < self.size:
                free = [self._add()]
            if not free:
                return None
            instance = min(free, key=lambda i: not i.ready.done())  # -- a started one first --
            self._lent.add(id(instance))
        try:
            started = instance.ready.result(timeout=wait)
        except Exception:  # -- still starting after `wait`, or the pool closed: a cold start instead --
            started = False
        if not (started and instance.alive()):
            with self._lock:
                self._lent.discard(id(instance))
                self._drop(instance)
            return None
        return instance

    def _give_back(self, instance: Instance, ok: bool) -> None:
        instance.uses += 1
        with self._lock:
            self._lent.discard(id(instance))
            if ok and instance.alive() and instance.uses < self.max_uses and not self._closed:
                return
            self._drop(instance)
            if not self._closed:
                self._add()  # -- its successor starts now, ready for the next run --

    def _drop(self, instance: Instance) -> None:
        """Called with the lock held."""
        if instance in self.instances:
            self.instances.remove(instance)
        threading.Thread(target=self._end, args=(instance,), daemon=True).start()

    def _start(self, instance: Instance) -> None:
        try:
            if self.seed is not None and self.seed.is_dir():
                shutil.copytree(self.seed, instance.profile, dirs_exist_ok=True)
                (instance.profile / ".lock").unlink(missing_ok=True)
            instance.ready.set_result(self._run_until_ready(instance))
        except Exception as exc:  # -- no instance: conversions start LibreOffice themselves --
            if not instance.ready.done():
                instance.ready.set_exception(exc)

    def _run_until_ready(self, instance: Instance) -> bool:
        """Started when LibreOffice has locked its profile (its pipe is open by then); a first
        start that only created the profile asks to be started again."""
        command = [*self.command(instance.profile_uri), KEEP_OPEN]
        for _ in range(3):
            if self._closed:
                return False
            instance.proc = office_children.start(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env
            )
            deadline = time.monotonic() + READY_SECONDS
            while time.monotonic() < deadline and not self._closed:
                if instance.proc.poll() is not None:
                    break
                if (instance.profile / ".lock").exists():
                    return True
                time.sleep(0.05)
            if instance.proc.poll() != office_children.RESTART_CODE:
                break
        self.kill(instance.proc)
        return False

    def _end(self, instance: Instance) -> None:
        # -- a client first: left without its instance, it would start LibreOffice on the profile
        #    itself. Only killed: the thread that started it waits for it --
        with self._lock:
            instance.ended = True
        for client in list(instance.clients):
            if client.poll() is None:
                client.kill()
        if instance.proc is not None:
            if instance.proc.poll() is None:
                self.kill(instance.proc)
            try:
                instance.proc.wait(10)
            except subprocess.TimeoutExpired:  # -- not ours to wait for any longer; it dies with us --
                pass
        shutil.rmtree(instance.folder, ignore_errors=True)


def _started(instance: Instance) -> bool:
    return instance.ready.exception() is None and bool(instance.ready.result())
