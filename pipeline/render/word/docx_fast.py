"""docxtpl templates, prepared once and rendered many times without reopening the .docx.

A naive docxtpl loop (open template, render, save) re-parses the package per document. Here a
template is read once: docxtpl's own XML clean-up (`patch_xml`: tags split across runs,
`{%p %}` / `{%tr %}` tags) runs once per part and the result is compiled once in the caller's
sandboxed Jinja environment. Rendering a document is then one Jinja render per templated part;
the .docx is written by copying every other part's already-compressed bytes (see `_zip`).
"""

import re
import struct
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from zipfile import BadZipFile, ZipFile

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError

from pipeline.errors import TemplateError

_TAG = re.compile(r"\{[{%#].*?[}%#]\}|\{[{%#]", re.DOTALL)
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

    @classmethod
    def load(cls, path: Path, env: jinja2.Environment, package: bytes | None = None) -> "PreparedTemplate":
        """Read `path` (or `package`, the same file already in memory) and compile its tags."""
        try:
            zf = ZipFile(path if package is None else _BytesIO(package))
        except (OSError, BadZipFile) as exc:
            raise TemplateError(
                f"เปิดแม่แบบ {path.name} ไม่ได้: {exc}",
                hint="ตรวจว่าเป็นไฟล์ .docx ที่บันทึกจาก Word",
                english=f"cannot open template {path}",
            ) from exc
        with zf:
            entries, parts, raw = [], {}, {}
            for info in zf.infolist():
                data = zf.read(info)
                raw[info.filename] = data
                if _TEMPLATED.match(info.filename) and b"{" in data:
                    parts[info.filename] = _compile(path, info.filename, data.decode("utf-8"), env)
                entries.append(_Entry(info.filename, _deflate(data), zlib.crc32(data), len(data)))
        return cls(path, entries, parts, raw)

    def render(self, context: dict) -> dict[str, str]:
        """Rendered XML of each templated part (TemplateError for a render-time failure)."""
        out = {}
        for name, template in self.parts.items():
            try:
                xml = template.render(context)
            except SecurityError as exc:
                raise _error(
                    self.path,
                    f"แท็กพยายามเข้าถึงส่วนภายในของโปรแกรม ({exc})",
                    "a tag tried to reach Python internals (sandbox)",
                ) from exc
            except jinja2.TemplateError as exc:  # UndefinedError: unknown name in a tag
                raise _error(self.path, f"ใช้แท็กไม่ได้: {exc}", str(exc)) from exc
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise _error(self.path, f"แท็กคำนวณไม่ได้: {exc}", str(exc)) from exc
            out[name] = _finish(xml)
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


def _compile(path: Path, part: str, xml: str, env: jinja2.Environment) -> jinja2.Template:
    patched = DocxTemplate.patch_xml(None, xml)  # patch_xml does not use `self`
    patched = _SHD_AFTER.sub(r"\1\3\2", patched)  # docxtpl puts {% cellbg %}'s shading first
    _check_tags(path, patched)
    # -- as docxtpl does: one <w:p> per line, so Jinja's line numbers point at a paragraph --
    patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
    try:
        return env.from_string(patched)
    except jinja2.TemplateSyntaxError as exc:
        line = patched.splitlines()[exc.lineno - 1] if exc.lineno else ""
        tags = [_plain(t) for t in _TAG.findall(line)]
        where = f" ที่แท็ก {' '.join(tags)[:120]}" if tags else ""
        raise _error(
            path, f"แท็กผิดรูปแบบ{where} ({exc.message})", f"template syntax error{where}: {exc.message}"
        ) from exc


def _check_tags(path: Path, xml: str) -> None:
    """A tag still holding XML after docxtpl's clean-up was split by Word beyond repair."""
    for tag in _TAG.findall(xml):
        if "<w:" in tag or "</w:" in tag or len(tag) < 4:
            shown = _plain(tag)[:80]
            raise _error(
                path,
                f"แท็ก {shown} ถูก Word แยกเป็นหลายส่วนหรือไม่มีวงเล็บปิด",
                f"tag {shown} is split by Word or not closed",
                hint="ลบแท็กนั้นแล้วพิมพ์ใหม่ทั้งแท็กในครั้งเดียว (ห้ามจัดรูปแบบกลางแท็ก)",
            )


def _plain(tag: str) -> str:
    return re.sub(r"<[^>]*>", "", tag).strip()


def _error(path: Path, message: str, english: str, hint: str = "") -> TemplateError:
    return TemplateError(
        f"แม่แบบ {path.name}: {message}",
        hint=hint or "แก้แท็กในแม่แบบตาม docs/templates.md",
        english=f"template {path.name}: {english}",
    )


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
