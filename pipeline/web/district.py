"""The district office's page over pipeline.district.job (issue 18): many submissions (.xlsx, or
one or more .zip) in, the roll-up as a run of the same one-at-a-time queue as the organisation's
documents, its problems and its files through the same `/api/runs/{id}` and
`/api/runs/{id}/files/{path}`.

POST /api/district   `workbook` (repeated, or one .zip), optional year, round=6|12, pdf=1|0
                     -> 202 {"id"}; a refused upload or field -> 400/413/422 in the validation shape

The files are streamed into the run's own folder (`in/`, each under a cleaned copy of its name),
the roll-up writes `out/district.xlsx` and the memo beside it; the folder goes with the run.
"""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from pipeline.district import job as district_job
from pipeline.district.tables import missing_text
from pipeline.errors import NothingToRollUp, RequestRefused, UploadRefused
from pipeline.validate.problems import file_problem_dict
from pipeline.web import api, jobs, results, texts, uploads

router = APIRouter(prefix="/api")
IN, XLSX = "in", results.DISTRICT_XLSX
POST_READ_STEPS = ("excel", "memo", "pdf")  # -- after the files are read, one step of the bar each --


@router.post("/district")
async def submit(request: Request):
    q: jobs.RunQueue = request.app.state.queue
    if not q.hold():  # -- the same limit as the organisation's runs, counted before the upload is read --
        return api.queue_full("รอสักครู่ให้งานก่อนหน้าเสร็จ แล้วกดรวมผลอีกครั้ง")
    folder = q.new_folder("district-")
    try:
        with q.receiving(folder):
            (folder / IN).mkdir()
            upload = await uploads.receive(
                request, folder / IN, uploads.MAX_BYTES, many=True, total=uploads.MAX_TOTAL_BYTES
            )
            if not upload.files:
                raise UploadRefused(
                    400,
                    "upload-missing",
                    "ไม่ได้แนบไฟล์ในช่อง workbook",
                    "no file in the field 'workbook'",
                    "เลือกไฟล์ .xlsx ที่หน่วยงานส่งมา (หลายไฟล์ได้) หรือไฟล์ .zip แล้วส่งใหม่",
                )
            pdf = api.yes_no(upload, "pdf", default=True)
            year = _optional_number(upload, "year", lambda n: 2400 <= n <= 2700)
            round_ = _optional_number(upload, "round", lambda n: n in (6, 12))
    except RequestRefused as refusal:
        return JSONResponse(refusal.body, refusal.status)
    names = [shown for shown, _ in upload.files]
    run = jobs.Run(
        id=jobs.new_run_id(),
        folder=folder,
        workbook=None,
        filename=names[0] if len(names) == 1 else f"{len(names)} ไฟล์",
        years=[year] if year else None,
        pdf=pdf,
        kind="district",
        work=lambda run: roll_up(run, round_),
    )
    q.submit(run, held=True)
    return JSONResponse({"id": run.id, "position": q.position(run)}, 202)


def _optional_number(upload: uploads.Upload, key: str, fits) -> int | None:
    raw = upload.fields.get(key, "").strip()
    if raw in ("", "all", "latest"):
        return None
    if raw.isdigit() and fits(int(raw)):
        return int(raw)
    raise RequestRefused(
        file_problem_dict(
            "",
            "field-invalid",
            f"ค่าในช่อง {key} ไม่ถูกต้อง (ได้รับ '{raw[:20]}')",
            f"{key} is not valid: '{raw[:20]}'",
            "ปีงบประมาณเป็น พ.ศ. เช่น 2566; รอบเป็น 6 หรือ 12",
        ),
        422,
    )


def roll_up(run: jobs.Run, round_: int | None) -> None:
    """The queue's worker: make_district over the run's uploaded files, the bar fed by the files
    read, then one step per file written."""
    steps = len(POST_READ_STEPS) - (0 if run.pdf else 1)

    def progress(event: district_job.DistrictProgress) -> None:
        run.stage = event.stage
        if event.stage == "read" and event.total:
            run.done, run.total = event.done or 0, event.total + steps
        elif event.stage in POST_READ_STEPS and run.total:
            run.done = min(run.total - 1, run.done + 1)

    out = run.out_dir / XLSX
    try:
        result = district_job.make_district(
            run.folder / IN,
            out,
            year=run.years[0] if run.years else None,
            round_=round_,
            pdf=run.pdf,
            progress=progress,
        )
    except NothingToRollUp as exc:
        run.problems = [p.to_dict() for p in exc.problems]
        raise
    data = result.to_dict()
    data.pop("written", None)
    data.pop("list", None)  # -- a path on the server --
    for row, missing in zip(data.get("missing", []), result.rollup.missing):
        row["text"] = missing_text(missing)
    run.result = data
    run.problems = data.pop("problems", [])
    run.files = {p.relative_to(run.out_dir).as_posix(): p for p in result.files}
    run.notes = _notes(result)
    run.done = run.total = max(run.total, 1)


def _notes(result: district_job.DistrictResult) -> list[dict]:
    notes = []
    if result.pdf_skipped == "libreoffice-missing":
        notes.append(
            {"th": "ไม่มี LibreOffice จึงไม่ได้สร้าง PDF ของบันทึกข้อความ", "en": "LibreOffice is not installed: no PDF"}
        )
    if "no-emblem" in result.notices:
        notes.append(
            {
                "th": "บันทึกข้อความยังไม่มีตราครุฑ: วางรูปชื่อ garuda.png ไว้ในโฟลเดอร์ templates",
                "en": "The memo has no Garuda emblem: put garuda.png in the templates folder",
            }
        )
    return [{"th": texts.for_the_page(n["th"]), "en": n["en"]} for n in notes]
