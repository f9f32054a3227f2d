"""What a finished run offers: one zip of its files (the layout of outputs/, UTF-8 names) and
links to the few files staff open alone (a district's roll-up: district.xlsx and the memo)."""

import shutil
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import quote

from pipeline.district.job import memo_path
from pipeline.render.word.filenames import safe_filename
from pipeline.render.word.word import ANNOUNCEMENT_NAME, PLANBOOK_NAME
from pipeline.run.job import SUMMARY_NAME, VALIDATION_NAME

ZIP_DISK_NAME = "outputs.zip"
DISTRICT_XLSX = "district.xlsx"
DISTRICT_ZIP_NAME = "รวมผลระดับอำเภอ.zip"
UTF8_NAMES = 0x800  # general-purpose bit 11: the entry's name is UTF-8 (Windows Explorer reads Thai)


def zip_name(organisation: str, years: list[int]) -> str:
    """Named after the organisation and the years the run made (one year: that year alone)."""
    years = "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    return safe_filename(f"แผนปฏิบัติการป้องกันการทุจริต {organisation} {years}", 120, suffix=".zip")


class _Utf8Info(zipfile.ZipInfo):
    """Python flags UTF-8 only on non-ASCII names and clears flag_bits when an entry is opened for
    writing; this sets the flag on every entry (summary.xlsx too) where the name is encoded."""

    __slots__ = ()

    def _encodeFilenameFlags(self):
        return self.filename.encode("utf-8"), self.flag_bits | UTF8_NAMES


def write_zip(files: dict[str, Path], target: Path) -> Path:
    """Every manifest file under its relative name, each entry's name flagged UTF-8. Written to a
    file of its own first, so a second writer (or a reader) never meets a half-written zip."""
    handle, name = tempfile.mkstemp(prefix=target.name + ".", suffix=".part", dir=target.parent)
    partial = Path(name)
    try:
        with open(handle, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
            for rel in sorted(files):
                info = _Utf8Info.from_file(files[rel], arcname=rel)
                info.compress_type = zipfile.ZIP_DEFLATED
                with files[rel].open("rb") as source, archive.open(info, "w") as entry:
                    shutil.copyfileobj(source, entry, 1024 * 1024)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def file_url(run_id: str, rel: str) -> str:
    return f"/api/runs/{run_id}/files/{quote(rel)}"


def highlights(run_id: str, files: dict[str, Path]) -> dict:
    """Links to the announcement's PDF, the plan book's PDF, summary.xlsx and validation.xlsx
    (None for what this run did not make)."""
    book_prefix = PLANBOOK_NAME.split("{")[0]
    top = [rel for rel in files if "/" not in rel]
    pick = {
        "announcement": f"{ANNOUNCEMENT_NAME}.pdf",
        "planbook": next((r for r in top if r.startswith(book_prefix) and r.endswith(".pdf")), None),
        "summary": SUMMARY_NAME,
        "validation": VALIDATION_NAME,
    }
    return {key: file_url(run_id, rel) if rel in files else None for key, rel in pick.items()}


def district_links(run_id: str, files: dict[str, Path]) -> dict:
    """A district's roll-up: district.xlsx and the memo (Word, PDF); None for what it did not make."""
    memo = memo_path(Path(DISTRICT_XLSX))
    pick = {"district": DISTRICT_XLSX, "memo_docx": memo.name, "memo_pdf": memo.with_suffix(".pdf").name}
    return {key: file_url(run_id, rel) if rel in files else None for key, rel in pick.items()}
