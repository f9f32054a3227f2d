"""`outputs/เผยแพร่/`: what the organisation puts on its ITA web page.

The plan PDF and each monitoring report PDF, copied under names that start with the ITA
indicator code of the settings (`O36 แผนปฏิบัติการป้องกันการทุจริต 2566-2570.pdf`), and an
`index.html` in Thai linking them with their dates. The page is self-contained (inline style,
no scripts, fonts, images or links outside the folder) so it can be uploaded as it is.
"""
import html
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from pipeline import contract as c
from pipeline.model import Plan
from pipeline.monitor.aggregate import RoundSummary
from pipeline.monitor.model import ita_code, round_title
from pipeline.render.word.filenames import safe_filename
from pipeline.render.word.monitoring_report import report_name
from pipeline.render.word.word import PLANBOOK_NAME
from pipeline.thai import thai_date, thai_digits

INDEX = "index.html"
STYLE = """body{font-family:"TH SarabunPSK","Sarabun",sans-serif;font-size:18px;margin:2em;color:#222}
h1{font-size:1.6em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.4em .6em;
text-align:left;vertical-align:top}th{background:#ddebf7}td.code{white-space:nowrap;font-weight:bold}"""


@dataclass
class Entry:
    code: str
    title: str
    source: Path           # the PDF in the outputs
    day: date | None
    name: str = ""         # file name in the publish folder


def publish_folder(plan: Plan, summaries: list[RoundSummary], out_dir: Path, *, with_plan: bool) -> list[Path]:
    """Write the folder from the PDFs already in `out_dir`; returns the files written."""
    st = plan.settings
    entries = []
    book = PLANBOOK_NAME.format(start=st.start_year, end=st.end_year)
    if with_plan:
        entries.append(Entry(ita_code(st, None), f"{st.plan_title} พ.ศ. {thai_digits(st.start_year)}–"
                             f"{thai_digits(st.end_year)}", out_dir / f"{book}.pdf", st.announce_date))
        entries[-1].name = f"{book}.pdf"
    for s in summaries:
        tail = " รอบ 6 เดือน" if s.round == 6 else ""
        entry = Entry(ita_code(st, s.round), f"{round_title(s.round)} พ.ศ. {thai_digits(s.year)}"
                      f"{' รอบ ๖ เดือน' if s.round == 6 else ''}",
                      out_dir / str(s.year) / f"{report_name(s.year, s.round)}.pdf", s.report_date)
        entry.name = f"{round_title(s.round)} {s.year}{tail}.pdf"
        entries.append(entry)
    entries = [e for e in entries if e.source.is_file()]
    if not entries:
        return []
    folder = out_dir / c.PUBLISH_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for e in entries:
        e.name = safe_filename(f"{e.code} {e.name}".strip().removesuffix(".pdf"), suffix=".pdf")
        shutil.copyfile(e.source, folder / e.name)
        written.append(folder / e.name)
    (folder / INDEX).write_text(index_html(st.organisation, entries), encoding="utf-8")
    return [*written, folder / INDEX]


def index_html(organisation: str, entries: list[Entry]) -> str:
    rows = []
    for e in entries:
        size = (e.source.stat().st_size + 1023) // 1024
        day = thai_date(e.day) if e.day else "-"
        rows.append(f'<tr><td class="code">{html.escape(e.code or "-")}</td>'
                    f'<td><a href="{quote(e.name)}">{html.escape(e.title)}</a> (PDF {thai_digits(f"{size:,}")} KB)</td>'
                    f"<td>{html.escape(day)}</td></tr>")
    org = html.escape(organisation)
    return ("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>การป้องกันการทุจริต: แผนและรายงาน – {org}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"<h1>แผนและรายงานผลการดำเนินการป้องกันการทุจริต</h1>\n<p>{org}</p>\n"
            "<table>\n<thead><tr><th>ตัวชี้วัด ITA</th><th>เอกสาร</th><th>วันที่</th></tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>\n</body>\n</html>\n")
