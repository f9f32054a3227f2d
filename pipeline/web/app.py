"""The web page and its API over the library (validate_workbook, run_pipeline, write_report_xlsx,
the empty workbook of `pipeline init`).

    POST /api/validate               field `workbook`        -> the JSON of `pipeline validate --json`
    POST /api/validate/report.xlsx   field `workbook`        -> validation.xlsx (links to the cells)
    POST /api/runs                   `workbook`, year, pdf   -> 202 {"id"}; errors -> 422 + report
    GET  /api/runs/{id}                                      -> state, done/total, stage, files …
    GET  /api/runs/{id}/outputs.zip, /api/runs/{id}/files/{path}  (looked up in the run's manifest)
    GET  /api/empty-master.xlsx, /api/sample-master.xlsx
"""
import logging
import shutil
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from pipeline.errors import WorkbookUnreadable
from pipeline.web import auth, jobs, results, uploads
from pipeline.web.texts import words

HERE = Path(__file__).resolve().parent
SAMPLE_MASTER = HERE.parent.parent / "inputs" / "master.xlsx"
log = logging.getLogger("pipeline.web")


def app_version() -> str:
    try:
        return version("anticorruption-plan-pipeline")
    except PackageNotFoundError:
        return "dev"


def create_app(password: str | None = None, root: Path | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app):
        yield
        app.state.queue.close()  # -- at shutdown every upload and run folder goes --

    app = FastAPI(title="pipeline", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.queue = jobs.RunQueue(root)
    app.state.guard = auth.Guard(password)
    templates = Jinja2Templates(directory=HERE / "templates")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.middleware("http")(app.state.guard)

    @app.exception_handler(uploads.UploadRefused)
    async def refused(request: Request, exc: uploads.UploadRefused):
        return JSONResponse(problem_report("", exc.code, exc.message, exc.english, exc.hint), exc.status)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):  # never a traceback to the browser
        log.exception("request failed")
        return JSONResponse({"code": "internal-error", "message": "ผิดพลาดภายในโปรแกรม (ไม่ใช่ความผิดของข้อมูล)",
                             "message_en": f"internal error: {type(exc).__name__}"}, 500)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, lang: str = "th"):
        t = words(lang)
        return templates.TemplateResponse(request, "index.html", {"t": t, "version": app_version(),
                                                                  "sample": SAMPLE_MASTER.is_file()})

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, lang: str = "th", wrong: int = 0):
        return templates.TemplateResponse(request, "login.html", {"t": words(lang), "wrong": wrong,
                                                                  "version": app_version()})

    @app.post("/login")
    async def login(request: Request):
        form = await request.form(max_files=0, max_fields=5)
        lang = "en" if form.get("lang") == "en" else "th"
        if not app.state.guard.check_password(str(form.get("password", ""))):
            await auth.slow_down()
            return RedirectResponse(f"/login?wrong=1&lang={lang}", 303)
        response = RedirectResponse(f"/?lang={lang}", 303)
        auth.set_session_cookie(response, app.state.guard.new_session())
        return response

    @app.post("/api/validate")
    async def validate(request: Request):
        folder = app.state.queue.new_folder("upload-")
        try:
            upload = await _receive(request, folder)
            report, status = await run_in_threadpool(check, upload)
            return JSONResponse(report if isinstance(report, dict) else shown(report, upload), status)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @app.post("/api/validate/report.xlsx")
    async def validation_report(request: Request):
        from pipeline.validate import write_report_xlsx
        folder = app.state.queue.new_folder("upload-")
        handed_over = False
        try:
            upload = await _receive(request, folder)
            report, status = await run_in_threadpool(check, upload)
            if isinstance(report, dict):
                return JSONResponse(report, status)
            target = folder / "validation.xlsx"
            await run_in_threadpool(write_report_xlsx, report, target)
            handed_over = True  # -- the response removes the folder once it is sent --
            return FileResponse(target, filename="validation.xlsx", background=_remove_after(folder))
        finally:
            if not handed_over:
                shutil.rmtree(folder, ignore_errors=True)

    @app.post("/api/runs")
    async def submit(request: Request):
        q: jobs.RunQueue = app.state.queue
        folder = q.new_folder("run-")
        try:
            upload = await _receive(request, folder)
            report, status = await run_in_threadpool(check, upload)
            if isinstance(report, dict):
                raise Refusal(report, status)
            if not report.valid:
                raise Refusal(shown(report, upload), 422)
            plan = await run_in_threadpool(_read_plan, upload.path)
            years = _year(upload.fields.get("year", ""), plan.settings.years, upload)
        except Refusal as refusal:
            shutil.rmtree(folder, ignore_errors=True)
            return JSONResponse(refusal.body, refusal.status)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        run = jobs.Run(id=jobs.new_run_id(), folder=folder, workbook=upload.path, filename=upload.filename,
                       years=years, pdf=upload.fields.get("pdf", "1") not in ("0", "false", "off", ""),
                       organisation=plan.settings.organisation, plan_years=plan.settings.years,
                       problems=shown(report, upload)["problems"])
        q.submit(run)
        return JSONResponse({"id": run.id, "position": q.position(run)}, 202)

    @app.get("/api/runs/{run_id}")
    def status(run_id: str):
        q: jobs.RunQueue = app.state.queue
        run = _find(q, run_id)
        done = run.state == jobs.DONE
        return {"id": run.id, "state": run.state, "position": q.position(run), "done": run.done,
                "total": run.total, "stage": run.stage, "problems": run.problems, "error": run.error,
                "files": sorted(run.files), "notes": run.notes, "workbook": run.filename,
                "years": run.years or run.plan_years, "pdf": run.pdf,
                "outcome": results.outcome_rows(run.files) if done else [],
                "zip": {"url": f"/api/runs/{run.id}/outputs.zip",
                        "name": results.zip_name(run.organisation, run.plan_years)} if done else None,
                "links": results.highlights(run.id, run.files) if done else {}}

    @app.get("/api/runs/{run_id}/outputs.zip")
    async def outputs_zip(run_id: str):
        q: jobs.RunQueue = app.state.queue
        run = _find(q, run_id, finished=True)
        target = run.folder / results.ZIP_DISK_NAME
        if not target.exists():
            await run_in_threadpool(results.write_zip, run.files, target)
        q.downloaded(run)
        return FileResponse(target, media_type="application/zip",
                            filename=results.zip_name(run.organisation, run.plan_years))

    @app.get("/api/runs/{run_id}/files/{rel:path}")
    def one_file(run_id: str, rel: str):
        run = _find(app.state.queue, run_id, finished=True)
        path = run.files.get(rel)  # -- only names in the manifest: the client's path is never joined --
        if path is None or not path.is_file():
            raise_not_found()
        return FileResponse(path, filename=path.name)

    @app.get("/api/empty-master.xlsx")
    async def empty_master():
        from pipeline.workbook.writer import empty_workbook, save_workbook
        folder = app.state.queue.new_folder("empty-")
        target = folder / "master.xlsx"
        await run_in_threadpool(lambda: save_workbook(empty_workbook(), target))
        return FileResponse(target, filename="สมุดงานหลักเปล่า.xlsx", background=_remove_after(folder))

    @app.get("/api/sample-master.xlsx")
    def sample_master():
        if not SAMPLE_MASTER.is_file():
            raise_not_found()
        return FileResponse(SAMPLE_MASTER, filename="ตัวอย่าง master.xlsx")

    return app


class Refusal(Exception):
    def __init__(self, body: dict, status: int):
        self.body, self.status = body, status


def raise_not_found():
    from fastapi import HTTPException
    raise HTTPException(404, detail={"code": "not-found", "message": "ไม่พบไฟล์หรืองานนี้ (อาจถูกลบไปแล้วหลัง 1 ชั่วโมง)",
                                     "message_en": "not found (deleted after an hour?)"})


def _find(q: jobs.RunQueue, run_id: str, finished: bool = False) -> jobs.Run:
    run = q.get(run_id)
    if run is None or (finished and run.state != jobs.DONE):
        raise_not_found()
    return run


async def _receive(request: Request, folder: Path) -> uploads.Upload:
    upload = await uploads.receive(request, folder)
    if upload.path is None:
        raise uploads.UploadRefused(400, "upload-missing", "ไม่ได้แนบไฟล์ในช่อง workbook",
                                    "no file in the field 'workbook'", "เลือกไฟล์ .xlsx แล้วส่งใหม่")
    return upload


def check(upload: uploads.Upload):
    """(Report, 200) or, for a file that cannot be opened, (its JSON, 400). The content is looked
    at first, as the CLI does, so an .xls or a CSV is named for what it is, not for its name."""
    from pipeline.validate import validate_workbook
    from pipeline.workbook.io import check_file
    try:
        check_file(upload.path)
        if not upload.filename.lower().endswith((".xlsx", ".xlsm")):
            return problem_report(upload.filename, "file-extension", f"ไฟล์ {upload.filename} ต้องมีนามสกุล .xlsx",
                                  f"{upload.filename}: expected an .xlsx file name",
                                  "เปลี่ยนชื่อไฟล์ให้ลงท้ายด้วย .xlsx"), 400
        return validate_workbook(upload.path), 200
    except WorkbookUnreadable as exc:
        return problem_report(upload.filename, getattr(exc, "code", "file-unreadable"),
                              _rename(exc.message, upload), _rename(exc.english or exc.message, upload),
                              exc.hint), 400


def shown(report, upload: uploads.Upload) -> dict:
    """The report's JSON naming the client's file, not the server's temporary copy."""
    data = report.to_dict()
    data["workbook"] = upload.filename
    for p in data["problems"]:
        p["message"], p["message_en"] = _rename(p["message"], upload), _rename(p["message_en"], upload)
    return data


def _rename(text: str, upload: uploads.Upload) -> str:
    return text.replace(str(upload.path), upload.filename).replace(uploads.DISK_NAME, upload.filename)


def problem_report(workbook: str, code: str, message: str, english: str, hint: str = "") -> dict:
    """A file-level refusal in the shape of `pipeline validate --json`, one error in it."""
    text = message + (f" — วิธีแก้: {hint}" if hint else "")
    return {"workbook": workbook, "valid": False, "errors": 1, "warnings": 0, "stats": {},
            "problems": [{"code": code, "severity": "error", "sheet": "", "row": None, "column": "",
                          "cell": "", "value": None, "message": text, "message_en": english}]}


def _read_plan(path: Path):
    from pipeline.workbook.reader import read_plan
    return read_plan(path)


def _year(raw: str, plan_years: list[int], upload) -> list[int] | None:
    raw = raw.strip()
    if raw in ("", "all"):
        return None
    if raw.isdigit() and int(raw) in plan_years:
        return [int(raw)]
    raise Refusal(problem_report(upload.filename, "year-outside-plan",
                                 f"ปี {raw} ไม่อยู่ในช่วงแผน {plan_years[0]}–{plan_years[-1]}",
                                 f"year {raw} is not in the plan {plan_years[0]}-{plan_years[-1]}",
                                 "เลือกปีงบประมาณในแผน หรือทุกปี"), 422)


def _remove_after(folder: Path):
    from starlette.background import BackgroundTask
    return BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
