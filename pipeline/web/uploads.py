"""Receive one uploaded workbook (or, for the district's page, many files) while it streams in.

The multipart body is parsed chunk by chunk and the file part written under a fixed name in a
fresh private folder: the client's file name is kept for display only, never joined to a path.
Past the size limit the upload stops at once; nothing is buffered whole in memory.

With `many` (the district's submissions), every file of the field `workbook` is kept, each under a
cleaned copy of its base name (pipeline.render.word.filenames.safe_filename: one path component,
no "..", duplicates numbered) in the given folder; each file has the one-file limit and all of them
together MAX_TOTAL_BYTES.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from python_multipart.multipart import MultipartParser, parse_options_header

from pipeline.errors import UploadRefused
from pipeline.render.word.filenames import safe_filename

MAX_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # -- the district's many files together --
MAX_FILES = 1000  # -- a district has a few dozen organisations --
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,6}")
FIELD = "workbook"
DISK_NAME = "upload.xlsx"
MAX_FIELD = 1024  # the small form fields (year, pdf)
HEADROOM = 64 * 1024  # multipart boundaries and headers around the file


def too_large(limit: int) -> UploadRefused:
    mb = limit // (1024 * 1024)
    return UploadRefused(
        413,
        "upload-too-large",
        f"ไฟล์ใหญ่เกิน {mb} MB",
        f"the file is larger than {mb} MB",
        "สมุดงานจริงมีขนาดไม่ถึง 2 MB: ตรวจว่าเลือกไฟล์ถูก หรือลบรูปภาพขนาดใหญ่ออก",
    )


def too_large_together(limit: int) -> UploadRefused:
    mb = limit // (1024 * 1024)
    return UploadRefused(
        413,
        "upload-too-large",
        f"ไฟล์ทั้งหมดรวมกันใหญ่เกิน {mb} MB",
        f"the files together are larger than {mb} MB",
        "ส่งเป็นหลายครั้ง ครั้งละน้อยลง หรือตรวจว่าเลือกไฟล์ถูก",
    )


@dataclass
class Upload:
    path: Path | None  # None when the form had no file (with `many`: the first file)
    filename: str = ""  # the client's name, display only
    fields: dict[str, str] = field(default_factory=dict)
    elsewhere: list[str] = field(default_factory=list)  # fields that held a file other than `workbook` (dropped)
    files: list[tuple[str, Path]] = field(default_factory=list)  # with `many`: (client's name, where it is)


class _Receiver:
    """multipart callbacks: headers of each part, then its data into the file or a small field."""

    def __init__(self, target: Path, limit: int, many: bool = False, total: int = MAX_TOTAL_BYTES):
        self.target, self.limit = target, limit
        self.many, self.total, self._received = many, total, 0
        self.upload = Upload(None)
        self._header, self._name, self._value, self._headers = b"", b"", b"", {}
        self._sink, self._size, self._field, self._value_buf = None, 0, None, bytearray()

    def callbacks(self) -> dict:
        return {
            "on_header_field": self._on_header_field,
            "on_header_value": self._on_header_value,
            "on_header_end": self._on_header_end,
            "on_headers_finished": self._on_headers_finished,
            "on_part_data": self._on_part_data,
            "on_part_end": self._on_part_end,
        }

    def _on_header_field(self, data, start, end):
        self._name += data[start:end]

    def _on_header_value(self, data, start, end):
        self._value += data[start:end]

    def _on_header_end(self):
        self._headers[self._name.strip().lower()] = self._value.strip()
        self._name, self._value = b"", b""

    def _on_headers_finished(self):
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = params.get(b"name", b"").decode("utf-8", "replace")[:60]
        self._headers = {}
        if b"filename" in params and name == FIELD and self.many:
            shown = _display_name(params[b"filename"])
            path = self._place(shown)
            self.upload.files.append((shown, path))
            if self.upload.path is None:
                self.upload.path, self.upload.filename = path, shown
            self._sink, self._size = path.open("xb"), 0
        elif b"filename" in params and name == FIELD and self.upload.path is None:
            self.upload.path, self.upload.filename = self.target, _display_name(params[b"filename"])
            self._sink = self.target.open("wb")
        elif b"filename" in params:  # -- a file in another field (or a second one): its bytes are dropped --
            self.upload.elsewhere.append(name)
            self._field = None
        else:
            self._field, self._value_buf = name, bytearray()

    def _on_part_data(self, data, start, end):
        chunk = data[start:end]
        if self._sink is not None:
            self._size += len(chunk)
            self._received += len(chunk)
            if self._size > self.limit:
                raise too_large(self.limit)
            if self.many and self._received > self.total:
                raise too_large_together(self.total)
            self._sink.write(chunk)
        elif self._field is not None:
            self._value_buf += chunk
            if len(self._value_buf) > MAX_FIELD:
                raise UploadRefused(
                    400,
                    "upload-field-too-long",
                    f"ข้อมูลในช่อง {self._field} ของแบบฟอร์มยาวเกินไป",
                    f"the form field '{self._field}' is too long",
                )

    def _on_part_end(self):
        if self._sink is not None:
            self._sink.close()
            self._sink = None
        elif self._field is not None:
            self.upload.fields[self._field] = self._value_buf.decode("utf-8", "replace")
            self._field = None

    def close(self):
        if self._sink is not None:
            self._sink.close()

    def _place(self, shown: str) -> Path:
        """Where a file of the many goes: its cleaned base name in the folder, numbered when taken."""
        if len(self.upload.files) >= MAX_FILES:
            raise UploadRefused(
                413,
                "upload-too-many",
                f"ส่งไฟล์มากเกิน {MAX_FILES} ไฟล์",
                f"more than {MAX_FILES} files",
                "ส่งเป็นหลายครั้ง หรือรวมไฟล์เป็น .zip",
            )
        name = PurePath(shown)
        suffix = name.suffix.lower() if _SUFFIX.fullmatch(name.suffix) else ""
        stem = name.stem if suffix else name.name
        folder = self.target.parent
        for n in range(1, MAX_FILES + 2):
            label = safe_filename(stem if n == 1 else f"{stem} ({n})", 100) or f"ไฟล์ {n}"
            path = folder / safe_filename(label, 100, suffix=suffix)
            if not path.exists():
                return path
        raise AssertionError("unreachable: fewer files than names")


def _display_name(raw: bytes) -> str:
    """The base name the browser sent (Thai in UTF-8), without any folder part."""
    name = raw.decode("utf-8", "replace").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable())[:120] or DISK_NAME


async def receive(
    request, folder: Path, limit: int = MAX_BYTES, *, many: bool = False, total: int = MAX_TOTAL_BYTES
) -> Upload:
    """Stream the request's multipart body into `folder`; raise UploadRefused on anything off.
    `many`: every file of the field `workbook`, each at most `limit`, all at most `total`."""
    kind, params = parse_options_header(request.headers.get("content-type", ""))
    if kind != b"multipart/form-data" or not params.get(b"boundary"):
        raise UploadRefused(
            400,
            "upload-not-multipart",
            "ต้องส่งไฟล์แบบ multipart/form-data ในช่อง workbook",
            "send the file as multipart/form-data in the field 'workbook'",
        )
    declared = request.headers.get("content-length", "")
    most, refusal = (total + 16 * HEADROOM, too_large_together(total)) if many else (limit + HEADROOM, too_large(limit))
    if declared.isdigit() and int(declared) > most:
        raise refusal  # -- refused before reading a byte --
    receiver = _Receiver(Path(folder) / DISK_NAME, limit, many=many, total=total)
    parser = MultipartParser(params[b"boundary"], receiver.callbacks())
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > most:
                raise refusal
            parser.write(chunk)
        parser.finalize()
    except UploadRefused:
        raise
    except Exception as exc:  # a malformed body: the parser's own errors
        raise UploadRefused(
            400,
            "upload-malformed",
            "ข้อมูลที่ส่งมาไม่ครบหรือเสียหาย ลองเลือกไฟล์แล้วส่งใหม่",
            f"malformed multipart body ({type(exc).__name__})",
        ) from None
    finally:
        receiver.close()
    return receiver.upload
