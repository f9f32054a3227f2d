"""The web page for staff: the FastAPI app with the page, the login of password mode, and the API
(pipeline.web.api) over the library (validate_workbook, run_pipeline, write_report_xlsx, init)."""

import logging
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipeline.errors import UploadRefused
from pipeline.validate.problems import file_problem_dict
from pipeline.web import api, auth, district, jobs
from pipeline.web.texts import duration, words

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
pages = APIRouter()
log = logging.getLogger("pipeline.web")


def create_app(password: str | None = None, root: Path | None = None, keep_office: bool = False) -> FastAPI:
    """`password` switches on the login; `root` holds the upload and run folders (a new temporary
    folder when None), all removed at shutdown; `keep_office` keeps LibreOffice started between
    runs (`pipeline serve` does)."""

    @asynccontextmanager
    async def lifespan(app):
        yield
        app.state.queue.close()

    app = FastAPI(title="pipeline", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.queue = jobs.RunQueue(root, keep_office=keep_office)
    app.state.guard = auth.Guard(password)
    app.middleware("http")(app.state.guard)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages)
    app.include_router(api.router)
    app.include_router(district.router)
    app.add_exception_handler(UploadRefused, refused)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, crashed)
    return app


async def refused(request: Request, exc: UploadRefused):
    return JSONResponse(file_problem_dict("", exc.code, exc.message, exc.english, exc.hint), exc.status)


async def http_error(request: Request, exc: StarletteHTTPException):
    """A browser that opens a link (an expired download, a mistyped address) gets a page in Thai
    with a way back; scripts get JSON as before."""
    if auth.opened_in_a_browser(request):
        return page(request, "error.html", {"status": exc.status_code}, status=exc.status_code)
    detail = exc.detail if isinstance(exc.detail, dict) else {"detail": exc.detail}
    return JSONResponse({"detail": detail}, exc.status_code, headers=getattr(exc, "headers", None))


async def crashed(request: Request, exc: Exception):
    """A bug: one line for the browser, never a traceback (that goes to the server's log)."""
    log.error("request failed", exc_info=exc)
    return JSONResponse(
        {
            "code": "internal-error",
            "message": "ผิดพลาดภายในโปรแกรม (ไม่ใช่ความผิดของข้อมูล)",
            "message_en": f"internal error: {type(exc).__name__}",
        },
        500,
        headers=auth.HEADERS,
    )


def app_version() -> str:
    try:
        return version("anticorruption-plan-pipeline")
    except PackageNotFoundError:
        return "dev"


def page(request: Request, name: str, context: dict | None = None, status: int = 200, lang: str | None = None):
    """A page in the request's language, with what every page shows (version, retention, login)."""
    t = words(lang or request.query_params.get("lang"))
    guard: auth.Guard = request.app.state.guard
    common = {
        "t": t,
        "version": app_version(),
        "signed_in": guard.password is not None and guard.signed_in(request),
        "keep": duration(jobs.KEEP_SECONDS, t),
        "after": duration(jobs.KEEP_AFTER_DOWNLOAD, t),
    }
    return templates.TemplateResponse(request, name, {**common, **(context or {})}, status_code=status)


@pages.get("/", response_class=HTMLResponse)
def index(request: Request):
    return page(request, "index.html", {"sample": api.SAMPLE_MASTER.is_file()})


@pages.get("/district", response_class=HTMLResponse)
def district_page(request: Request):
    return page(request, "district.html")


@pages.get("/login", response_class=HTMLResponse)
def login_form(request: Request, wrong: int = 0, out: int = 0):
    return page(request, "login.html", {"wrong": wrong, "out": out})


@pages.post("/login")
async def login(request: Request):
    form = await request.form(max_files=0, max_fields=5)
    lang = "en" if form.get("lang") == "en" else "th"
    guard: auth.Guard = request.app.state.guard
    client = auth.client_of(request)
    if guard.limits is not None and guard.limits.refused(client):
        response = page(request, "login.html", {"too_many": True}, status=429, lang=lang)
        response.headers["Retry-After"] = "60"
        return response
    if not guard.check_password(str(form.get("password", ""))):
        if guard.limits is not None:
            guard.limits.failed(client)
        return RedirectResponse(f"/login?wrong=1&lang={lang}", 303)
    response = RedirectResponse(f"/?lang={lang}", 303)
    auth.set_session_cookie(response, guard.new_session())
    return response


@pages.post("/logout")
async def logout(request: Request):
    form = await request.form(max_files=0, max_fields=5)
    lang = "en" if form.get("lang") == "en" else "th"
    request.app.state.guard.end_session(request)
    response = RedirectResponse(f"/login?out=1&lang={lang}", 303)
    auth.clear_session_cookie(response)
    return response
