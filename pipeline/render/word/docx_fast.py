"""docxtpl templates, prepared once and rendered many times without reopening the .docx.

A naive docxtpl loop (open template, render, save) re-parses the package per document. Here a
template is read once: docxtpl's own XML clean-up (`patch_xml`: tags split across runs,
`{%p %}` / `{%tr %}` tags) runs once per part and the result is compiled once in the caller's
sandboxed Jinja environment. Rendering a document is then one Jinja render per templated part;
the .docx is written by copying every other part's already-compressed bytes (see `_zip`).

The part's bytes are read as they are stored, so a tag is read here as docxtpl reads it through lxml:
`&quot;` (LibreOffice Writer stores `"` so), `&#34;`, `&apos;`, `&amp;` … inside a tag are the
characters they stand for. A broken tag is reported by template, paragraph and tag (tag_errors).
"""

import re
import struct
import time
import zlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from zipfile import BadZipFile, ZipFile

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError

from pipeline.errors import TemplateError
from pipeline.render.word import tag_errors
from pipeline.render.word.digits import thai_digit_xml

# -- the package's own copies of the templates, which staff can always go back to --
SHIPPED_DIR = Path(str(resources.files("pipeline") / "templates"))
_ENTITY = re.compile(r"&(?:(quot|apos|amp|lt|gt)|#([0-9]+)|#[xX]([0-9a-fA-F]+));")
_NAMED = {"quot": '"', "apos": "'", "amp": "&", "lt": "<", "gt": ">"}
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_TEMPLATED = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
# -- the cell shading `{% cellbg %}` inserts as tcPr's first child belongs after the width, span,
#    merge and borders (the schema's order; Word may repair a file that breaks it) --
_SHD_AFTER = re.compile(
    r"(<w:tcPr(?: [^>]*)?>)(<w:shd [^>]*/>)"
    r"((?:<w:(?:cnfStyle|tcW|gridSpan|hMerge|vMerge)\b[^>]*/>|<w:tcBorders\b.*?</w:tcBorders>)+)",
    re.DOTALL,
)


@dataclass
class _Entry:
    """One zip member kept deflated, ready to copy into every output."""

    name: str
    data: bytes  # raw deflate stream
    crc: int
    size: int


@dataclass
class PreparedTemplate:
    path: Path
    entries: list[_Entry]  # every member, in the template's order
    parts: dict[str, jinja2.Template]  # templated member name -> compiled template
    raw: dict[str, bytes] = field(default_factory=dict)  # uncompressed members (rels, media)
    sources: dict[str, str] = field(default_factory=dict)  # templated member -> the Jinja source compiled

    @classmethod
    def load(cls, path: Path, env: jinja2.Environment, package: bytes | None = None) -> "PreparedTemplate":
        """Read `path` (or `package`, the same file already in memory) and compile its tags."""
        try:
            zf = ZipFile(path if package is None else _BytesIO(package))
        except (OSError, BadZipFile) as exc:
            raise TemplateError(
                f"เปิดแม่แบบ {path.name} ไม่ได้: {exc}",
                hint="ตรวจว่าเป็นไฟล์ .docx ที่บันทึกจาก Word หรือ LibreOffice" + _restore(path),
                english=f"cannot open template {path}",
                template=path.name,
            ) from exc
        with zf:
            entries, parts, raw, sources = [], {}, {}, {}
            for info in zf.infolist():
                data = zf.read(info)
                raw[info.filename] = data
                if _TEMPLATED.match(info.filename) and b"{" in data:
                    sources[info.filename] = _prepare(path, info.filename, data)
                    parts[info.filename] = _compile(path, info.filename, data, sources[info.filename], env)
                entries.append(_Entry(info.filename, _deflate(data), zlib.crc32(data), len(data)))
        return cls(path, entries, parts, raw, sources)

    def render(self, context: dict) -> dict[str, str]:
        """Rendered XML of each templated part (TemplateError for a render-time failure)."""
        out = {}
        for name, template in self.parts.items():
            try:
                xml = template.render(context)
            except (jinja2.TemplateError, SecurityError, TypeError, ValueError, ArithmeticError) as exc:
                # -- UndefinedError (a name misspelt), the sandbox, a value a filter cannot take --
                finding = tag_errors.render_finding(exc, self.sources[name])
                raise _error(self.path, name, self.raw[name], finding) from exc
            out[name] = _finish(xml)
            # -- the plan's ตัวเลขในเอกสาร = เลขไทย, carried by the environment the template was compiled in --
            if getattr(template.environment, "thai_digits", False):
                out[name] = thai_digit_xml(out[name])
        return out

    def write(
        self,
        target: Path,
        rendered: dict[str, str],
        extra: dict[str, bytes] | None = None,
        replace: dict[str, bytes] | None = None,
    ) -> Path:
        """Write the package with `rendered` parts; `extra` adds members, `replace` swaps bytes."""
        replace = dict(replace or {})
        replace.update({k: v.encode("utf-8") for k, v in rendered.items()})
        _zip(target, self.entries, replace, extra or {})
        return target


def _prepare(path: Path, part: str, data: bytes) -> str:
    """The Jinja source of a templated part: docxtpl's clean-up, each tag read as its characters,
    one `<w:p>` per line (as docxtpl does, so Jinja's line numbers point at a paragraph)."""
    patched = DocxTemplate.patch_xml(None, data.decode("utf-8"))  # patch_xml does not use `self`
    patched = _SHD_AFTER.sub(r"\1\3\2", patched)  # docxtpl puts {% cellbg %}'s shading first
    patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
    _check_tags(path, part, data, patched)
    return tag_errors.TAG.sub(lambda m: _characters(m.group(0)), patched)


def _characters(tag: str) -> str:
    """A tag as docxtpl reads it through lxml: `&quot;` (LibreOffice writes `"` so), `&apos;`,
    `&amp;`, `&#34;` … are the characters they stand for; Word's curly quotes are straight ones."""
    return _ENTITY.sub(_entity, tag).translate(_STRAIGHT)


def _entity(m: re.Match) -> str:
    name, dec, hexa = m.groups()
    if name:
        return _NAMED[name]
    code = int(dec) if dec else int(hexa, 16)
    return chr(code) if 0 < code <= 0x10FFFF else m.group(0)


def _compile(path: Path, part: str, data: bytes, source: str, env: jinja2.Environment) -> jinja2.Template:
    try:
        return env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:  # TemplateAssertionError too: an unknown filter
        raise _error(path, part, data, tag_errors.syntax_finding(exc, source, env)) from exc


def _check_tags(path: Path, part: str, data: bytes, xml: str) -> None:
    """A tag still holding XML after docxtpl's clean-up was split by Word beyond repair."""
    for match in tag_errors.TAG.finditer(xml):
        tag = match.group(0)
        if "<w:" in tag or "</w:" in tag or len(tag) < 4:
            finding = tag_errors.found(
                xml,
                match,
                "ถูกแยกเป็นหลายส่วน (จัดรูปแบบหรือแทรกบางอย่างไว้กลางแท็ก) หรือไม่มีวงเล็บปิด",
                "is split by formatting in its middle, or not closed",
            )
            finding.tag = finding.tag[:80]
            raise _error(path, part, data, finding, fix="ลบแท็กนั้นแล้วพิมพ์ใหม่ทั้งแท็กในครั้งเดียว (ห้ามจัดรูปแบบกลางแท็ก)")


def _error(path: Path, part: str, data: bytes, finding: tag_errors.Finding, fix: str = "") -> TemplateError:
    """The message staff read: template, paragraph, tag, what is wrong, and the way back."""
    finding = tag_errors.locate(finding, part, data)
    where = f" {finding.where}" if finding.where else ""
    where_en = f", {finding.where_en}" if finding.where_en else ""
    return TemplateError(
        f"แม่แบบ {path.name}{where}: แท็ก {finding.tag} {finding.thai}",
        hint=(fix or "แก้แท็กนั้นตามตารางแท็กใน docs/templates.md") + _restore(path),
        english=f"template {path.name}{where_en}: tag {finding.tag} {finding.english}",
        template=path.name,
        tag=finding.tag,
        paragraph=finding.paragraph,
    )


def _restore(path: Path) -> str:
    """How to get the shipped template back (a sentence to append to a hint)."""
    shipped = SHIPPED_DIR / path.name
    if not shipped.is_file():
        return ""
    if path.resolve() == shipped.resolve():
        return " (แม่แบบที่มากับโปรแกรมเสียหาย: ติดตั้งโปรแกรมใหม่ หรือสร้างใหม่ด้วย python scripts/make_templates.py)"
    return f" หรือใช้แม่แบบเดิม: คัดลอก {shipped} มาทับ {path} (หรือลบ {path} ออก)"


def _finish(xml: str) -> str:
    """Undo the one-paragraph-per-line layout; turn tabs/newlines in values into Word's."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    head, sep, body = xml.partition("?>")
    if any(ch in body for ch in "\t\n\a\f"):
        xml = head + sep + DocxTemplate.resolve_listing(None, body)
    return xml


def _deflate(data: bytes) -> bytes:
    co = zlib.compressobj(6, zlib.DEFLATED, -15)
    return co.compress(data) + co.flush()


def _zip(target: Path, entries: list[_Entry], replace: dict[str, bytes], extra: dict[str, bytes]) -> None:
    """A minimal zip writer: copies pre-deflated members, deflates only what changed.

    zipfile would recompress every member of every document; the static ones (styles, theme,
    settings) are the same bytes each time, so they are compressed once in `load`.
    """
    members = [
        e
        if e.name not in replace
        else _Entry(e.name, _deflate(replace[e.name]), zlib.crc32(replace[e.name]), len(replace[e.name]))
        for e in entries
    ]
    members += [_Entry(n, _deflate(d), zlib.crc32(d), len(d)) for n, d in extra.items()]
    dos_time, dos_date = _dos_now()
    out, central, offset = [], [], 0
    for e in members:
        name = e.name.encode("utf-8")
        header = struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0x0800, 8, dos_time, dos_date, e.crc, len(e.data), e.size, len(name), 0
        )
        out += [header, name, e.data]
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0x0800,
                8,
                dos_time,
                dos_date,
                e.crc,
                len(e.data),
                e.size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
        offset += len(header) + len(name) + len(e.data)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0)
    target.write_bytes(b"".join(out) + directory + end)


def _dos_now() -> tuple[int, int]:
    t = time.localtime()
    return (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2), ((t.tm_year - 1980) << 9) | (
        t.tm_mon << 5
    ) | t.tm_mday


def _BytesIO(data: bytes):
    from io import BytesIO

    return BytesIO(data)
