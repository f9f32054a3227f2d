"""Receive one uploaded workbook while it streams in.

The multipart body is parsed chunk by chunk and the file part written under a fixed name in a
fresh private folder: the client's file name is kept for display only, never joined to a path.
Past the size limit the upload stops at once; nothing is buffered whole in memory.
"""

from dataclasses import dataclass, field
from pathlib import Path

from python_multipart.multipart import MultipartParser, parse_options_header

from pipeline.errors import UploadRefused

MAX_BYTES = 20 * 1024 * 1024
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


@dataclass
class Upload:
    path: Path | None  # None when the form had no file
    filename: str = ""  # the client's name, display only
    fields: dict[str, str] = field(default_factory=dict)
    elsewhere: list[str] = field(default_factory=list)  # fields that held a file other than `workbook` (dropped)


class _Receiver:
    """multipart callbacks: headers of each part, then its data into the file or a small field."""

    def __init__(self, target: Path, limit: int):
        self.target, self.limit = target, limit
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
        if b"filename" in params and name == FIELD and self.upload.path is None:
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
            if self._size > self.limit:
                raise too_large(self.limit)
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


def _display_name(raw: bytes) -> str:
    """The base name the browser sent (Thai in UTF-8), without any folder part."""
    name = raw.decode("utf-8", "replace").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable())[:120] or DISK_NAME


async def receive(request, folder: Path, limit: int = MAX_BYTES) -> Upload:
    """Stream the request's multipart body into `folder`; raise UploadRefused on anything off."""
    kind, params = parse_options_header(request.headers.get("content-type", ""))
    if kind != b"multipart/form-data" or not params.get(b"boundary"):
        raise UploadRefused(
            400,
            "upload-not-multipart",
            "ต้องส่งไฟล์แบบ multipart/form-data ในช่อง workbook",
            "send the file as multipart/form-data in the field 'workbook'",
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + HEADROOM:
        raise too_large(limit)  # -- refused before reading a byte --
    receiver = _Receiver(Path(folder) / DISK_NAME, limit)
    parser = MultipartParser(params[b"boundary"], receiver.callbacks())
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit + HEADROOM:
                raise too_large(limit)
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
