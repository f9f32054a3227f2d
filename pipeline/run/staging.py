"""Write a run's outputs into a hidden staging folder, then publish them all or nothing.

Publishing first checks every target (not open in Word/Excel, not read-only, its folder writable),
then moves the previous files aside into a hidden `.previous-*` folder and the new ones into place.
If a move still fails (a sync client or antivirus holding a file), everything moved is put back
and the previous set is left exactly as it was.

The manifest (`.pipeline-outputs.json`) names the files the last run published. Every file it
names that this run did not write is removed with the same all-or-nothing move, so the output
folder only ever holds one run's set (no PDF of a deleted project beside a new .docx). Files the
pipeline never wrote (staff's own) are never touched.
"""

import json
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

from pipeline.errors import OutputBlocked
from pipeline.office.processes import left_by_dead_run
from pipeline.workbook.atomic import atomic_replace
from pipeline.workbook.io import lock_file

MANIFEST = ".pipeline-outputs.json"
STAGING_PREFIX = ".staging-"
PREVIOUS_PREFIX = ".previous-"
OLD_STAGING_AGE = 24 * 3600  # -- staging folders from before pids were in their names --


def new_staging_dir(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))


def remove_leftovers(out_dir: Path) -> list[Path]:
    """Staging and previous-set folders of runs that died (killed, terminal closed); never a live
    run's (its pid is in the folder's name). Returns what was removed."""
    removed = []
    if not out_dir.is_dir():
        return removed
    for entry in out_dir.iterdir():
        name = entry.name
        if not entry.is_dir() or not name.startswith((STAGING_PREFIX, PREVIOUS_PREFIX)):
            continue
        prefix = STAGING_PREFIX if name.startswith(STAGING_PREFIX) else PREVIOUS_PREFIX
        unnamed_and_old = (
            not name[len(prefix) :].split("-")[0].isdigit() and time.time() - entry.stat().st_mtime > OLD_STAGING_AGE
        )
        if left_by_dead_run(name, prefix) or unnamed_and_old:
            if prefix == PREVIOUS_PREFIX:
                _restore_previous(entry, out_dir)
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _restore_previous(previous: Path, out_dir: Path) -> None:
    """A run killed mid-publish left the old set here: put back what has no newer file in its place."""
    for old in sorted(p for p in previous.rglob("*") if p.is_file()):
        target = out_dir / old.relative_to(previous)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(old, target)


def is_in_use(path: Path) -> bool:
    if not path.exists():
        return False
    if lock_file(path):
        return True
    try:  # on Windows an open document cannot be opened for writing
        with open(path, "r+b"):
            return False
    except PermissionError:
        return True


def publish(staging: Path, out_dir: Path) -> list[Path]:
    """Move every file of `staging` to the same place under `out_dir` and remove the previous run's
    files this run did not write; all or nothing. Returns the final paths."""
    files = sorted(p for p in staging.rglob("*") if p.is_file())
    rels = [p.relative_to(staging).as_posix() for p in files]
    targets = [out_dir / rel for rel in rels]
    stale = [out_dir / rel for rel in sorted(_previous_manifest(out_dir) - set(rels)) if (out_dir / rel).is_file()]
    _check_targets(out_dir, targets, stale)
    previous = Path(tempfile.mkdtemp(prefix=f"{PREVIOUS_PREFIX}{os.getpid()}-", dir=out_dir))
    moved_aside: list[tuple[Path, Path]] = []
    placed: list[tuple[Path, Path]] = []
    target = out_dir
    try:
        for target in [t for t in targets if t.exists()] + stale:
            aside = previous / target.relative_to(out_dir)
            aside.parent.mkdir(parents=True, exist_ok=True)
            os.replace(target, aside)
            moved_aside.append((target, aside))
        for source, target in zip(files, targets):
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            placed.append((source, target))
    except OSError as exc:
        restored = _roll_back(placed, moved_aside)
        if restored:
            shutil.rmtree(previous, ignore_errors=True)
        raise _move_failed(target.relative_to(out_dir), exc, restored, previous) from None
    _write_manifest(out_dir, rels)
    shutil.rmtree(previous, ignore_errors=True)
    _remove_empty_folders(out_dir, stale)
    return targets


def _check_targets(out_dir: Path, targets: list[Path], stale: list[Path]) -> None:
    """Everything that could stop the move, found before anything moves."""
    problems = []
    for path in [*targets, *stale]:
        if path.exists() and not path.stat().st_mode & stat.S_IWUSR:
            problems.append(f"{path} ถูกตั้งเป็นอ่านอย่างเดียว")
        elif is_in_use(path):
            problems.append(f"{path} เปิดอยู่ในโปรแกรมอื่น")
    folders = sorted({p.parent for p in [*targets, *stale]} | {out_dir})
    for folder in folders:
        existing = next(f for f in (folder, *folder.parents) if f.exists())
        if not _writable_folder(existing):
            problems.append(f"โฟลเดอร์ {existing} เขียนไม่ได้ (อ่านอย่างเดียวหรือไม่มีสิทธิ์)")
    if problems:
        listing = "\n".join(f"  - {p}" for p in list(dict.fromkeys(problems))[:10])
        raise OutputBlocked(
            f"แทนที่ไฟล์ผลลัพธ์ชุดเดิมไม่ได้ จึงยังไม่ย้ายไฟล์ใดเลย (ชุดเดิมยังอยู่ครบ):\n{listing}",
            hint="ปิดไฟล์เหล่านี้ใน Word/Excel/โปรแกรมดู PDF และยกเลิก 'อ่านอย่างเดียว' ของไฟล์หรือโฟลเดอร์ แล้วสั่งใหม่อีกครั้ง",
            english=f"{len(problems)} output(s) cannot be replaced; nothing was moved",
            code="output-blocked",
        )


def _writable_folder(folder: Path) -> bool:
    # -- mode bits as well as os.access: an administrator passes os.access on a read-only folder --
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK) and bool(folder.stat().st_mode & stat.S_IWUSR)


def _roll_back(placed, moved_aside) -> bool:
    """Undo in reverse order; True when the previous set is back in place completely."""
    ok = True
    for source, target in reversed(placed):
        try:
            os.replace(target, source)
        except OSError:
            ok = False
    for target, aside in reversed(moved_aside):
        try:
            os.replace(aside, target)
        except OSError:
            ok = False
    return ok


def _move_failed(target: Path, exc: OSError, restored: bool, previous: Path) -> OutputBlocked:
    what = f"{target}: {exc.strerror or exc}"
    if restored:
        return OutputBlocked(
            f"ย้ายไฟล์ผลลัพธ์เข้าที่ไม่สำเร็จ ({what}) จึงคืนไฟล์ชุดเดิมกลับที่เดิมครบทุกไฟล์แล้ว",
            hint="ไฟล์อาจถูกโปรแกรมซิงก์ (OneDrive/Google Drive) หรือโปรแกรมป้องกันไวรัสจับไว้: "
            "รอสักครู่หรือหยุดการซิงก์ชั่วคราว แล้วสั่งใหม่",
            english=f"moving the outputs failed ({what}); the previous set was restored",
            code="publish-rolled-back",
        )
    return OutputBlocked(
        f"ย้ายไฟล์ผลลัพธ์เข้าที่ไม่สำเร็จ ({what}) และคืนไฟล์ชุดเดิมได้ไม่ครบ ไฟล์ชุดเดิมที่เหลือเก็บไว้ที่ {previous}",
        hint=f"คัดลอกไฟล์จาก {previous} กลับที่เดิม หรือสั่ง pipeline run ใหม่อีกครั้ง",
        english=f"moving the outputs failed ({what}); previous files kept in {previous}",
        code="publish-failed",
    )


def _previous_manifest(out_dir: Path) -> set[str]:
    try:
        names = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(names, list):
        return set()
    # -- only plain relative paths inside out_dir: a hand-edited manifest cannot delete elsewhere --
    return {n for n in names if isinstance(n, str) and n and not Path(n).is_absolute() and ".." not in Path(n).parts}


def _write_manifest(out_dir: Path, rels: list[str]) -> None:
    with atomic_replace(out_dir / MANIFEST, "manifest") as tmp:
        tmp.write_text(json.dumps(sorted(rels), ensure_ascii=False, indent=0), encoding="utf-8")


def _remove_empty_folders(out_dir: Path, stale: list[Path]) -> None:
    """A year no longer in the plan leaves an empty folder: remove it (never one with staff's files)."""
    for folder in sorted({p.parent for p in stale}, key=lambda f: len(f.parts), reverse=True):
        while folder != out_dir and out_dir in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
