"""The sample monitoring fill for 2566 (both rounds), written into a COPY of the real master.

    path = make_sample_master(tmp_path)                       # in a test
    python -m tests.monitoring_sample /tmp/sample-master.xlsx  # by hand, to look at the outputs

The rows come from `pipeline monitor init` (the real command), then the cells staff would type:
6-month: 5 done, 8 in progress, 2 not started; annual: 12 done, 1 in progress, 2 could not be done
(one ไม่ได้รับงบประมาณ); the one budgeted project (P08, 20,000 baht) spent 8,000 by March and
18,500 in the year. inputs/master.xlsx itself is never touched.
"""

import shutil
import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from pipeline import contract as c
from pipeline.model import year_projects
from pipeline.monitor.init import init_round
from pipeline.workbook.reader import read_plan
from tests.conftest import MASTER

YEAR = 2566
ITA = {"ตัวชี้วัด ITA แผน": "O36", "ตัวชี้วัด ITA รอบ 6 เดือน": "O37", "ตัวชี้วัด ITA ประจำปี": "O38"}
DATES = {6: date(2023, 4, 5), 12: date(2023, 10, 10)}
BUDGETED = "P08"
SPENT = {6: 8000, 12: 18500}
APPROVED = 20000
# -- statuses by position in the 2566 table (15 projects) --
STATUSES = {
    6: [c.STATUS_DONE] * 5 + [c.STATUS_IN_PROGRESS] * 8 + [c.STATUS_NOT_STARTED] * 2,
    12: [c.STATUS_DONE] * 12 + [c.STATUS_IN_PROGRESS] + [c.STATUS_FAILED] * 2,
}
FAILED_REASONS = ["ไม่ได้รับงบประมาณ", "บุคลากรไม่เพียงพอ"]
EXPECTED = {  # what the reports must say, derived from the lists above
    6: {"projects": 15, "done": 5, "in_progress": 8, "not_started": 2, "failed": 0, "spent": 8000},
    12: {"projects": 15, "done": 12, "in_progress": 1, "not_started": 0, "failed": 2, "spent": 18500},
}


def make_sample_master(folder: Path, source: Path = MASTER, name: str = "sample-master.xlsx") -> Path:
    path = Path(folder) / name
    shutil.copyfile(source, path)
    for round_ in c.ROUNDS:
        init_round(path, YEAR, round_)
    for backup in Path(folder).glob(f"{path.stem}.backup-*{path.suffix}"):
        backup.unlink()
    fill(path)
    return path


def fill(path: Path) -> None:
    wb = load_workbook(path)
    settings = wb[c.SHEET_SETTINGS]
    for row in settings.iter_rows(min_row=2):
        if row[0].value in ITA:
            row[1].value = ITA[row[0].value]
    ws = wb[c.SHEET_MONITORING]
    col = {h: i for i, h in enumerate(c.MONITORING_HEADERS, 1)}
    order = [p.code for p in year_projects(read_plan(path), YEAR)]
    for row in range(2, ws.max_row + 1):
        round_, code = ws.cell(row, col["รอบ"]).value, ws.cell(row, col["รหัสโครงการ"]).value
        i = order.index(code)
        status = STATUSES[round_][i]
        put = lambda header, value, row=row: ws.cell(row, col[header], value)  # noqa: E731
        put("สถานะ", status)
        put("วันที่รายงาน", DATES[round_])
        if code == BUDGETED:
            put("งบประมาณตามข้อบัญญัติ (บาท)", APPROVED)
            put("เบิกจ่ายจริง (บาท)", SPENT[round_])
        if status == c.STATUS_DONE:
            put("ผลการดำเนินงาน", f"ดำเนินการแล้วเสร็จตามแผน ({code})")
            put("ตัวชี้วัด/ผลที่ได้", "ผู้เข้าร่วมร้อยละ 85")
            put("หลักฐาน", f"https://www.khoksamrong.go.th/ita/{code}.pdf\nภาพกิจกรรม {code}.jpg")
        elif status == c.STATUS_IN_PROGRESS:
            put("ผลการดำเนินงาน", "อยู่ระหว่างจัดกิจกรรม")
        elif status == c.STATUS_FAILED:
            put("เหตุที่ดำเนินการไม่ได้", FAILED_REASONS[i - 13])
            put("ผลการดำเนินงาน", "ไม่ได้ดำเนินการในปีนี้")
            put("ปัญหาและอุปสรรค", f"{FAILED_REASONS[i - 13]} ({code})")
            put("ข้อเสนอแนะ", f"ตั้งงบประมาณ/จัดบุคลากรในปีถัดไป ({code})")
    wb.save(path)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "sample-master.xlsx")
    print(make_sample_master(target.parent, name=target.name))
