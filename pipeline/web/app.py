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

from pipeline.errors import UploadRefused
from pipeline.validate.problems import file_problem_dict
from pipeline.web import api, auth, jobs
from pipeline.web.texts import words

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
pages = APIRouter()
log = logging.getLogger("pipeline.web")


def create_app(password: str | None = None, root: Path | None = None) -> FastAPI:
    """`password` switches on the login; `root` holds the upload and run folders (a new temporary
    folder when None), all removed at shutdown."""

    @asynccontextmanager
    async def lifespan(app):
        yield
        app.state.queue.close()

    app = FastAPI(title="pipeline", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.queue = jobs.RunQueue(root)
    app.state.guard = auth.Guard(password)
    app.middleware("http")(app.state.guard)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages)
    app.include_router(api.router)
    app.add_exception_handler(UploadRefused, refused)
    app.add_exception_handler(Exception, crashed)
    return app


async def refused(request: Request, exc: UploadRefused):
    return JSONResponse(file_problem_dict("", exc.code, exc.message, exc.english, exc.hint), exc.status)


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
    )


def app_version() -> str:
    try:
        return version("anticorruption-plan-pipeline")
    except PackageNotFoundError:
        return "dev"


@pages.get("/", response_class=HTMLResponse)
def index(request: Request, lang: str = "th"):
    return templates.TemplateResponse(
        request, "index.html", {"t": words(lang), "version": app_version(), "sample": api.SAMPLE_MASTER.is_file()}
    )


@pages.get("/login", response_class=HTMLResponse)
def login_form(request: Request, lang: str = "th", wrong: int = 0):
    return templates.TemplateResponse(
        request, "login.html", {"t": words(lang), "wrong": wrong, "version": app_version()}
    )


@pages.post("/login")
async def login(request: Request):
    form = await request.form(max_files=0, max_fields=5)
    lang = "en" if form.get("lang") == "en" else "th"
    guard: auth.Guard = request.app.state.guard
    if not guard.check_password(str(form.get("password", ""))):
        await auth.slow_down()
        return RedirectResponse(f"/login?wrong=1&lang={lang}", 303)
    response = RedirectResponse(f"/?lang={lang}", 303)
    auth.set_session_cookie(response, guard.new_session())
    return response
