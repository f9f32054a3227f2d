"""Write a run's outputs into a hidden staging folder, then move them into place together.

An interrupted run leaves the previous set untouched; a file open in Word or Excel is found before
anything moves, so the set is never half replaced.
"""
import json
import os
import shutil
import tempfile
from pathlib import Path

from pipeline.errors import OutputBlocked
from pipeline.workbook.io import lock_file


def new_staging_dir(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))


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
    """Move every file of `staging` to the same place under `out_dir`; returns the final paths."""
    files = sorted(p for p in staging.rglob("*") if p.is_file())
    targets = [out_dir / p.relative_to(staging) for p in files]
    busy = [t for t in targets if is_in_use(t)]
    if busy:
        names = "\n".join(f"  - {b}" for b in busy[:10])
        raise OutputBlocked(f"มีไฟล์ผลลัพธ์เปิดอยู่ในโปรแกรมอื่น จึงยังไม่แทนที่ไฟล์ชุดเดิม:\n{names}",
                            hint="ปิดไฟล์เหล่านี้ใน Word/Excel แล้วสั่งใหม่อีกครั้ง",
                            english=f"{len(busy)} output file(s) are open in another program")
    for source, target in zip(files, targets):
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    _remove_stale(out_dir, targets)
    return targets


MANIFEST = ".pipeline-outputs.json"


def _remove_stale(out_dir: Path, written: list[Path]) -> None:
    """Delete what an earlier run wrote into the sub-folders this run rewrote but did not write now
    (a renamed project's old sheet), so nobody prints a stale file. Only files named in our own
    manifest are ever deleted; top-level files and other folders are left alone."""
    manifest = out_dir / MANIFEST
    now = {p.relative_to(out_dir).as_posix() for p in written}
    try:
        before = set(json.loads(manifest.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        before = set()
    folders = {Path(rel).parts[0] for rel in now if len(Path(rel).parts) > 1}
    for rel in sorted(before - now):
        stale = out_dir / rel
        if len(Path(rel).parts) > 1 and Path(rel).parts[0] in folders and stale.is_file() \
                and not is_in_use(stale):
            stale.unlink()
    kept = {rel for rel in before if (out_dir / rel).is_file()}
    manifest.write_text(json.dumps(sorted(now | kept), ensure_ascii=False, indent=0), encoding="utf-8")


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
