"""What openpyxl would silently drop from a workbook, found by reading the zip before loading it.

An allow-list, not a deny-list: every part must be one openpyxl reads and writes back (sheets,
styles, shared strings, theme, comments, tables, external links, document properties). Anything
else is reported with the sheet that shows it, so staff learn what would be lost and where.
"""

import posixpath
import re
import zipfile

from defusedxml import ElementTree

from pipeline import ooxml
from pipeline.ooxml import clark

SAFE_PARTS = tuple(
    re.compile(p)
    for p in (
        r"\[Content_Types\]\.xml",
        r"_rels/\.rels",
        r"docProps/(app|core|custom)\.xml",
        r"xl/workbook\.xml",
        r"xl/_rels/workbook\.xml\.rels",
        r"xl/styles\.xml",
        r"xl/sharedStrings\.xml",
        r"xl/theme/theme\d+\.xml",
        r"xl/worksheets/sheet\d+\.xml",
        r"xl/worksheets/_rels/sheet\d+\.xml\.rels",
        r"xl/comments\d*\.xml",
        r"xl/comments/comment\d+\.xml",
        r"xl/tables/table\d+\.xml",
        r"xl/externalLinks/externalLink\d+\.xml",
        r"xl/externalLinks/_rels/externalLink\d+\.xml\.rels",
        # -- rebuilt by Excel on open / printer-driver blobs; page setup itself lives in the sheet XML --
        r"xl/calcChain\.xml",
        r"xl/printerSettings/printerSettings\d+\.bin",
    )
)
# -- legacy VML drawings are safe only when every shape is a comment box (openpyxl rebuilds those) --
VML = re.compile(r"xl/drawings/(vmlDrawing|commentsDrawing)\d+\.vml")
RELS = re.compile(r"(.*/)?_rels/[^/]+\.rels")
DRAWING = re.compile(r"xl/drawings/drawing\d+\.xml")
KINDS_DRAWING = "รูปร่าง/กล่องข้อความ"
KINDS = (  # first match wins: (pattern, Thai description)
    (r"xl/media/", "รูปภาพ"),
    (r"xl/charts/|xl/chartsheets/", "แผนภูมิ"),
    (r"xl/drawings/.*\.vml", "ปุ่มหรือรูปร่างแบบเก่า (VML)"),
    (r"vbaProject\.bin|xl/vba", "มาโคร (VBA)"),
    (r"xl/ctrlProps/|xl/activeX/", "ตัวควบคุมฟอร์ม/ActiveX"),
    (r"xl/embeddings/", "วัตถุที่ฝังไว้ (OLE)"),
    (r"xl/threadedComments/|xl/persons/", "ความคิดเห็นแบบเธรด"),
    (r"xl/pivot", "PivotTable"),
    (r"xl/slicer|xl/timeline", "ตัวแบ่งส่วนข้อมูล (Slicer/Timeline)"),
    (r"xl/diagrams/", "SmartArt"),
    (r"xl/connections\.xml|xl/queryTables/", "การเชื่อมต่อข้อมูลภายนอก"),
    (r"xl/metadata\.xml|xl/richData/", "สูตรอาร์เรย์แบบไดนามิก/ข้อมูลชนิดพิเศษ"),
    (r"customXml/", "ข้อมูล XML ที่กำหนดเอง"),
)
REL_NS, MAIN_NS, DOC_REL_NS = clark(ooxml.PR), clark(ooxml.SML), clark(ooxml.R)


def unsupported_parts(path) -> list[str]:
    """Thai lines like "ชีต 'โครงการ': รูปภาพ" for each kind of content openpyxl would lose.
    `path`: a file, or its bytes in a BytesIO."""
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        # -- a relationship file follows its part: the part itself is what gets judged --
        risky = [n for n in names if not _safe(zf, n) and not RELS.fullmatch(n)]
        if not risky:
            return []
        owners = _owning_sheets(zf, set(names))
        found: dict[str, set[str]] = {}
        for name in risky:
            kind = _kind(zf, name, set(names))
            if kind:
                where = ", ".join(f"'{s}'" for s in sorted(owners.get(name, ())))
                found.setdefault(f"ชีต {where}" if where else "ทั้งสมุดงาน", set()).add(kind)
    return [f"{where}: {', '.join(sorted(kinds))}" for where, kinds in sorted(found.items())]


def _safe(zf: zipfile.ZipFile, name: str) -> bool:
    if any(p.fullmatch(name) for p in SAFE_PARTS):
        return True
    if VML.fullmatch(name):
        text = zf.read(name).decode("utf-8", errors="replace")
        kinds = re.findall(r'ObjectType\s*=\s*"([^"]*)"', text)
        return bool(kinds) and all(k == "Note" for k in kinds)
    return False


def _kind(zf: zipfile.ZipFile, name: str, names: set[str]) -> str | None:
    if DRAWING.fullmatch(name):
        # -- a drawing only holds the anchors of pictures/charts (reported as such) unless it
        #    also draws shapes or text boxes itself --
        xml = zf.read(name)
        shapes = re.search(rb"<(\w+:)?(sp|grpSp|cxnSp)[ >]", xml)
        # -- LibreOffice Calc writes an empty drawing beside an AutoFilter: no anchor, nothing to lose --
        anchors = re.search(rb"<(\w+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor)[ >/]", xml)
        return KINDS_DRAWING if shapes or (anchors and not _targets(zf, names, name)) else None
    for pattern, label in KINDS:
        if re.match(pattern, name):
            return label
    return f"ส่วนที่ไม่รู้จัก ({name})"


def _owning_sheets(zf: zipfile.ZipFile, names: set[str]) -> dict[str, set[str]]:
    """part name -> titles of the sheets that reach it through relationships (drawing -> image)."""
    owners: dict[str, set[str]] = {}
    for title, part in sheet_parts(zf, names).items():
        stack, seen = [part], set()
        while stack:
            current = stack.pop()
            for target in _targets(zf, names, current):
                if target not in seen:
                    seen.add(target)
                    owners.setdefault(target, set()).add(title)
                    stack.append(target)
    return owners


def sheet_parts(zf, names) -> dict[str, str]:
    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    except (KeyError, ElementTree.ParseError):
        return {}
    rels = {r.get("Id"): t for r, t in _rels(zf, names, "xl/workbook.xml")}
    sheets = book.iter(f"{MAIN_NS}sheet")
    return {s.get("name"): rels.get(s.get(f"{DOC_REL_NS}id"), "") for s in sheets}


def _targets(zf, names, part: str) -> list[str]:
    return [t for _, t in _rels(zf, names, part) if t in names]


def _rels(zf, names, part: str):
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in names:
        return []
    try:
        root = ElementTree.fromstring(zf.read(rels_name))
    except ElementTree.ParseError:
        return []
    out = []
    for rel in root.iter(f"{REL_NS}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((rel, target))
    return out
