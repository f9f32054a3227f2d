"""The API the page uses and IT staff can script:

POST /api/validate               field `workbook`        -> the JSON of `pipeline validate --json`
POST /api/validate/report.xlsx   field `workbook`        -> validation.xlsx (links to the cells)
POST /api/runs                   `workbook`, year, pdf   -> 202 {"id"}; errors -> 422 + report
GET  /api/runs/{id}                                      -> state, done/total, stage, files …
GET  /api/runs/{id}/outputs.zip, /api/runs/{id}/files/{path}  (looked up in the run's manifest)
POST /api/monitor                `workbook`, year, round -> the workbook with the round's rows
GET  /api/empty-master.xlsx, /api/sample-master.xlsx, /api/health
POST /api/new-master.xlsx         org, years, signer -> a new organisation's master (pipeline init --org --years)
POST /api/district               the district's roll-up (pipeline.web.district), followed through /api/runs
"""

import shutil
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from starlette.background import BackgroundTask

from pipeline.errors import PipelineError, RequestRefused, UploadRefused, WorkbookUnreadable
from pipeline.lifecycle.init import create_master
from pipeline.monitor.init import init_round
from pipeline.validate import validate_master, write_report_xlsx
from pipeline.validate.problems import file_problem_dict
from pipeline.web import jobs, results, texts, uploads
from pipeline.workbook.master import open_master
from pipeline.workbook.new_plan import plan_years
from pipeline.workbook.reader import read_plan
from pipeline.workbook.writer import empty_workbook, save_workbook

SAMPLE_MASTER = Path(__file__).resolve().parent.parent.parent / "inputs" / "master.xlsx"
router = APIRouter(prefix="/api")


@router.post("/validate")
async def validate(request: Request):
    folder = request.app.state.queue.new_folder("upload-")
    try:
        upload = await _receive(request, folder)
        report, status, _ = await run_in_threadpool(check, upload)
        return JSONResponse(report if isinstance(report, dict) else shown(report, upload), status)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@router.post("/validate/report.xlsx")
async def validation_report(request: Request):
    folder = request.app.state.queue.new_folder("upload-")
    handed_over = False
    try:
        upload = await _receive(request, folder)
        report, status, _ = await run_in_threadpool(check, upload)
        if isinstance(report, dict):
            return JSONResponse(report, status)
        target = folder / "validation.xlsx"
        await run_in_threadpool(lambda: write_report_xlsx(report, target, workbook_name=upload.filename))
        handed_over = True  # -- the response removes the folder once it is sent --
        return FileResponse(target, filename="validation.xlsx", background=_remove_after(folder))
    finally:
        if not handed_over:
            shutil.rmtree(folder, ignore_errors=True)


@router.post("/runs")
async def submit(request: Request):
    q: jobs.RunQueue = request.app.state.queue
    if not q.hold():  # -- a place is held before the upload is read: uploads arriving together count --
        return queue_full("รอสักครู่ให้งานก่อนหน้าเสร็จ แล้วกดสร้างเอกสารอีกครั้ง")
    folder = q.new_folder("run-")
    try:
        with q.receiving(folder):
            upload = await _receive(request, folder)
            pdf = yes_no(upload, "pdf", default=True)
            report, status, master = await run_in_threadpool(check, upload)
            if isinstance(report, dict):
                raise RequestRefused(report, status)
            if not report.valid:
                raise RequestRefused(shown(report, upload), 422)
            plan = await run_in_threadpool(read_plan, master)
            years = _year(upload.fields.get("year", ""), plan.settings.years, upload)
    except RequestRefused as refusal:
        return JSONResponse(refusal.body, refusal.status)
    run = jobs.Run(
        id=jobs.new_run_id(),
        folder=folder,
        workbook=master,
        filename=upload.filename,
        years=years,
        pdf=pdf,
        organisation=plan.settings.organisation,
        plan_years=plan.settings.years,
        problems=shown(report, upload)["problems"],
    )
    q.submit(run, held=True)
    return JSONResponse({"id": run.id, "position": q.position(run)}, 202)


@router.post("/monitor")
async def monitor_round(request: Request):
    """The uploaded master with one round's monitoring rows added (`pipeline monitor init`'s rules:
    nothing typed is overwritten), handed back as a download; a refusal in the validation shape."""
    folder = request.app.state.queue.new_folder("monitor-")
    handed_over = False
    try:
        upload = await _receive(request, folder)
        year, round_ = (_number(upload, key) for key in ("year", "round"))
        try:
            result = await run_in_threadpool(init_round, upload.path, year, round_)
        except PipelineError as exc:
            status = 400 if isinstance(exc, WorkbookUnreadable) else 422
            message, english = _rename(exc.message, upload), _rename(exc.english or exc.message, upload, page=False)
            hint = _rename(exc.hint, upload) if exc.hint else exc.hint
            return JSONResponse(file_problem_dict(upload.filename, exc.code, message, english, hint), status)
        headers = {"X-Rows-Added": str(len(result.added)), "X-Workbook-Changed": "1" if result.backup else "0"}
        handed_over = True  # -- the response removes the folder (and the backup beside the copy) once sent --
        return FileResponse(upload.path, filename=upload.filename, headers=headers, background=_remove_after(folder))
    except RequestRefused as refusal:
        return JSONResponse(refusal.body, refusal.status)
    finally:
        if not handed_over:
            shutil.rmtree(folder, ignore_errors=True)


YES, NO = ("1", "true", "on", "yes"), ("0", "false", "off", "no")


def queue_full(fix: str) -> JSONResponse:
    """429: MAX_WAITING runs already wait; `fix` says which button to press again."""
    return JSONResponse(
        file_problem_dict(
            "",
            "queue-full",
            f"มีงานรอคิวอยู่แล้ว {jobs.MAX_WAITING} งาน",
            f"{jobs.MAX_WAITING} runs are already waiting",
            fix,
        ),
        429,
    )


def yes_no(upload: uploads.Upload, key: str, default: bool) -> bool:
    """1/0 (also true/false, on/off, yes/no); anything else is refused, never read as yes."""
    raw = upload.fields.get(key, "").strip().lower()
    if raw == "":
        return default
    if raw in YES or raw in NO:
        return raw in YES
    raise RequestRefused(
        file_problem_dict(
            upload.filename,
            "field-invalid",
            f"ค่าในช่อง {key} ต้องเป็น 1 หรือ 0 (ได้รับ '{raw[:20]}')",
            f"{key} must be 1 or 0, not '{raw[:20]}'",
            f"ส่ง {key}=1 หรือ {key}=0",
        ),
        422,
    )


def _number(upload: uploads.Upload, key: str) -> int:
    raw = upload.fields.get(key, "").strip()
    if not raw.isdigit():
        raise RequestRefused(
            file_problem_dict(upload.filename, "field-missing", f"ไม่ได้ระบุ {key}", f"no {key} given", "เลือกปีและรอบ"),
            422,
        )
    return int(raw)


@router.get("/health")
def health():
    """The page asks when a request failed: is the server there (then the chosen file is at fault)?"""
    return {"ok": True}


@router.get("/runs/{run_id}")
def status(request: Request, run_id: str):
    q: jobs.RunQueue = request.app.state.queue
    run = _find(q, run_id)
    done = run.state == jobs.DONE
    return {
        "id": run.id,
        "state": run.state,
        "position": q.position(run),
        "done": run.done,
        "total": run.total,
        "stage": run.stage,
        "problems": run.problems,
        "error": run.error,
        "error_en": run.error_en,
        "files": sorted(run.files),
        "notes": run.notes,
        "workbook": run.filename,
        "years": run.years or run.plan_years,
        "pdf": run.pdf,
        "outcome": run.outcome,
        "expires": run.expires,
        "zip": {"url": f"/api/runs/{run.id}/outputs.zip", "name": _zip_name(run)} if done else None,
        "links": _links(run) if done else {},
        "kind": run.kind,
        "district": run.result if done and run.kind == "district" else None,
    }


def _links(run: jobs.Run) -> dict:
    if run.kind == "district":
        return results.district_links(run.id, run.files)
    return results.highlights(run.id, run.files)


@router.get("/runs/{run_id}/outputs.zip")
async def outputs_zip(request: Request, run_id: str):
    q: jobs.RunQueue = request.app.state.queue
    run = _find(q, run_id, finished=True)
    target = run.folder / results.ZIP_DISK_NAME
    await run_in_threadpool(_make_zip, run, target)
    q.downloaded(run)
    return FileResponse(target, media_type="application/zip", filename=_zip_name(run))


def _make_zip(run: jobs.Run, target: Path) -> None:
    with run.zip_lock:  # -- two first downloads at once: one writes, the other waits and sends it --
        if not target.exists():
            results.write_zip(run.files, target)


def _zip_name(run: jobs.Run) -> str:
    if run.kind == "district":
        return results.DISTRICT_ZIP_NAME
    return results.zip_name(run.organisation, run.years or run.plan_years)


@router.get("/runs/{run_id}/files/{rel:path}")
def one_file(request: Request, run_id: str, rel: str):
    run = _find(request.app.state.queue, run_id, finished=True)
    path = run.files.get(rel)  # -- only names in the manifest: the client's path is never joined --
    if path is None or not path.is_file():
        _not_found()
    return FileResponse(path, filename=path.name)


@router.get("/empty-master.xlsx")
async def empty_master(request: Request):
    folder = request.app.state.queue.new_folder("empty-")
    target = folder / "master.xlsx"
    await run_in_threadpool(lambda: save_workbook(empty_workbook(), target))
    return FileResponse(target, filename="สมุดงานหลักเปล่า.xlsx", background=_remove_after(folder))


@router.post("/new-master.xlsx")
async def new_master(request: Request):
    """A new organisation's master (`pipeline init --org --years [--signer]`), as a download; a wrong
    name or years is refused in the validation JSON's shape."""
    fields = await request.form()
    org, years, signer = (str(fields.get(key, "")).strip()[:200] for key in ("org", "years", "signer"))
    folder = request.app.state.queue.new_folder("new-")
    target = folder / "master.xlsx"
    try:
        await run_in_threadpool(lambda: create_master(target, org, plan_years(years), signer=signer))
    except PipelineError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        english = exc.english or exc.message
        return JSONResponse(file_problem_dict("", exc.code, exc.message, english, exc.hint), 422)
    return FileResponse(target, filename="สมุดงานหลักใหม่.xlsx", background=_remove_after(folder))


@router.get("/sample-master.xlsx")
def sample_master():
    if not SAMPLE_MASTER.is_file():
        _not_found()
    return FileResponse(SAMPLE_MASTER, filename="ตัวอย่าง master.xlsx")


# ---------------------------------------------------------------- helpers


def _not_found():
    raise HTTPException(
        404,
        detail={
            "code": "not-found",
            "message": "ไม่พบไฟล์หรืองานนี้ (ถูกลบ 1 ชั่วโมงหลังสร้างเสร็จ 10 นาทีหลังดาวน์โหลด zip หรือเมื่อปิดโปรแกรม)",
            "message_en": "not found (deleted an hour after the run, ten minutes after the zip's download, "
            "or when the server stopped)",
        },
    )


def _find(q: jobs.RunQueue, run_id: str, finished: bool = False) -> jobs.Run:
    run = q.get(run_id)
    if run is None or (finished and run.state != jobs.DONE):
        _not_found()
    return run


async def _receive(request: Request, folder: Path) -> uploads.Upload:
    upload = await uploads.receive(request, folder)
    if upload.path is None and upload.elsewhere:
        raise UploadRefused(
            400,
            "upload-missing",
            f"ได้รับไฟล์ในช่อง {upload.elsewhere[0]} แต่สมุดงานต้องส่งในช่อง workbook",
            f"a file came in the field '{upload.elsewhere[0]}'; send the workbook in the field 'workbook'",
            "ส่งไฟล์ .xlsx ในช่องชื่อ workbook",
        )
    if upload.path is None:
        raise UploadRefused(
            400,
            "upload-missing",
            "ไม่ได้แนบไฟล์ในช่อง workbook",
            "no file in the field 'workbook'",
            "เลือกไฟล์ .xlsx แล้วส่งใหม่",
        )
    return upload


def check(upload: uploads.Upload):
    """(Report, 200, the opened Master) or, for a file that cannot be opened, (its JSON, 400, None).
    The upload is opened once, here; the content is looked at first, as the CLI does, so an .xls or
    a CSV is named for what it is, not for its name."""
    try:
        master = open_master(upload.path)
        if not upload.filename.lower().endswith((".xlsx", ".xlsm")):
            return (
                file_problem_dict(
                    upload.filename,
                    "file-extension",
                    f"ไฟล์ {upload.filename} ต้องมีนามสกุล .xlsx",
                    f"{upload.filename}: expected an .xlsx file name",
                    "เปลี่ยนชื่อไฟล์ให้ลงท้ายด้วย .xlsx",
                ),
                400,
                None,
            )
        return validate_master(master), 200, master
    except WorkbookUnreadable as exc:
        return (
            file_problem_dict(
                upload.filename,
                getattr(exc, "code", "file-unreadable"),
                _rename(exc.message, upload),
                _rename(exc.english or exc.message, upload, page=False),
                _rename(exc.hint, upload) if exc.hint else exc.hint,
            ),
            400,
            None,
        )


def shown(report, upload: uploads.Upload) -> dict:
    """The report's JSON naming the client's file, not the server's temporary copy."""
    data = report.to_dict()
    data["workbook"] = upload.filename
    for p in data["problems"]:
        p["message"], p["message_en"] = _rename(p["message"], upload), _rename(p["message_en"], upload, page=False)
    return data


def _rename(text: str, upload: uploads.Upload, page: bool = True) -> str:
    """`text` naming the client's file, not the server's copy; Thai text as the page says it."""
    text = text.replace(str(upload.path), upload.filename).replace(uploads.DISK_NAME, upload.filename)
    return texts.for_the_page(text) if page else text


def _year(raw: str, plan_years: list[int], upload) -> list[int] | None:
    raw = raw.strip()
    if raw in ("", "all"):
        return None
    if raw.isdigit() and int(raw) in plan_years:
        return [int(raw)]
    raise RequestRefused(
        file_problem_dict(
            upload.filename,
            "year-outside-plan",
            f"ปี {raw} ไม่อยู่ในช่วงแผน {plan_years[0]}–{plan_years[-1]}",
            f"year {raw} is not in the plan {plan_years[0]}-{plan_years[-1]}",
            "เลือกปีงบประมาณในแผน หรือทุกปี",
        ),
        422,
    )


def _remove_after(folder: Path) -> BackgroundTask:
    return BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
