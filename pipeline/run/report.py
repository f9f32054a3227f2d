"""What a run made and what its codes mean, in the words staff read: shared by the command line
(pipeline.cli) and the web page (pipeline.web), which both call the library and never each other."""

import re
from pathlib import Path

from pipeline.office import soffice as office
from pipeline.render.word.word import NO_EMBLEM, OVERRIDE_DIR
from pipeline.run import job as run

# -- what the codes in RunResult mean, in the words staff read --
PDF_SKIPPED = {
    run.NO_PDF_REQUESTED: "ข้ามการสร้าง PDF และการคำนวณสูตรล่วงหน้าตามที่สั่ง (--no-pdf)",
    run.LIBREOFFICE_MISSING: "ไม่พบ LibreOffice: ข้ามการสร้าง PDF และการคำนวณสูตรล่วงหน้า. " + office.INSTALL_HINT,
}


def empty_sheet_notes(result: run.RunResult) -> list[str]:
    """The projects whose sheets were not made because they have no details yet (CLI and web)."""
    if not result.empty_sheets:
        return []
    return [
        f"ยังไม่มีรายละเอียด {len(result.empty_sheets)} โครงการ จึงยังไม่ได้สร้างเอกสารโครงการ (กรอกในแผ่นงาน โครงการ แล้วสั่งใหม่):",
        *(f"  - ลำดับที่ {p['seq']} {p['name']} ({p['code']})" for p in result.empty_sheets),
    ]


def pdf_pages(path: Path) -> int | None:
    """Page count read from the PDF's page objects (LibreOffice writes them uncompressed)."""
    count = len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))
    return count or None


def file_kind(path: Path) -> str:
    return {".docx": "Word", ".pdf": "PDF", ".xlsx": "Excel"}.get(path.suffix, path.suffix)


def outcome_rows(files: list[Path], out_dir: Path) -> list[dict]:
    """Top-level files first, then one row per year folder: how many Word, PDF and Excel files,
    and the PDFs' pages (the CLI's table and the web page's)."""
    groups: dict[str, list[Path]] = {}
    for path in files:
        rel = path.relative_to(out_dir)
        key = rel.stem if len(rel.parts) == 1 else rel.parts[0] + "/"
        groups.setdefault(key, []).append(path)
    rows = []
    for key in sorted(groups, key=lambda k: (k.endswith("/"), k)):
        group = groups[key]
        counts = {k.lower(): sum(1 for p in group if file_kind(p) == k) for k in ("Word", "PDF", "Excel")}
        rows.append({"name": key, **counts, "pages": sum(pdf_pages(p) or 0 for p in group if p.suffix == ".pdf")})
    return rows


def outcome_notes(result: run.RunResult, workbook, templates=None) -> list[tuple[str, str]]:
    """(style, sentence) for each code in the result that staff should read."""
    notes = [("yellow" if i == 0 else "", line) for i, line in enumerate(empty_sheet_notes(result))]
    if NO_EMBLEM in result.notices:
        folder = templates or OVERRIDE_DIR.name
        notes.append(
            (
                "yellow",
                f"คำเตือน ({NO_EMBLEM}): ประกาศยังไม่มีตราครุฑ (เว้นที่ว่าง ๓ ซม. ไว้): "
                f"วางรูปชื่อ garuda.png ไว้ในโฟลเดอร์ {folder} หรือวางรูปครุฑใน "
                f"announcement.docx ด้วย Word แล้วสั่งใหม่",
            )
        )
    if result.pdf_skipped:
        notes.append(("yellow", PDF_SKIPPED[result.pdf_skipped]))
    if templates:  # -- a --templates folder may hold only some files: say which came from where --
        folders: dict[Path, list[str]] = {}
        for name, path in sorted(result.templates.items()):
            folders.setdefault(Path(path).parent, []).append(name)
        used = "; ".join(f"{', '.join(names)} จาก {folder}" for folder, names in folders.items())
        notes.append(("", f"แม่แบบที่ใช้: {used}"))
    wb = result.write_back
    if wb and wb.error:
        notes.append(("", f"ไม่ได้เขียนกลับ: {wb.error}"))
    elif wb:
        note = (
            ""
            if wb.recalculated
            else (
                " (ไม่ได้คำนวณสูตรล่วงหน้าตามที่สั่ง --no-pdf: Excel คำนวณเมื่อเปิดไฟล์)"
                if result.pdf_skipped == run.NO_PDF_REQUESTED
                else " (ไม่ได้คำนวณสูตร: ไม่พบ LibreOffice)"
            )
        )
        notes.append(("", f"เขียนตารางสรุปกลับใน {workbook.name} แล้ว สำรองไฟล์เดิมไว้ที่ {wb.backup.name}{note}"))
    return notes
