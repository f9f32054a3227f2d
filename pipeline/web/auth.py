"""Password mode, the Origin check, the Host check and the headers every answer carries.

Bound beyond 127.0.0.1 the server needs a password (8 characters at least: pipeline.web.server).
The login form sets a session cookie (HttpOnly, SameSite=Strict) holding a random session id signed
with a key made at start (itsdangerous); the server keeps the id and its expiry, so a session ends
on the server after SESSION_SECONDS, at logout and when the server stops, whatever the browser
keeps. Wrong passwords are counted (limits: a moving one-minute window, per client and for all
clients together); past LOGIN_FAILURES a minute further tries get 429 and the server's log says
so. Every state-changing request, in any mode, must come from the page's own origin when the
browser says where it comes from. Without a password only the names of this PC (127.0.0.1,
localhost) are answered."""

import hmac
import logging
import secrets
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from itsdangerous import BadSignature, TimestampSigner
from limits import RateLimitItemPerMinute, storage, strategies
from starlette.responses import JSONResponse, RedirectResponse

COOKIE = "pipeline_session"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
OPEN_PATHS = ("/login", "/static/")
SESSION_SECONDS = 12 * 60 * 60
LOGIN_FAILURES = 10  # wrong passwords a minute, from one client and from all together
MIN_PASSWORD = 8
log = logging.getLogger("pipeline.web")

# -- no page of ours is shown inside another site's frame, and no download is sniffed into a page --
HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'; default-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    # -- "no-referrer" would make the browser send Origin: null with the login form, which is refused --
    "Referrer-Policy": "same-origin",
}


class Guard:
    def __init__(self, password: str | None, clock: Callable[[], float] = time.time):
        self.password = password or None
        self.clock = clock
        self.sessions: dict[str, float] = {}  # session id -> when it ends
        self._signer = TimestampSigner(secrets.token_bytes(32), salt="pipeline-session")
        self._lock = threading.Lock()
        self.limits = LoginLimits() if self.password else None

    def check_password(self, given: str) -> bool:
        return self.password is not None and hmac.compare_digest(given.encode(), self.password.encode())

    def new_session(self) -> str:
        """A new session's cookie value."""
        now = self.clock()
        session_id = secrets.token_urlsafe(32)
        with self._lock:
            self.sessions = {s: end for s, end in self.sessions.items() if end > now}
            self.sessions[session_id] = now + SESSION_SECONDS
        return self._signer.sign(session_id).decode()

    def session(self, request) -> str | None:
        """The request's live session id, or None."""
        token = request.cookies.get(COOKIE, "")
        try:
            session_id = self._signer.unsign(token, max_age=SESSION_SECONDS).decode()
        except BadSignature:  # -- forged, from an earlier start of the server, or older than a day --
            return None
        with self._lock:
            end = self.sessions.get(session_id)
            if end is None or end <= self.clock():
                self.sessions.pop(session_id, None)
                return None
        return session_id

    def end_session(self, request) -> None:
        session_id = self.session(request)
        with self._lock:
            self.sessions.pop(session_id, None)

    def signed_in(self, request) -> bool:
        return self.session(request) is not None

    async def __call__(self, request, call_next):
        response = await self._guard(request, call_next)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    async def _guard(self, request, call_next):
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
            if request.url.path.startswith("/api/") and not opened_in_a_browser(request):
                return JSONResponse(
                    {
                        "code": "login-required",
                        "message": "ต้องเข้าสู่ระบบด้วยรหัสผ่านก่อน (หรือหมดเวลาแล้ว): เปิดหน้าแรกใหม่แล้วเข้าสู่ระบบ",
                        "message_en": "sign in first (or the session ended): open the page again and sign in",
                    },
                    status_code=401,
                )
            return RedirectResponse(
                "/login"
                + (f"?lang={request.query_params['lang']}" if request.query_params.get("lang") == "en" else ""),
                303,
            )
        return await call_next(request)


class LoginLimits:
    """Wrong passwords in a moving one-minute window, per client and for all clients together."""

    def __init__(self, per_minute: int = LOGIN_FAILURES):
        self._limiter = strategies.MovingWindowRateLimiter(storage.MemoryStorage())
        self._rate = RateLimitItemPerMinute(per_minute)

    def refused(self, client: str) -> bool:
        """True when this client, or everyone together, already failed too often this minute."""
        together = not self._limiter.test(self._rate, "login", "all")
        alone = not self._limiter.test(self._rate, "login", "client", client)
        if together or alone:
            log.warning(
                "sign-in refused for a minute: %s wrong passwords within a minute (%s)",
                LOGIN_FAILURES,
                f"from {client}" if alone else "from all clients together",
            )
        return together or alone

    def failed(self, client: str) -> None:
        log.warning("wrong password from %s", client)
        self._limiter.hit(self._rate, "login", "all")
        self._limiter.hit(self._rate, "login", "client", client)


def opened_in_a_browser(request) -> bool:
    """A link followed in a browser (a download), not the page's script nor IT staff's: it is
    answered with pages (the login, a Thai not-found page), never with JSON."""
    return request.method == "GET" and "text/html" in request.headers.get("accept", "")


def client_of(request) -> str:
    return request.client.host if request.client else "unknown"


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


def set_session_cookie(response, token: str) -> None:
    response.set_cookie(COOKIE, token, max_age=SESSION_SECONDS, httponly=True, samesite="strict", path="/")


def clear_session_cookie(response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
