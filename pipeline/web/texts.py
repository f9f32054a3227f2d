"""The page's words in Thai (default) and English (?lang=en). The JavaScript gets the same dict.

Messages from the library are written for the command line too; `for_the_page` rewords the few
that tell staff to type a command (this page's people have no terminal) and drops the names of
Python exceptions from Thai sentences."""

import re
from pathlib import PurePath

from pipeline.district import job as district
from pipeline.district.problems import SEVERITY_TH
from pipeline.render.word.word import NO_EMBLEM
from pipeline.run import job as run
from pipeline.run.report import outcome_notes

INTERNAL_ERROR = "ผิดพลาดภายในโปรแกรม (ไม่ใช่ความผิดของข้อมูล): แจ้งผู้ดูแลระบบ รายละเอียดบันทึกไว้ที่เครื่องที่เปิดโปรแกรมนี้"

TH = {
    "lang": "th",
    "other_lang": "English",
    "other_lang_href": "?lang=en",
    "title": "สร้างเอกสารแผนปฏิบัติการป้องกันการทุจริต",
    "intro": "ทำได้ครบในหน้านี้: อัปโหลดสมุดงานหลัก ตรวจข้อมูล สร้างเอกสาร แล้วดาวน์โหลด",
    "step1": "1. เลือกสมุดงานหลัก",
    "step1_help": "ลากไฟล์ .xlsx มาวางในกรอบ หรือกดปุ่มเลือกไฟล์ (ไม่เกิน 20 MB) ไฟล์ของท่านจะไม่ถูกแก้ไข",
    "drop": "ลากไฟล์ .xlsx มาวางที่นี่ หรือ",
    "choose": "เลือกไฟล์",
    "file_label": "สมุดงานหลัก (.xlsx)",
    "chosen": "ไฟล์ที่เลือก",
    "start_help": "ยังไม่มีสมุดงาน? ดาวน์โหลดไปกรอกใน Excel:",
    "new_title": "สร้างสมุดงานใหม่ของหน่วยงาน (มีมิติ ประกาศ และคำนำให้แล้ว)",
    "new_help": "ใส่ชื่อหน่วยงานเต็ม ปีของแผน และผู้ลงนาม (ถ้ามี): ได้สมุดงานที่มีมิติ ๔ มิติ ชื่อแผน เนื้อความประกาศ "
    "และคำนำพร้อมแก้ไข เพิ่มโครงการแล้วตรวจผ่านได้ทันที",
    "new_org": "ชื่อหน่วยงาน",
    "new_years": "ปีของแผน (พ.ศ.)",
    "new_signer": "ผู้ลงนาม",
    "new_make": "สร้างและดาวน์โหลด",
    "new_done": "ดาวน์โหลด {name} แล้ว: เพิ่มโครงการในแผ่นงาน โครงการ และ แผนรายปี แล้วอัปโหลดที่ขั้นที่ ๑",
    "empty": "สมุดงานเปล่า (มีชีตและหัวคอลัมน์ครบ)",
    "sample": "สมุดงานตัวอย่างของ อบต.โคกสำโรง",
    "step2": "2. ตรวจข้อมูล",
    "step2_help": "ผิดพลาด (สีแดง) ต้องแก้ในสมุดงานก่อนสร้างเอกสาร; คำเตือน (สีเหลือง) สร้างได้ แต่ควรตรวจดู",
    "checking": "กำลังตรวจ…",
    "check_ok": "ผ่าน: ไม่มีข้อผิดพลาด สร้างเอกสารได้",
    "check_bad": "ไม่ผ่าน: แก้ข้อผิดพลาดในสมุดงาน บันทึก แล้วเลือกไฟล์อีกครั้ง ยังไม่ได้สร้างไฟล์ใด ๆ",
    "n_errors": ["ข้อผิดพลาด {n} รายการ", "ข้อผิดพลาด {n} รายการ"],
    "n_warnings": ["คำเตือน {n} รายการ", "คำเตือน {n} รายการ"],
    "level": "ระดับ",
    "where": "ตำแหน่ง",
    "code": "รหัสปัญหา",
    "value": "ค่าในช่อง",
    "fix": "รายละเอียดและวิธีแก้",
    "error": "ผิดพลาด",
    "warning": "คำเตือน",
    "file": "ทั้งไฟล์",
    "report_xlsx": "ดาวน์โหลดรายงาน validation.xlsx (มีลิงก์ไปที่เซลล์)",
    "step3": "3. สร้างเอกสาร",
    "step3_help": "เลือกปีงบประมาณ และจะสร้าง PDF ด้วยหรือไม่ (PDF ใช้เวลานานกว่าและต้องมี LibreOffice)",
    "years": "ปีงบประมาณ",
    "all_years": "ทุกปีในแผน",
    "with_pdf": "สร้าง PDF ด้วย",
    "generate": "สร้างเอกสาร",
    "progress": "ความคืบหน้าการสร้างเอกสาร",
    "queued": "รอคิว ลำดับที่ {position}",
    "running": "กำลังทำ",
    "done": "เสร็จแล้ว",
    "failed": "ไม่สำเร็จ",
    "documents": "เอกสาร {done} / {total}",
    "stages": {**run.STAGES, "done": "เสร็จแล้ว"},
    "step4": "4. ดาวน์โหลด",
    "step4_help": "ไฟล์ zip มีโฟลเดอร์เหมือน outputs/ ชื่อไฟล์ภาษาไทยเปิดใน Windows ได้ตรง",
    "retention": "ไฟล์ที่สร้างจะถูกลบจากเครื่องนี้ {keep} หลังสร้างเสร็จ หรือ {after} หลังดาวน์โหลด zip ครั้งแรก "
    "(และเมื่อปิดโปรแกรม) ดาวน์โหลดเก็บไว้ก่อน",
    "expires": "ไฟล์ชุดนี้จะถูกลบเวลา {time} น.",
    "hour": "1 ชั่วโมง",
    "minutes": "{n} นาที",
    "zip": "ดาวน์โหลดทั้งหมด (.zip)",
    "announcement_pdf": "ประกาศ (PDF)",
    "planbook_pdf": "เล่มแผน (PDF)",
    "summary_xlsx": "ตารางสรุป summary.xlsx",
    "validation_xlsx": "รายงานคำเตือน validation.xlsx",
    "made": "ไฟล์ที่สร้าง",
    "folder": "ไฟล์ / โฟลเดอร์",
    "pages": "หน้า PDF",
    "monitor_title": "ติดตามผล: เพิ่มแถวของรอบรายงาน",
    "monitor_help": "รอบ ๖ เดือน หรือประจำปี: เพิ่มแถวของทุกโครงการในปีนั้นลงในแผ่นงาน ผลการดำเนินงาน "
    "(ไม่แก้ช่องที่กรอกไว้แล้ว) แล้วดาวน์โหลดสมุดงานกลับไปกรอกผลใน Excel และอัปโหลดใหม่เพื่อทำรายงาน",
    "monitor_year": "ปีงบประมาณ",
    "monitor_round": "รอบ",
    "round_6": "รอบ ๖ เดือน (ต.ค.–มี.ค.)",
    "round_12": "ประจำปี",
    "monitor_add": "เพิ่มแถวและดาวน์โหลดสมุดงาน",
    "monitor_working": "กำลังเพิ่มแถว…",
    "monitor_done": "เพิ่มแถว {added} โครงการแล้ว ดาวน์โหลด {name} (กรอกผลใน Excel แล้วอัปโหลดใหม่)",
    "monitor_none": "มีแถวของรอบนี้ครบทุกโครงการแล้ว ไม่ได้แก้ไขสมุดงาน",
    "codes_title": "ความหมายของผลลัพธ์ (รหัสออกของคำสั่ง pipeline สำหรับผู้ดูแลระบบ)",
    "codes": [
        ("0", "สำเร็จ (อาจมีคำเตือน)"),
        ("1", "ข้อมูลในสมุดงานผิดพลาด จึงยังไม่ได้สร้างไฟล์ใด ๆ"),
        ("2", "เปิดไฟล์ไม่ได้: ไม่มีไฟล์ ไม่ใช่ .xlsx ตั้งรหัสผ่านไว้ หรือไฟล์ไม่ปลอดภัย"),
        ("3", "เขียนไฟล์ผลลัพธ์ไม่ได้: มีอยู่แล้ว เปิดอยู่ใน Word/Excel หรือไม่มีสิทธิ์เขียน"),
        ("4", "แม่แบบ Word เสีย"),
        ("5", "LibreOffice แปลงไฟล์เป็น PDF ไม่สำเร็จ"),
        ("70", "ผิดพลาดภายในโปรแกรม (ไม่ใช่ความผิดของข้อมูล) แจ้งผู้ดูแลระบบ"),
    ],
    "version": "รุ่น",
    "upload_failed": "ส่งไฟล์ไม่สำเร็จ",
    "only_xlsx": "เลือกได้เฉพาะไฟล์ .xlsx",
    "server_gone": "ติดต่อโปรแกรมไม่ได้: หน้าต่างโปรแกรมอาจถูกปิด หรือเครื่องที่เปิดโปรแกรมปิดอยู่ "
    "เปิดโปรแกรมอีกครั้ง (เปิดหน้าเว็บ) แล้วลองใหม่",
    "file_changed": "อ่านไฟล์ที่เลือกไม่ได้: ไฟล์ถูกแก้ไข ย้าย หรือลบหลังจากเลือก กดเลือกไฟล์อีกครั้ง",
    "run_lost": "ไม่พบงานนี้แล้ว: โปรแกรมถูกปิดแล้วเปิดใหม่ หรือไฟล์ถูกลบไปแล้ว กดสร้างเอกสารอีกครั้ง",
    "login_again": "หมดเวลาเข้าสู่ระบบแล้ว: เปิดหน้าแรกใหม่แล้วเข้าสู่ระบบ",
    "login_title": "เข้าสู่ระบบ",
    "password": "รหัสผ่าน",
    "login": "เข้าสู่ระบบ",
    "logout": "ออกจากระบบ",
    "logged_out": "ออกจากระบบแล้ว",
    "wrong_password": "รหัสผ่านไม่ถูกต้อง",
    "too_many": "ใส่รหัสผ่านผิดหลายครั้งเกินไป: รอ 1 นาทีแล้วลองใหม่",
    "not_found_title": "ไม่พบไฟล์หรืองานนี้",
    "not_found": "ไฟล์ของงานถูกลบ {keep} หลังสร้างเสร็จ หรือ {after} หลังดาวน์โหลด zip และเมื่อปิดโปรแกรม "
    "อัปโหลดสมุดงานแล้วสร้างเอกสารใหม่ได้ที่หน้าแรก",
    "error_title": "ทำรายการนี้ไม่ได้",
    "back": "กลับไปหน้าแรก",
    # -- the district office's page (/district) --
    "to_district": "สำหรับท้องถิ่นอำเภอ: รวมผลจากไฟล์ที่หน่วยงานส่งมา",
    "to_plan": "กลับไปหน้าสร้างเอกสารของหน่วยงาน",
    "district_title": "รวมผลแผนปฏิบัติการป้องกันการทุจริตระดับอำเภอ",
    "district_intro": "สำหรับท้องถิ่นอำเภอ: วางไฟล์ที่หน่วยงานส่งมาทั้งหมด (สมุดงานหลัก .xlsx หรือ summary.xlsx "
    "หลายไฟล์ หรือไฟล์ .zip) ได้ตารางสรุป district.xlsx และบันทึกข้อความเสนอนายอำเภอ",
    "district_step1": "1. เลือกไฟล์ที่หน่วยงานส่งมา",
    "district_step1_help": "ลากไฟล์ .xlsx หลายไฟล์ หรือไฟล์ .zip มาวางในกรอบ หรือกดปุ่มเลือกไฟล์ "
    "(ไฟล์ละไม่เกิน 20 MB รวมไม่เกิน 200 MB) ใส่ รายชื่อหน่วยงาน.xlsx มาด้วยเพื่อดูว่าใครยังไม่ส่ง",
    "district_drop": "ลากไฟล์ .xlsx หรือ .zip มาวางที่นี่ หรือ",
    "district_choose": "เลือกไฟล์",
    "district_file_label": "ไฟล์ที่หน่วยงานส่งมา (.xlsx, .zip)",
    "district_chosen": "เลือกแล้ว {n} ไฟล์",
    "district_step2": "2. รวมผล",
    "district_year": "ปีงบประมาณ (พ.ศ.)",
    "district_year_help": "ว่างไว้ = ทุกปี",
    "district_round": "รอบติดตามผล",
    "round_latest": "รอบล่าสุดที่รายงาน",
    "district_pdf": "สร้าง PDF ของบันทึกข้อความด้วย",
    "district_go": "รวมผล",
    "district_progress": "ความคืบหน้าการรวมผล",
    "district_stages": {**district.STAGES, "done": "เสร็จแล้ว"},
    "district_files": "{done} / {total}",
    "district_step3": "3. ผลการรวมและดาวน์โหลด",
    "district_summary": "รวม {organisations} หน่วยงาน จากไฟล์ {files} ไฟล์; ปัญหา {problems} รายการ",
    "district_xlsx": "ตารางสรุประดับอำเภอ district.xlsx",
    "memo_docx": "บันทึกข้อความ (Word)",
    "memo_pdf": "บันทึกข้อความ (PDF)",
    "district_zip": "ดาวน์โหลดทั้งหมด (.zip)",
    "district_missing": "ยังไม่ส่งหรือยังส่งไม่ครบ",
    "district_problems": "ปัญหาของไฟล์ที่ส่งมา",
    "no_problems": "ไม่มีปัญหา: ทุกไฟล์นำมารวมได้",
    "district_file": "ไฟล์",
    "district_where": "แผ่นงาน!เซลล์",
    "district_message": "ปัญหาและวิธีแก้",
    "severity": dict(SEVERITY_TH),
    "district_only": "เลือกได้เฉพาะไฟล์ .xlsx และ .zip",
}

EN = {
    **TH,
    "lang": "en",
    "other_lang": "ภาษาไทย",
    "other_lang_href": "?lang=th",
    "title": "Anti-corruption action plan documents",
    "intro": "Everything on one page: upload the master workbook, check it, generate, download.",
    "step1": "1. Choose the master workbook",
    "step1_help": "Drop an .xlsx file in the box or use the button (20 MB at most). Your file is never changed.",
    "drop": "Drop an .xlsx file here, or",
    "choose": "Choose file",
    "file_label": "master workbook (.xlsx)",
    "chosen": "Chosen file",
    "start_help": "No workbook yet? Download one to fill in Excel:",
    "new_title": "A new master for your organisation (มิติ, ประกาศ and คำนำ written for you)",
    "new_help": "The organisation's full name, the plan years and the signer (optional): the workbook has the "
    "four มิติ, the plan title, the announcement and the preface ready to edit; add projects and it validates.",
    "new_org": "Organisation",
    "new_years": "Plan years (B.E.)",
    "new_signer": "Signer",
    "new_make": "Make and download",
    "new_done": "Downloaded {name}: add projects in โครงการ and แผนรายปี, then upload it in step 1",
    "empty": "Empty workbook (every sheet and header)",
    "sample": "Sample workbook of อบต.โคกสำโรง",
    "step2": "2. Check",
    "step2_help": "Errors (red) must be fixed first; warnings (yellow) do not block.",
    "checking": "Checking…",
    "check_ok": "Valid: no errors, documents can be generated",
    "check_bad": "Invalid: fix the errors in the workbook, save it and choose it again. Nothing was generated.",
    "n_errors": ["{n} error", "{n} errors"],
    "n_warnings": ["{n} warning", "{n} warnings"],
    "level": "level",
    "where": "where",
    "code": "code",
    "value": "value",
    "fix": "problem and fix",
    "error": "error",
    "warning": "warning",
    "file": "whole file",
    "report_xlsx": "Download validation.xlsx (links to the cells)",
    "step3": "3. Generate",
    "step3_help": "Choose the fiscal year, and whether to make PDFs (slower, needs LibreOffice).",
    "years": "Fiscal year",
    "all_years": "All plan years",
    "with_pdf": "Make PDFs",
    "generate": "Generate",
    "progress": "progress of the documents",
    "queued": "Queued, position {position}",
    "running": "Running",
    "done": "Done",
    "failed": "Failed",
    "documents": "documents {done} / {total}",
    "stages": {
        "validate": "checking the workbook",
        "summary": "making the Excel summary",
        "word": "making the Word documents",
        "pdf": "making the PDFs and computing the Excel formulas",
        "publish": "putting the files in place",
        "write-back": "writing the summary back into the master",
        "done": "done",
    },
    "step4": "4. Download",
    "step4_help": "The zip has the layout of outputs/ with UTF-8 file names.",
    "retention": "The files made are deleted from this PC {keep} after they are made, or {after} after the zip "
    "is first downloaded (and when the program is closed): download them first.",
    "expires": "These files are deleted at {time}.",
    "hour": "1 hour",
    "minutes": "{n} minutes",
    "zip": "Download everything (.zip)",
    "announcement_pdf": "Announcement (PDF)",
    "planbook_pdf": "Plan book (PDF)",
    "summary_xlsx": "summary.xlsx",
    "validation_xlsx": "validation.xlsx",
    "made": "Files made",
    "folder": "file / folder",
    "pages": "PDF pages",
    "monitor_title": "Monitoring: add a round's rows",
    "monitor_help": "6-month or annual round: adds every project of that year to the monitoring sheet "
    "(cells already typed are kept), then downloads the workbook to fill in Excel and upload again.",
    "monitor_year": "Fiscal year",
    "monitor_round": "Round",
    "round_6": "6 months (Oct-Mar)",
    "round_12": "Annual",
    "monitor_add": "Add the rows and download the workbook",
    "monitor_working": "Adding the rows…",
    "monitor_done": "Added {added} projects; downloaded {name} (fill it in Excel, then upload it again)",
    "monitor_none": "Every project already has a row for this round; the workbook is unchanged",
    "codes_title": "What the results mean (exit codes of the pipeline command, for IT staff)",
    "codes": [
        ("0", "done (warnings allowed)"),
        ("1", "errors in the workbook: nothing was generated"),
        ("2", "the file cannot be read (missing, not .xlsx, password, unsafe)"),
        ("3", "an output is blocked (exists, open in Word/Excel, read-only)"),
        ("4", "a broken Word template"),
        ("5", "LibreOffice failed"),
        ("70", "an internal error (not the data's fault): tell the maintainer"),
    ],
    "version": "version",
    "upload_failed": "Upload failed",
    "only_xlsx": "Only .xlsx files",
    "server_gone": "The program cannot be reached: its window may have been closed or its PC is off. "
    "Start it again (open the web page), then try again.",
    "file_changed": "The chosen file cannot be read: it was changed, moved or deleted after it was chosen. "
    "Choose it again.",
    "run_lost": "This run is gone: the program was restarted, or its files were deleted. Generate again.",
    "login_again": "The session has ended: open the page again and sign in.",
    "login_title": "Sign in",
    "password": "Password",
    "login": "Sign in",
    "logout": "Sign out",
    "logged_out": "Signed out",
    "wrong_password": "Wrong password",
    "too_many": "Too many wrong passwords: wait a minute and try again",
    "not_found_title": "No such file or run",
    "not_found": "A run's files are deleted {keep} after they are made, or {after} after the zip is downloaded, "
    "and when the program is closed. Upload the workbook and generate again on the first page.",
    "error_title": "This cannot be done",
    "back": "Back to the first page",
    "to_district": "For the district office: roll up the organisations' files",
    "to_plan": "Back to the organisation's documents",
    "district_title": "District roll-up of the anti-corruption action plans",
    "district_intro": "For the district office: drop every file the organisations sent (master workbooks or "
    "summary.xlsx, many at once, or a .zip) and get district.xlsx and the memo to the district chief.",
    "district_step1": "1. Choose the organisations' files",
    "district_step1_help": "Drop many .xlsx files or a .zip in the box, or use the button (20 MB a file, "
    "200 MB together). Add รายชื่อหน่วยงาน.xlsx to see who has not sent theirs.",
    "district_drop": "Drop .xlsx or .zip files here, or",
    "district_choose": "Choose files",
    "district_file_label": "the organisations' files (.xlsx, .zip)",
    "district_chosen": "{n} files chosen",
    "district_step2": "2. Roll up",
    "district_year": "Fiscal year (B.E.)",
    "district_year_help": "empty = every year",
    "district_round": "Monitoring round",
    "round_latest": "the latest reported",
    "district_pdf": "Also make the memo's PDF",
    "district_go": "Roll up",
    "district_progress": "Roll-up progress",
    "district_stages": {
        "collect": "collecting the files",
        "read": "reading the files",
        "rollup": "adding up",
        "excel": "writing district.xlsx",
        "memo": "writing the memo",
        "pdf": "making the memo's PDF",
        "done": "done",
    },
    "district_files": "{done} / {total}",
    "district_step3": "3. Result and downloads",
    "district_summary": "{organisations} organisations from {files} files; {problems} problems",
    "district_xlsx": "District table district.xlsx",
    "memo_docx": "Memo (Word)",
    "memo_pdf": "Memo (PDF)",
    "district_zip": "Download everything (.zip)",
    "district_missing": "Not sent, or not complete",
    "district_problems": "Problems in the files sent",
    "no_problems": "No problems: every file was rolled up",
    "district_file": "File",
    "district_where": "Sheet!cell",
    "district_message": "Problem and fix",
    "severity": {"error": "error", "warning": "warning", "skipped": "skipped"},
    "district_only": "Only .xlsx and .zip files",
}


def words(lang: str | None) -> dict:
    return EN if lang == "en" else TH


def duration(seconds: float, t: dict) -> str:
    minutes = round(seconds / 60)
    return t["hour"] if minutes == 60 else t["minutes"].format(n=minutes)


# -- what the library says for the command line, as this page says it (Thai) --
_PAGE_WORDING = [
    (
        re.compile(r"สร้าง(?:สมุดงาน)?ใหม่ด้วย pipeline init(?: หรือ pipeline import)?"),
        "ดาวน์โหลดสมุดงานเปล่าจากหน้าแรก (ข้อ 1) ไปกรอก",
    ),
    (
        re.compile(r"หรือสั่ง pipeline monitor init --year (\d+) --round (\d+)"),
        r"หรือใช้หัวข้อ ติดตามผล ในหน้านี้ (ปี \1 รอบ \2)",
    ),
    (re.compile(r"\(pipeline monitor init เพิ่มแถวนี้ให้เอง\)"), "(หัวข้อ ติดตามผล ในหน้านี้เพิ่มแถวนี้ให้เอง)"),
    (re.compile(r"ใช้ --round 6 \(รอบ ๖ เดือน\) หรือ --round 12 \(ประจำปี\)"), "เลือกรอบ ๖ เดือน หรือประจำปี"),
    (re.compile(r"ระบุ --year เป็นปีงบประมาณ"), "เลือกปีงบประมาณ"),
    (re.compile(r'ดูรายการทั้งหมดด้วย pipeline validate "[^"]*"'), "ดูรายการทั้งหมดในข้อ 2 ตรวจข้อมูล"),
    (re.compile(r"ตามที่สั่ง \(--no-pdf\)"), "ตามที่เลือก"),
    (re.compile(r"แล้วสั่งใหม่"), "แล้วสร้างเอกสารใหม่"),
    # -- a Python exception's name means nothing to staff: "(OSError)", "(BadZipFile)" --
    (re.compile(r" ?\((?:[A-Z][A-Za-z]*(?:Error|Exception)|BadZipFile)\)"), ""),
]


def for_the_page(text: str) -> str:
    for pattern, replacement in _PAGE_WORDING:
        text = pattern.sub(replacement, text)
    return text


def run_notes(result: run.RunResult, filename: str) -> list[dict]:
    """What staff should read after a run, as the command line says it (reworded for the page),
    with the English of the codes."""
    thai = [for_the_page(sentence) for _, sentence in outcome_notes(result, PurePath(filename))]
    english = []
    if result.empty_sheets:
        english.append(f"{len(result.empty_sheets)} projects have no details yet, so their sheets were not made:")
        english += [f"  - no. {p['seq']} {p['name']} ({p['code']})" for p in result.empty_sheets]
    if NO_EMBLEM in result.notices:
        english.append("The announcement has no Garuda emblem: put garuda.png in the templates folder")
    if result.pdf_skipped == run.NO_PDF_REQUESTED:
        english.append("No PDFs, as chosen; Excel computes the formulas when it opens the files")
    elif result.pdf_skipped == run.LIBREOFFICE_MISSING:
        english.append("LibreOffice is not installed: no PDFs were made")
    if len(english) != len(thai):  # -- a note without an English form: the Thai one stands --
        english = thai
    return [{"th": th, "en": en} for th, en in zip(thai, english)]
