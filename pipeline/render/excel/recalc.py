"""Cached formula results via LibreOffice headless, so viewers without a calculation engine
(previewers, phone apps, data tools) see the totals instead of blanks.

LibreOffice recalculates formulas that have no stored result when it loads an xlsx, and stores
the results when it saves (verified by tests/test_summary.py reading them back).

Neither file is replaced by LibreOffice's copy: LibreOffice computes a copy, and only the results
of the formula cells are written into our file's XML, every other zip part is copied byte for byte.
LibreOffice's own save would drop what it does not round-trip (frozen header rows, the chart as
openpyxl wrote it) and, for the master, rewrite the staff's sheets.
- `recalculate`: every sheet of the standalone summary, several files in one LibreOffice run.
- `store_cached_values`: only our summary sheets inside the master.
- `store_values`: results computed in Python (pipeline.render.excel.formulas), with no LibreOffice:
  every workbook we write carries its totals; LibreOffice's results, where it runs, replace them.
"""

import zipfile
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook

from pipeline import ooxml
from pipeline.office import children as office_children
from pipeline.office import soffice as office
from pipeline.office.cache import OfficeCache
from pipeline.workbook.atomic import atomic_replace
from pipeline.workbook.parts import sheet_parts

MAIN_NS = ooxml.clark(ooxml.SML)

TARGET = "xlsx:Calc MS Excel 2007 XML"


def recalculate(paths: list[Path], cache: OfficeCache | None = None) -> bool:
    """Recalculate each workbook in one LibreOffice run and store the results in place.

    False when LibreOffice is not installed (the caller says so); a failing LibreOffice raises
    office.ConversionFailed and leaves the files as they were. With a `cache` (pipeline serve),
    a workbook the same as one recalculated before gets LibreOffice's results of then.
    """
    if not paths or office.find_soffice() is None:
        return False
    with office_children.temp_dir("recalc") as work:
        converted = _convert_copies([Path(p) for p in paths], Path(work), cache)
        for path, result in zip(paths, converted):
            _patch_values(Path(path), _formula_results(result, None))
    return True


def store_cached_values(path: Path, sheets: list[str]) -> bool:
    """Write LibreOffice's results for the formula cells of `sheets` into `path` (see module doc)."""
    if not sheets or office.find_soffice() is None:
        return False
    path = Path(path)
    with office_children.temp_dir("recalc") as work:
        (result,) = _convert_copies([path], Path(work))
        _patch_values(path, _formula_results(result, sheets))
    return True


def store_values(path: Path, values: dict[str, dict[str, object]]) -> None:
    """Store results computed in Python (pipeline.render.excel.formulas) in a saved workbook, the
    same way LibreOffice's are stored: only the formula cells' values change."""
    _patch_values(Path(path), values)


def _patch_values(path: Path, values: dict[str, dict[str, object]]) -> None:
    """Rewrite `path` with the cached results in `values` (sheet -> A1 -> value), atomically."""
    with atomic_replace(path, "values") as patched:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as dst:
            parts = {p: t for t, p in sheet_parts(src, set(src.namelist())).items() if t in values}
            for info in src.infolist():
                data = src.read(info)
                if info.filename in parts:
                    data = _fill_values(data, values[parts[info.filename]])
                dst.writestr(info, data)


def _convert_copies(paths: list[Path], work: Path, cache: OfficeCache | None = None) -> list[Path]:
    """Copies named 0.xlsx, 1.xlsx … so equal file names in different folders cannot collide.
    The copies hold no formula results: LibreOffice keeps a stored result instead of computing
    it, and its recalculation is the check of the results we computed (store_values)."""
    (work / "in").mkdir()
    (work / "out").mkdir()
    results = [work / "out" / f"{i}{p.suffix}" for i, p in enumerate(paths)]
    keys = [cache.key(p, TARGET) if cache else None for p in paths]
    todo = [i for i, (key, result) in enumerate(zip(keys, results)) if not (cache and cache.fetch(key, result))]
    copies = []
    for i in todo:
        copies.append(work / "in" / f"{i}{paths[i].suffix}")
        _copy_without_results(paths[i], copies[-1])
    made = office.convert(copies, TARGET, work / "out", labels=[paths[i].name for i in todo]) if todo else []
    for i, result in zip(todo, made):
        results[i] = result
        if cache:
            cache.keep(keys[i], result)
    return results


def _copy_without_results(src_path: Path, dst_path: Path) -> None:
    with zipfile.ZipFile(src_path) as src, zipfile.ZipFile(dst_path, "w", zipfile.ZIP_DEFLATED) as dst:
        sheets = set(sheet_parts(src, set(src.namelist())).values())
        for info in src.infolist():
            data = src.read(info)
            if info.filename in sheets and b"<f" in data:
                data = _drop_values(data)
            dst.writestr(info, data)


def _drop_values(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for c in root.iter(f"{MAIN_NS}c"):
        v = c.find(f"{MAIN_NS}v")
        if v is not None and c.find(f"{MAIN_NS}f") is not None:
            c.remove(v)
            c.attrib.pop("t", None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _formula_results(path: Path, sheets: list[str] | None) -> dict[str, dict[str, object]]:
    """Computed cell values of `sheets` (all sheets when None) in LibreOffice's copy."""
    wb = load_workbook(path, data_only=True, read_only=True)
    try:
        out = {}
        for title in wb.sheetnames if sheets is None else sheets:
            cells = {}
            for row in wb[title].iter_rows():
                for cell in row:
                    if getattr(cell, "coordinate", None) and cell.value is not None:
                        cells[cell.coordinate] = cell.value
            out[title] = cells
        return out
    finally:
        wb.close()


def _fill_values(xml: bytes, values: dict[str, object]) -> bytes:
    """Set <v> of every formula cell; numbers plain, text as t="str" (Excel's formula-string type)."""
    root = etree.fromstring(xml)
    for c in root.iter(f"{MAIN_NS}c"):
        if c.find(f"{MAIN_NS}f") is None or c.get("r") not in values:
            continue
        value = values[c.get("r")]
        v = c.find(f"{MAIN_NS}v")
        if v is None:
            v = etree.SubElement(c, f"{MAIN_NS}v")
        if isinstance(value, bool):
            c.set("t", "b")
            v.text = "1" if value else "0"
        elif isinstance(value, (int, float)):
            c.attrib.pop("t", None)
            v.text = repr(float(value)) if isinstance(value, float) else str(value)
        else:
            c.set("t", "str")
            v.text = str(value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
