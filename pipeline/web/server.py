"""`pipeline serve`: start the page with uvicorn; 127.0.0.1 unless a password is set.

pipeline serve --open                                   # this PC only, opens the browser
PIPELINE_WEB_PASSWORD=… pipeline serve --host 0.0.0.0   # the office network, with a password
"""

import ipaddress
import os
import socket
import threading
import webbrowser

from pipeline.errors import UnsafeBind
from pipeline.office import children as office_children
from pipeline.web.auth import MIN_PASSWORD

PASSWORD_ENV = "PIPELINE_WEB_PASSWORD"
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8750


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, password: str | None = None, open_browser: bool = False
) -> int:
    password = password or os.environ.get(PASSWORD_ENV) or None
    if not is_loopback(host) and not password:
        raise UnsafeBind(
            f"เปิดให้เครื่องอื่นเข้าถึง ({host}) ต้องตั้งรหัสผ่าน",
            hint=f"ใช้ --password หรือตั้งตัวแปร {PASSWORD_ENV} หรือใช้ --host 127.0.0.1",
            english=f"binding to {host} requires --password or {PASSWORD_ENV}",
        )
    if password is not None and len(password) < MIN_PASSWORD:
        raise UnsafeBind(
            f"รหัสผ่านสั้นเกินไป ({len(password)} ตัวอักษร): ต้องยาวอย่างน้อย {MIN_PASSWORD} ตัวอักษร",
            hint="ตั้งรหัสผ่านที่ยาวขึ้น เช่น คำภาษาไทยสองสามคำกับตัวเลข",
            english=f"the password is {len(password)} characters; at least {MIN_PASSWORD} are needed",
            code="password-too-short",
        )
    import uvicorn

    from pipeline.web.app import create_app  # -- FastAPI loads only once the server will really start --

    office_children.remove_dead_temp_folders()  # -- what a server that was killed left behind --
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    app = create_app(password=password, keep_office=True)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    print(f"เปิดหน้าเว็บที่ {url}  (กด Ctrl+C เพื่อหยุด)", flush=True)
    if not is_loopback(host):
        print(f"เครื่องอื่นในสำนักงานเปิดที่ http://{_this_machine()}:{port}/ แล้วใส่รหัสผ่าน", flush=True)
    if open_browser:
        threading.Thread(target=_open_when_started, args=(server, url), daemon=True).start()
    server.run()
    return 0


def _this_machine() -> str:
    """This PC's address on the office network, as colleagues type it (its name when unknown)."""
    name = socket.gethostname()
    try:
        return socket.gethostbyname(name)
    except OSError:
        return name


def _open_when_started(server, url: str) -> None:
    for _ in range(100):
        if server.started:
            webbrowser.open(url)
            return
        threading.Event().wait(0.1)
