"""Every file the district received: a folder and its sub-folders, single files, and `.zip` files
(e-mail attachments), the zips unpacked safely into a temporary folder.

    found = collect([Path("ส่งมา")], work, skip={Path("district.xlsx")})
    found.files    -> [Found(name="อบต.ก/ส่งทางอีเมล.zip/master.xlsx", path=work/…/master.xlsx, mtime=…)]
    found.problems -> a .docx skipped, a damaged zip, …

Zip safety: a member is never written where its name points: it goes to a new numbered folder of
`work` under its own base name only (no "../", no absolute path, no drive). The sizes declared by
the archive are checked against the limits of the master's safe opener before anything is
unpacked (zipfile never inflates a member beyond its declared size: it fails the CRC), and a
member is copied with a byte budget. Skipped quietly: `__MACOSX/` and `._*` (a Mac's resource
forks), `~$…` and `.~lock…#` (Excel's and LibreOffice's lock files), `Thumbs.db`, `desktop.ini`,
hidden files.
"""

import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from pipeline.district.problems import DistrictProblem, district_problem
from pipeline.workbook.io import MAX_MEMBERS, MAX_PART, MAX_RATIO, MAX_UNPACKED

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
ZIP_SUFFIX = ".zip"
JUNK_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
MAX_ZIP_TOTAL = MAX_UNPACKED  # -- a whole attachment: at most what one workbook may unpack to --
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


@dataclass(frozen=True)
class Found:
    name: str  # as the district sees it, relative to the folder given: "อบต.ก/ส่งทางอีเมล.zip/master.xlsx"
    path: Path  # where it can be read now (inside `work` for a zip member)
    mtime: float  # the file's time (a zip member's own date): breaks a tie between two submissions


@dataclass
class Collected:
    files: list[Found] = field(default_factory=list)
    problems: list[DistrictProblem] = field(default_factory=list)
    seen: int = 0  # files looked at, junk excluded (empty folder: 0)
    unpacked: int = 0  # zip members written to `work`, each in its own numbered folder


def collect(sources: list[Path], work: Path, skip: set[Path] = frozenset()) -> Collected:
    """Workbooks in `sources` (folders walked recursively, files, zips), in a stable order.
    `skip`: paths never taken as submissions (the roll-up's own outputs, the list of names)."""
    out = Collected()
    skip = {_resolved(p) for p in skip}
    for source in sources:
        source = Path(source)
        if source.is_dir():
            base = source
            for path in _walk(source):
                if _resolved(path) not in skip:
                    _take(path, _shown(path, base), work, out)
        elif _resolved(source) not in skip:
            _take(source, source.name, work, out)
    return out


def is_junk(name: str) -> bool:
    base = PurePosixPath(name.replace("\\", "/")).name
    return (
        not base
        or base.lower() in JUNK_NAMES
        or base.startswith(("~$", ".~lock", "._", "."))
        or "__MACOSX" in name.replace("\\", "/").split("/")
    )


def _walk(folder: Path):
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not is_junk(d))
        for name in sorted(files):
            if not is_junk(name):
                yield Path(root) / name


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.name


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path).absolute()


def _take(path: Path, shown: str, work: Path, out: Collected) -> None:
    suffix = path.suffix.lower()
    out.seen += 1
    if suffix in WORKBOOK_SUFFIXES:
        out.files.append(Found(shown, path, _mtime(path)))
    elif suffix == ZIP_SUFFIX:
        _unzip(path, shown, work, out)
    else:
        out.problems.append(district_problem("file-not-workbook", shown))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _unzip(path: Path, shown: str, work: Path, out: Collected) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if not i.is_dir() and not is_junk(_member_name(i))]
            refused = _refused(members)
            if refused:
                out.problems.append(district_problem("zip-too-big", shown, size=f"{refused // (1024 * 1024):,}"))
                return
            for info in members:
                _member(archive, info, f"{shown}/{_member_name(info)}", work, out)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as exc:
        out.problems.append(district_problem("zip-unreadable", shown, error=type(exc).__name__))


def _refused(members: list[zipfile.ZipInfo]) -> int:
    """The declared unpacked size when the archive is beyond the limits, else 0."""
    total = sum(i.file_size for i in members)
    ratio = any(i.file_size > 1024 * 1024 and i.file_size / max(i.compress_size, 1) > MAX_RATIO for i in members)
    too_big = total > MAX_ZIP_TOTAL or len(members) > MAX_MEMBERS or any(i.file_size > MAX_PART for i in members)
    return max(total, 1) if too_big or ratio else 0


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str, work: Path, out: Collected) -> None:
    suffix = PurePosixPath(_member_name(info)).suffix.lower()
    out.seen += 1
    if suffix == ZIP_SUFFIX:
        out.problems.append(district_problem("zip-nested", shown))
        return
    if suffix not in WORKBOOK_SUFFIXES:
        out.problems.append(district_problem("file-not-workbook", shown))
        return
    if info.flag_bits & 0x1:
        out.problems.append(district_problem("zip-encrypted", shown))
        return
    out.unpacked += 1
    folder = work / f"{out.unpacked:05d}"
    folder.mkdir(parents=True)
    target = folder / _safe_base(_member_name(info))
    with archive.open(info) as src, target.open("wb") as dst:
        # -- the declared size is the budget (plus one byte, to notice a lie); the CRC check fails a lie --
        copied = _copy_limited(src, dst, info.file_size + 1)
    if copied > info.file_size:
        raise zipfile.BadZipFile("member larger than declared")
    when = datetime(*info.date_time).timestamp() if info.date_time[0] >= 1980 else 0.0
    out.files.append(Found(shown, target, when))


def _copy_limited(src, dst, budget: int) -> int:
    copied = 0
    while copied < budget and (chunk := src.read(min(1024 * 1024, budget - copied))):
        dst.write(chunk)
        copied += len(chunk)
    return copied


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its sender saw it: Windows' zip tools store Thai names in the Thai code
    page (cp874) without the UTF-8 flag, which zipfile reads as cp437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            return name
        for encoding in ("utf-8", "cp874"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    return name


def _safe_base(name: str) -> str:
    """The member's base name only, with no character a file system refuses; never empty."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip(" .") or "submission.xlsx"
    return base[-150:]


def remove_work(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
