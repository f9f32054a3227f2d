"""Build the Word templates in templates/ with python-docx, so they are reproducible.

    python scripts/make_templates.py [--out FOLDER]   # default: pipeline/templates/ and templates/

The committed .docx files are what staff edit in Word afterwards; run this only to start over.
Tags are docxtpl/Jinja (see docs/templates.md). All templates share one set of styles
(TH SarabunPSK 16 pt, Thai complex-script attributes included), A4, margins 3/2/2.5/2.5 cm.
"""

import argparse
import shutil
import sys
from pathlib import Path

from template_build.amendment import build_amendment
from template_build.announcement import build_announcement
from template_build.district_memo import build_district_memo
from template_build.monitoring_report import build_monitoring_report
from template_build.package import neutral_properties, new_document, prune_package
from template_build.planbook import build_planbook
from template_build.project_sheet import build_project_sheet
from template_build.year_table import build_year_table

ROOT = Path(__file__).resolve().parent.parent


BUILDERS = {
    "announcement.docx": (build_announcement, False),
    "project_sheet.docx": (build_project_sheet, False),
    "year_table.docx": (build_year_table, True),
    "planbook.docx": (build_planbook, False),
    "monitoring_report.docx": (build_monitoring_report, True),
    "district_memo.docx": (build_district_memo, False),
    "amendment.docx": (build_amendment, False),
}


def build_all(out_dir: Path, only: list[str] | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (builder, landscape) in BUILDERS.items():
        if only and name not in only:
            continue
        doc = new_document(landscape)
        builder(doc)
        prune_package(doc)
        neutral_properties(doc, name)
        path = out_dir / name
        doc.save(path)
        written.append(path)
    return written


def main(argv=None) -> int:
    """One source (this script) writes the defaults shipped in the package, then copies them to the
    top-level templates/ that staff edit: the two start byte-identical and cannot drift by hand."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="write only here (default: both folders)")
    parser.add_argument("--only", action="append", choices=sorted(BUILDERS), help="build just this template")
    args = parser.parse_args(argv)
    written = build_all(args.out or ROOT / "pipeline" / "templates", args.only)
    if args.out is None:
        (ROOT / "templates").mkdir(exist_ok=True)
        written += [Path(shutil.copyfile(p, ROOT / "templates" / p.name)) for p in list(written)]
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
