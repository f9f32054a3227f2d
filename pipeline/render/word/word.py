"""Word output: the announcement, each year's table and project sheets, and the plan book.

    render_documents(plan, out_dir) -> [paths written]

Templates live in templates/ (see docs/templates.md). Each is prepared once per call
(pipeline.render.word.docx_fast) and rendered in Jinja's sandbox with autoescape on, so a value such
as `{{7*7}}` or `<b>` in the workbook is printed literally and a template cannot reach Python.

Layout of `out_dir`:
    ประกาศ.docx
    2566/ตาราง 2566.docx
    2566/ลำดับที่ 08 โครงการจัดเวทีประชาคม.docx      (one per project in that year's plan)
    แผนปฏิบัติการป้องกันการทุจริต 2566-2570.docx       (only when every plan year is rendered)

The plan book reproduces the source plan book: announcement, the year tables, then the project
sheets of the plan's first year in ลำดับที่ order (each year folder has that year's sheets), behind
a cover, a คำนำ and a สารบัญ (pipeline.render.book.parts).
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from pipeline import contract as c
from pipeline.errors import PipelineError, TemplateError
from pipeline.model import Plan
from pipeline.render.book.parts import PlanBook, book_part
from pipeline.render.word import word_context as ctx
from pipeline.render.word.balance import balance
from pipeline.render.word.docprops import properties, run_time
from pipeline.render.word.docx_fast import SHIPPED_DIR, PreparedTemplate
from pipeline.render.word.filenames import safe_child, safe_filename, unique_name
from pipeline.render.word.linebreak import printed, wrappable
from pipeline.text.thai import baht_words, budget_phrase, thai_date, thai_digits

# -- the defaults ship inside the package; a checkout's top-level templates/ holds the copies staff
# edit, and each file found there is used instead of the default (see template_folders) --
TEMPLATES_DIR = SHIPPED_DIR
OVERRIDE_DIR = Path(__file__).resolve().parents[3] / "templates"
TEMPLATE_FILES = {
    "announcement": "announcement.docx",
    "year_table": "year_table.docx",
    "project_sheet": "project_sheet.docx",
    "planbook": "planbook.docx",
}
GARUDA_FILE = "garuda.png"
DOC = "word/document.xml"
GARUDA_HEIGHT_CM = 3.0  # ตราครุฑ 3 cm tall, as งานสารบรรณ has it
ANNOUNCEMENT_NAME = "ประกาศ"
NO_EMBLEM = "no-emblem"  # warning code: no garuda.png and no picture pasted in announcement.docx
PLANBOOK_NAME = "แผนปฏิบัติการป้องกันการทุจริต {start}-{end}"


def make_env(all_thai_digits: bool = False) -> SandboxedEnvironment:
    """Sandboxed, autoescaping, strict: a misspelt tag name is an error, not a blank.
    `all_thai_digits`: what the templates compiled here print has Thai digits (render.word.digits)."""
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=printed)
    env.thai_digits = all_thai_digits
    env.filters.update(
        thai=thai_digits,
        thai_date=thai_date,
        baht=budget_phrase,
        baht_words=baht_words,
        balance=balance,
        wrap_urls=wrappable,
    )
    return env


@dataclass
class WordTemplates:
    announcement: PreparedTemplate
    year_table: PreparedTemplate
    project_sheet: PreparedTemplate
    planbook: PreparedTemplate
    garuda: Markup | str = ""
    book_garuda: Markup | str = ""  # the same picture in planbook.docx's package, for a `{{ garuda }}` there
    emblem: str = ""  # "file" (garuda.png), "pasted" (an image in announcement.docx) or ""
    paths: dict[str, Path] = field(default_factory=dict)  # key -> the file each template was read from

    @classmethod
    def load(
        cls, templates_dir: Path | None = None, garuda_path: Path | None = None, all_thai_digits: bool = False
    ) -> "WordTemplates":
        folders = template_folders(templates_dir)
        env = make_env(all_thai_digits)
        paths = {key: _first(folders, name) for key, name in TEMPLATE_FILES.items()}
        for path in paths.values():
            if not path.is_file():
                raise TemplateError(
                    f"ไม่พบแม่แบบ {path.name} ทั้งใน {' และ '.join(map(str, folders))}",
                    hint="ติดตั้งโปรแกรมใหม่ หรือสร้างแม่แบบใหม่ด้วย python scripts/make_templates.py",
                    english=f"template {path.name} is missing from {', '.join(map(str, folders))}",
                    template=path.name,
                )
        garuda_path = garuda_path or next((p for p in (f / GARUDA_FILE for f in folders) if p.is_file()), None)
        # -- each file checked first (a damaged .docx is a TemplateError naming it, exit 4) --
        loaded = {key: PreparedTemplate.load(path, env) for key, path in paths.items()}
        pasted = has_pasted_image(loaded["announcement"])
        garuda = book_garuda = ""
        # -- an image staff pasted into announcement.docx is the emblem; garuda.png is not added too --
        if garuda_path and not pasted:
            package, garuda = with_garuda(paths["announcement"], Path(garuda_path))
            loaded["announcement"] = PreparedTemplate.load(paths["announcement"], env, package)
            if "garuda" in loaded["planbook"].raw[DOC].decode("utf-8", "replace"):  # -- the cover shows it too --
                package, book_garuda = with_garuda(paths["planbook"], Path(garuda_path))
                loaded["planbook"] = PreparedTemplate.load(paths["planbook"], env, package)
        return cls(
            **loaded,
            garuda=garuda,
            book_garuda=book_garuda,
            emblem="pasted" if pasted else "file" if garuda else "",
            paths={**paths, **({"garuda": Path(garuda_path)} if garuda else {})},
        )


def prints_thai_digits(plan: Plan) -> bool:
    """The setting ตัวเลขในเอกสาร chose Thai digits for everything the documents print."""
    return plan.settings.digits == c.DIGITS_THAI


def template_folders(templates_dir: Path | None = None) -> list[Path]:
    """Where templates are looked for, first match wins: `--templates DIR`, the checkout's
    templates/, the package's defaults. A folder holding only the templates staff changed (or only
    garuda.png) therefore takes every other file from the defaults."""
    return ([Path(templates_dir)] if templates_dir else []) + [OVERRIDE_DIR, TEMPLATES_DIR]


def has_pasted_image(template: PreparedTemplate) -> bool:
    """True when the template's body already shows a picture (pasted in Word)."""
    body = template.raw.get(DOC, b"")
    return b"<w:drawing" in body or b"<w:pict" in body


def _first(folders: list[Path], name: str) -> Path:
    """`name` in the first folder that has it (the last folder's path when none has it)."""
    return next((f / name for f in folders if (f / name).is_file()), folders[-1] / name)


def find_template(name: str, templates_dir: Path | None = None) -> Path:
    """A single template (monitoring report, amendment, district memo) by the same search as the
    plan's four; TemplateError when no folder has it."""
    path = _first(template_folders(templates_dir), name)
    if not path.is_file():
        raise TemplateError(
            f"ไม่พบแม่แบบ {path}",
            hint=f"สร้างใหม่ด้วย python scripts/make_templates.py --only {name}",
            english=f"template {path} is missing",
            template=name,
        )
    return path


def find_garuda(templates_dir: Path | None = None) -> Path | None:
    """garuda.png from the first template folder that has it."""
    return next((f / GARUDA_FILE for f in template_folders(templates_dir) if (f / GARUDA_FILE).is_file()), None)


def with_garuda(template: Path, image: Path, height_cm: float = GARUDA_HEIGHT_CM) -> tuple[bytes, Markup]:
    """The template's package with the image added, and the run XML for `{{ garuda }}`
    (what docxtpl's InlineImage prints, made once instead of per document)."""
    from docx import Document
    from docx.shared import Cm

    try:
        doc = Document(str(template))
        inline = doc.part.new_pic_inline(str(image), None, Cm(height_cm))
    except Exception as exc:  # python-docx raises several types for a bad image
        raise PipelineError(
            f"ใช้รูปครุฑ {image} ไม่ได้: {exc}", hint="ใช้ไฟล์ .png หรือ .jpg", english=f"cannot use Garuda image {image}"
        ) from exc
    buf = io.BytesIO()
    doc.save(buf)
    drawing = inline.xml.split("?>", 1)[-1]
    run = f'</w:t></w:r><w:r><w:drawing>{drawing}</w:drawing></w:r><w:r><w:t xml:space="preserve">'
    return buf.getvalue(), Markup(run)


def render_documents(
    plan: Plan,
    out_dir: Path,
    years: list[int] | None = None,
    templates_dir: Path | None = None,
    garuda_path: Path | None = None,
    book_out: list | None = None,
    notices: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    sources: dict | None = None,
) -> list[Path]:
    """Write every Word document for `plan` (or only `years`) into `out_dir`; return the paths.

    `notices` (a list) receives warning codes: NO_EMBLEM when the announcement has no Garuda.
    `sources` (a dict) receives each template's file name -> the file it was read from.

    When the plan book is written and `book_out` is a list, it receives the book as a
    pipeline.render.book.parts.PlanBook (its PDF is assembled from its parts' PDFs, see make_pdfs).
    `progress(done, total)` is called after each document."""
    out_dir = Path(out_dir)
    plan_years = plan.settings.years
    chosen = plan.chosen_years(years)
    # -- a project without details has no sheet yet: the run reports it as one still to fill in --
    sheets = {year: [(p, b) for p, b in ctx.sheets_for_year(plan, year) if ctx.has_details(p)] for year in chosen}
    total = 1 + sum(1 + len(v) for v in sheets.values()) + (chosen == plan_years)
    tick = (lambda: progress(len(written), total)) if progress else (lambda: None)
    tpl = WordTemplates.load(templates_dir, garuda_path, all_thai_digits=prints_thai_digits(plan))
    if sources is not None:
        sources.update({path.name: path for path in tpl.paths.values()})
    if notices is not None and not tpl.emblem:
        notices.append(NO_EMBLEM)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    taken: set[str] = set()
    org, now = plan.settings.organisation, run_time()
    ann_xml = tpl.announcement.render(ctx.announcement_context(plan, tpl.garuda))
    title = f"{ANNOUNCEMENT_NAME}{org} เรื่อง {plan.settings.plan_title}"
    written.append(_save(tpl.announcement, ann_xml, out_dir, ANNOUNCEMENT_NAME, taken, properties(title, org, now)))
    tick()
    book = PlanBook(tpl.planbook, plan, out_dir, garuda=tpl.book_garuda)
    book.parts.append(book_part(tpl.announcement, ann_xml, written[0], "announcement", plan_years[0]))
    sheet_parts = []  # the first plan year's project sheets follow all the year tables
    for year in chosen:
        folder = out_dir / str(year)
        folder.mkdir(exist_ok=True)
        year_taken: set[str] = set()
        table_xml = tpl.year_table.render(ctx.year_table_context(plan, year))
        title = f"{plan.settings.plan_title} พ.ศ. {year}"
        written.append(
            _save(tpl.year_table, table_xml, folder, f"ตาราง {year}", year_taken, properties(title, org, now))
        )
        book.parts.append(book_part(tpl.year_table, table_xml, written[-1], "table", year))
        tick()
        for project, budget in sheets[year]:
            sheet_xml = tpl.project_sheet.render(ctx.project_sheet_context(project, year, budget))
            name = f"ลำดับที่ {project.seq:02d} {project.name}"
            written.append(
                _save(
                    tpl.project_sheet,
                    sheet_xml,
                    folder,
                    name,
                    year_taken,
                    properties(f"ลำดับที่ {thai_digits(project.seq)} {project.name}", org, now),
                )
            )
            tick()
            if year == plan_years[0]:
                sheet_parts.append(
                    book_part(tpl.project_sheet, sheet_xml, written[-1], "sheet", year, project.seq, project.name)
                )
    if chosen == plan_years:
        name = PLANBOOK_NAME.format(start=plan_years[0], end=plan_years[-1])
        book.target = safe_child(out_dir, unique_name(safe_filename(name, suffix=".docx"), taken))
        book.parts += sheet_parts
        years = f"พ.ศ. {thai_digits(plan_years[0])} - {thai_digits(plan_years[-1])}"
        book.props = properties(f"{plan.settings.plan_title} ({years})", org, now)
        written.append(book.write_docx())
        tick()
        if book_out is not None:
            book_out.append(book)
    return written


def _save(
    template: PreparedTemplate, rendered: dict, folder: Path, name: str, taken: set[str], props: dict[str, bytes]
) -> Path:
    target = safe_child(folder, unique_name(safe_filename(name, suffix=".docx"), taken))
    return template.write(target, rendered, replace=props)
