"""The ITA progress reports in Word: one per fiscal year and round that has monitoring rows.

    outputs/2566/รายงานการกำกับติดตาม รอบ 6 เดือน 2566.docx   (ITA 2566: O37)
    outputs/2566/รายงานผลการดำเนินการ ประจำปี 2566.docx        (ITA 2566: O38)

Same machinery as the other documents (pipeline.render.word.word): a docxtpl template (templates/
first, then the package's default)
prepared once, rendered in the sandbox; PDFs are made with the others by `pipeline run`.
"""

from pathlib import Path

from pipeline.model import Plan
from pipeline.monitor.aggregate import RoundSummary
from pipeline.render.word.docprops import properties, run_time
from pipeline.render.word.docx_fast import PreparedTemplate
from pipeline.render.word.filenames import safe_child, safe_filename
from pipeline.render.word.hyperlinks import relationships
from pipeline.render.word.monitoring_context import report_context
from pipeline.render.word.word import find_template, make_env, prints_thai_digits

TEMPLATE_FILE = "monitoring_report.docx"
FILE_NAMES = {6: "รายงานการกำกับติดตาม รอบ 6 เดือน {year}", 12: "รายงานผลการดำเนินการ ประจำปี {year}"}


def report_name(year: int, round_: int) -> str:
    return FILE_NAMES[round_].format(year=year)


def render_reports(
    plan: Plan, summaries: list[RoundSummary], out_dir: Path, templates_dir: Path | None = None
) -> list[Path]:
    """One .docx per summary in out_dir/YYYY/; returns the paths."""
    if not summaries:
        return []
    # -- a --templates folder made for the plan's four templates may lack this one: then the defaults --
    path = find_template(TEMPLATE_FILE, templates_dir)
    template = PreparedTemplate.load(path, make_env(prints_thai_digits(plan)))
    organisation, now = plan.settings.organisation, run_time()
    written = []
    for s in summaries:
        folder = Path(out_dir) / str(s.year)
        folder.mkdir(parents=True, exist_ok=True)
        target = safe_child(folder, safe_filename(report_name(s.year, s.round), suffix=".docx"))
        rendered = template.render(report_context(plan, s))
        # -- its own title and the organisation as author, in the .docx and so in the PDF on the ITA page --
        props = properties(f"{report_name(s.year, s.round)} {organisation}", organisation, now)
        written.append(template.write(target, rendered, replace={**relationships(template, rendered), **props}))
    return written
