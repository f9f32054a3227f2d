"""Snapshot an outputs folder's content, to prove a refactor changes no output.

    .venv/bin/python bench/snapshot_outputs.py dump OUTDIR -o snap.json
    .venv/bin/python bench/snapshot_outputs.py diff before.json after.json   # exit 1 if they differ

Per file (relative path), a list of (location, value) entries in document order:
- .docx: every paragraph's text in the body, in tables cell by cell (nested tables too), and in
  each section's own headers and footers; a paragraph's field codes and link addresses as extra entries;
- .xlsx: sheet names; per sheet its print setup, and each non-empty cell as
  [value with formulas, cached value];
- .pdf: page count (pypdf) and `pdftotext -layout` text per page;
- anything else: sha256 of the bytes.
Ignored: .pipeline-outputs.json (the run's list of outputs). Nothing run-dependent is read:
docProps (creation/modification times), PDF metadata (CreationDate, document ID) and the
file bytes of .docx/.xlsx/.pdf never enter a snapshot.
"""

import datetime as dt
import hashlib
import json
import subprocess
import sys
from itertools import zip_longest
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from openpyxl import load_workbook
from pypdf import PdfReader

IGNORED = {".pipeline-outputs.json"}
HEADERS_FOOTERS = ("header", "first_page_header", "even_page_header", "footer", "first_page_footer", "even_page_footer")


def blocks(container, where: str):
    """Paragraph texts of a body, cell, header or footer in order; tables descend cell by cell."""
    for i, item in enumerate(container.iter_inner_content()):
        if isinstance(item, Table):
            for r, row in enumerate(item.rows):
                for c, tc in enumerate(row._tr.tc_lst):  # the real cells, a merged one once
                    yield from blocks(_Cell(tc, item), f"{where}/t{i}r{r}c{c}")
        else:
            yield f"{where}/p{i}", item.text
            fields = "".join(t.text or "" for t in item._p.iter(qn("w:instrText"))).strip()
            if fields:
                yield f"{where}/p{i}/field", fields
            for link in item.hyperlinks:
                yield f"{where}/p{i}/link", link.address


def docx_entries(path: Path):
    doc = Document(str(path))
    yield from blocks(doc, "body")
    for s, section in enumerate(doc.sections):
        for name in HEADERS_FOOTERS:
            part = getattr(section, name)
            if not part.is_linked_to_previous:  # a section's own header/footer only
                yield from blocks(part, f"s{s}.{name}")


def plain(value):
    """A JSON-able value, keeping the type visible where JSON would lose it."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        return f"{type(value).__name__}:{value}"
    return f"{type(value).__name__}:{getattr(value, 'ref', '')}:{getattr(value, 'text', value)}"


def print_setup(ws) -> dict:
    ps, m = ws.page_setup, ws.page_margins
    fit = ws.sheet_properties.pageSetUpPr
    hf = {
        f"{k}.{side}": getattr(getattr(ws, k), side).text
        for k in ("oddHeader", "oddFooter")
        for side in ("left", "center", "right")
    }
    return {
        "state": ws.sheet_state,
        "orientation": ps.orientation,
        "paperSize": ps.paperSize,
        "scale": ps.scale,
        "fitToWidth": ps.fitToWidth,
        "fitToHeight": ps.fitToHeight,
        "fitToPage": fit.fitToPage if fit else None,
        "print_area": ws.print_area,
        "print_titles": [ws.print_title_rows, ws.print_title_cols],
        "margins": [m.left, m.right, m.top, m.bottom, m.header, m.footer],
        "charts": len(ws._charts),
        "images": len(ws._images),
        **hf,
    }


def xlsx_entries(path: Path):
    formulas, cached = load_workbook(path), load_workbook(path, data_only=True)
    yield "sheets", formulas.sheetnames
    for ws in formulas:
        values = cached[ws.title]
        yield f"{ws.title}:print", print_setup(ws)
        for row in ws.iter_rows():
            for cell in row:
                value, result = cell.value, values[cell.coordinate].value
                if value is not None or result is not None:
                    yield f"{ws.title}!{cell.coordinate}", [plain(value), plain(result)]


def pdf_entries(path: Path):
    yield "pages", len(PdfReader(path).pages)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout.decode(
        "utf-8"
    )
    for n, page in enumerate(text.split("\f")[:-1], 1):  # every page ends with a form feed
        yield f"page {n}", page


def dump(folder: Path) -> dict:
    readers = {".docx": docx_entries, ".xlsx": xlsx_entries, ".pdf": pdf_entries}
    snap = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in IGNORED):
        read = readers.get(path.suffix.lower())
        entries = read(path) if read else [("sha256", hashlib.sha256(path.read_bytes()).hexdigest())]
        snap[path.relative_to(folder).as_posix()] = [[loc, value] for loc, value in entries]
    return snap


def short(entry) -> str:
    if entry is None:
        return "(nothing)"
    text = json.dumps(entry[1], ensure_ascii=False)
    return f"{entry[0]}: {text if len(text) <= 160 else text[:157] + '...'}"


def diff(a: dict, b: dict) -> int:
    """Print the differences, one block per file; return how many files differ."""
    differing = 0
    for name in sorted(a.keys() | b.keys()):
        if name not in b or name not in a:
            print(f"{'missing' if name not in b else 'added'}: {name}")
            differing += 1
            continue
        pairs = [(x, y) for x, y in zip_longest(a[name], b[name]) if x != y]
        if not pairs:
            continue
        differing += 1
        print(f"differs: {name} ({len(pairs)} entries; {len(a[name])} -> {len(b[name])})")
        pages = [(x, y) for x, y in pairs if x and y and x[0] == y[0] == "pages"]
        for x, y in pages[:1] + [p for p in pairs if p not in pages][:1]:
            print(f"  - {short(x)}\n  + {short(y)}")
    print(f"{len(a.keys() | b.keys())} files, {differing} differ", file=sys.stderr)
    return differing


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "dump" and argv[2] == "-o":
        snap = dump(Path(argv[1]))
        Path(argv[3]).write_text(json.dumps(snap, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(snap)} files -> {argv[3]}", file=sys.stderr)
        return 0
    if len(argv) == 3 and argv[0] == "diff":
        a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:])
        return 1 if diff(a, b) else 0
    print(__doc__.split("\n\n")[1], file=sys.stderr)  # the usage lines
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
