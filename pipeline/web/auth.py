"""Password mode, the Origin check and the Host check.

Bound beyond 127.0.0.1 the server needs a password: a login form sets a random session cookie
(HttpOnly, SameSite=Strict). Every state-changing request, in any mode, must come from the page's
own origin when the browser says where it comes from: a web site elsewhere cannot post to it.
Without a password only the names of this PC (127.0.0.1, localhost) are answered."""

import asyncio
import hmac
import secrets
from urllib.parse import urlsplit

from starlette.responses import JSONResponse, RedirectResponse

COOKIE = "pipeline_session"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
OPEN_PATHS = ("/login", "/static/")
SESSION_SECONDS = 12 * 60 * 60


class Guard:
    def __init__(self, password: str | None):
        self.password = password or None
        self.sessions: set[str] = set()

    def check_password(self, given: str) -> bool:
        return self.password is not None and hmac.compare_digest(given.encode(), self.password.encode())

    def new_session(self) -> str:
        token = secrets.token_urlsafe(32)
        self.sessions.add(token)
        return token

    def signed_in(self, request) -> bool:
        token = request.cookies.get(COOKIE, "")
        return any(hmac.compare_digest(token, s) for s in self.sessions)

    async def __call__(self, request, call_next):
        if not self.password and not loopback_host(request):
            # -- DNS rebinding: a web page whose name points at 127.0.0.1 must not reach us --
            return JSONResponse(
                {
                    "code": "host-refused",
                    "message": "เปิดหน้านี้ด้วยที่อยู่ 127.0.0.1 หรือ localhost เท่านั้น",
                    "message_en": "use http://127.0.0.1 or http://localhost",
                },
                status_code=421,
            )
        if request.method not in SAFE_METHODS and not same_origin(request):
            return JSONResponse(
                {
                    "code": "cross-origin",
                    "message": "คำขอนี้ไม่ได้มาจากหน้าเว็บของระบบนี้ จึงไม่รับ",
                    "message_en": "cross-origin request refused",
                },
                status_code=403,
            )
        if self.password and not request.url.path.startswith(OPEN_PATHS) and not self.signed_in(request):
            if request.url.path.startswith("/api/"):
                return JSONResponse(
                    {"code": "login-required", "message": "ต้องเข้าสู่ระบบด้วยรหัสผ่านก่อน", "message_en": "sign in first"},
                    status_code=401,
                )
            return RedirectResponse(
                "/login"
                + (f"?lang={request.query_params['lang']}" if request.query_params.get("lang") == "en" else ""),
                303,
            )
        return await call_next(request)


def loopback_host(request) -> bool:
    host = urlsplit("//" + request.headers.get("host", "")).hostname or ""
    return host in ("localhost", "127.0.0.1", "::1")


def same_origin(request) -> bool:
    """No Origin header (a script, curl): allowed, the cookie still decides. Otherwise its host and
    port must be the ones this request was sent to."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin != "null" and urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


async def slow_down() -> None:
    """A wrong password costs a second: guessing stays slow."""
    await asyncio.sleep(1)


def set_session_cookie(response, token: str) -> None:
    response.set_cookie(COOKIE, token, max_age=SESSION_SECONDS, httponly=True, samesite="strict", path="/")
