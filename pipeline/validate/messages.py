"""Message templates per problem code: severity, Thai (what is wrong, how to fix it), English.

Templates use `{value}` (the cell's value), `{column}` (its header) and per-code fields.
The location (`แผนรายปี!F17`) is prefixed by pipeline.validate.problems.problem().
"""

from pipeline.validate.messages_amendments import MESSAGES as AMENDMENT_MESSAGES
from pipeline.validate.messages_import import IMPORT_MESSAGES
from pipeline.validate.messages_monitoring import MESSAGES as MONITORING_MESSAGES
from pipeline.validate.msg import NUMBER_FIX, E, Msg, W

MESSAGES = {
    # -- structure --
    "workbook-empty": Msg(
        E,
        "สมุดงานว่างเปล่า ไม่มีแผ่นงานของแผน ({sheets})",
        "สร้างสมุดงานใหม่ด้วย pipeline init หรือ pipeline import แล้วกรอกข้อมูล",
        "the workbook is empty: none of the plan's sheets ({sheets})",
    ),
    "sheet-missing": Msg(
        E,
        "ไม่พบแผ่นงาน '{sheet_name}'{similar}",
        "เพิ่มแผ่นงานชื่อ '{sheet_name}' (สะกดตรงตามนี้) หรือแก้ชื่อแผ่นงานเดิมให้ตรง",
        "sheet '{sheet_name}' is missing",
    ),
    "sheet-empty": Msg(
        E,
        "แผ่นงาน '{sheet_name}' ไม่มีข้อมูลใต้หัวตาราง",
        "กรอกข้อมูลเริ่มที่แถว 2 ใต้หัวตาราง",
        "sheet '{sheet_name}' has no data rows",
    ),
    "header-missing": Msg(
        E,
        "ไม่พบหัวคอลัมน์ '{column}' ในแถวที่ 1",
        "เพิ่มคอลัมน์หัวตาราง '{column}' ในแถวที่ 1 (สะกดตรงตามนี้)",
        "column header '{column}' is missing from row 1",
    ),
    "header-renamed": Msg(
        E,
        "หัวคอลัมน์ '{value}' ควรเป็น '{column}'",
        "แก้หัวคอลัมน์ให้เป็น '{column}' ตรงตามแบบ",
        "header '{value}' should be '{column}'",
    ),
    "header-duplicate": Msg(
        E,
        "หัวคอลัมน์ '{column}' ซ้ำกัน (มีแล้วที่ {first})",
        "ลบหรือเปลี่ยนชื่อคอลัมน์ที่ซ้ำ ให้เหลือคอลัมน์ '{column}' เพียงคอลัมน์เดียว",
        "header '{column}' appears twice (first at {first})",
    ),
    "column-unnamed": Msg(
        W,
        "คอลัมน์ไม่มีหัวตาราง แต่มีข้อมูล '{value}' ซึ่งจะไม่ถูกนำไปใช้",
        "ย้ายข้อมูลไปไว้ในคอลัมน์ที่ถูกต้อง หรือลบออก",
        "a column without a header holds data ('{value}'); it is ignored",
    ),
    "column-unknown": Msg(
        W,
        "คอลัมน์ '{value}' ไม่อยู่ในแบบ ข้อมูลในคอลัมน์นี้จะไม่ถูกนำไปใช้",
        "ถ้าเป็นข้อมูลของคอลัมน์ในแบบ ให้ย้ายไปคอลัมน์นั้น ถ้าเป็นบันทึกส่วนตัวปล่อยไว้ได้",
        "column '{value}' is not part of the contract; it is ignored",
    ),
    "rows-after-gap": Msg(
        E,
        "มีข้อมูล '{value}' อยู่ถัดจากแถวว่างต่อกันเกิน {gap} แถว (ข้อมูลแถวสุดท้ายอยู่ที่แถว {last}) จึงไม่ถูกอ่าน",
        "ย้ายข้อมูลนี้ขึ้นไปต่อจากแถว {last} หรือลบออกถ้าพิมพ์โดยไม่ตั้งใจ",
        "content '{value}' after more than {gap} empty rows (data ends at row {last}) is not read",
    ),
    # -- cells --
    "text-spaces": Msg(
        W, "ข้อความมีช่องว่างหรือบรรทัดว่างเกินที่หัวหรือท้าย", "ลบช่องว่างที่หัวและท้ายข้อความ", "leading or trailing spaces"
    ),
    "text-not-nfc": Msg(
        W,
        "ข้อความภาษาไทยเก็บสระ/วรรณยุกต์ในลำดับที่ไม่เป็นมาตรฐาน (ไม่ใช่ NFC) อาจค้นหาหรือเทียบชื่อไม่ตรง",
        "พิมพ์ข้อความนี้ใหม่ หรือวางแบบข้อความล้วน (Paste Special > Text)",
        "Thai text is not in NFC normal form",
    ),
    "text-invisible": Msg(
        W,
        "ข้อความมีอักขระที่มองไม่เห็นบนจอ: {found} ซึ่งทำให้ชื่อหรือรหัสที่ดูเหมือนกันไม่ตรงกัน "
        "(โปรแกรมลบหรือแปลงเป็นช่องว่างให้แล้วตอนสร้างเอกสาร)",
        "พิมพ์ข้อความในช่องนี้ใหม่ หรือวางแบบข้อความล้วน (Paste Special > Text) แล้วบันทึก",
        "invisible characters in the text: {found} (removed in the documents)",
    ),
    "formula-no-value": Msg(
        E,
        "ช่องนี้เป็นสูตร {value} แต่ไม่มีค่าที่คำนวณไว้ให้อ่าน",
        "เปิดไฟล์ใน Excel ให้คำนวณแล้วบันทึก หรือพิมพ์ค่าลงไปแทนสูตร",
        "formula {value} has no computed value to read",
    ),
    "cell-error": Msg(
        E, "ช่องนี้มีค่าผิดพลาดของ Excel {value}", "แก้สูตรหรือพิมพ์ค่าที่ถูกต้องลงไปแทน", "the cell holds the Excel error {value}"
    ),
    "merged-cells": Msg(
        E,
        "มีการผสานเซลล์ {value} ในพื้นที่ข้อมูล ทำให้อ่านค่าได้ไม่ครบ",
        "เลือกช่อง {value} แล้วกด 'ผสานและจัดกึ่งกลาง' อีกครั้งเพื่อยกเลิกการผสาน แล้วกรอกค่าให้ครบทุกช่อง",
        "merged cells {value} in the data area",
    ),
    # -- settings --
    "setting-missing": Msg(
        E,
        "ไม่พบรายการ '{label}' ในคอลัมน์ รายการ",
        "เพิ่มแถวที่คอลัมน์ รายการ เป็น '{label}' และใส่ค่าในคอลัมน์ ค่า",
        "setting '{label}' is missing",
    ),
    "setting-empty": Msg(E, "รายการ '{label}' ยังไม่ได้ใส่ค่า", "ใส่ค่าของ '{label}' ในช่องนี้", "setting '{label}' is empty"),
    "setting-duplicate": Msg(
        E,
        "รายการ '{label}' ซ้ำกัน (มีแล้วที่แถว {first})",
        "ลบแถวที่ซ้ำ ให้เหลือ '{label}' เพียงแถวเดียว",
        "setting '{label}' appears twice",
    ),
    "setting-unknown": Msg(
        W,
        "รายการ '{value}' ไม่อยู่ในแบบ จะไม่ถูกนำไปใช้",
        "ตรวจการสะกดให้ตรงกับรายการในแบบ หรือลบแถวนี้",
        "unknown setting '{value}' is ignored",
    ),
    "year-invalid": Msg(
        E,
        "'{label}' ต้องเป็นปี พ.ศ. (2500–2700) แต่พบ '{value}'",
        "ใส่ปี พ.ศ. เป็นตัวเลข 4 หลัก เช่น 2566 (ถ้าเป็น ค.ศ. ให้บวก 543)",
        "'{label}' must be a Buddhist Era year 2500-2700, found '{value}'",
    ),
    "year-order": Msg(
        E,
        "ปีเริ่มต้นแผน {start} อยู่หลังปีสิ้นสุดแผน {end}",
        "ตรวจปีเริ่มต้นและปีสิ้นสุดแผน (เช่น 2566 และ 2570)",
        "start year {start} is after end year {end}",
    ),
    "date-invalid": Msg(
        E,
        "'{label}' ไม่ใช่วันที่ที่อ่านได้: '{value}'",
        "ใส่เป็นวันที่ของ Excel (จัดรูปแบบเซลล์เป็นวันที่) หรือข้อความ เช่น 30 กันยายน 2565 หรือ 30 ก.ย. 65",
        "'{label}' is not a date: '{value}'",
    ),
    "date-buddhist-era": Msg(
        E,
        "'{label}' เก็บเป็นปี ค.ศ. {year} ซึ่งคือปี พ.ศ. ที่พิมพ์ลงในช่องวันที่ของ Excel (เอกสารจะพิมพ์เป็น พ.ศ. {printed})",
        "พิมพ์วันที่ใหม่เป็นปี ค.ศ. เช่น {fixed} (Excel แสดงเป็น พ.ศ. ได้เองด้วยรูปแบบวันที่ไทย) หรือพิมพ์เป็นข้อความ เช่น 30 กันยายน {year}",
        "'{label}' holds the year {year}: a Buddhist Era year typed into a date cell "
        "(it would print as BE {printed}); type {fixed}",
    ),
    "date-as-number": Msg(
        W,
        "'{label}' เป็นตัวเลข '{value}' ที่เสียรูปแบบวันที่ อ่านได้เป็นวันที่ {day}",
        "จัดรูปแบบเซลล์เป็นวันที่ (Format Cells > Date) เพื่อให้อ่านง่าย",
        "'{label}' is the date serial {value} ({day}) without a date format",
    ),
    "announce-date-late": Msg(
        W,
        "วันที่ประกาศ {announced} ไม่ได้อยู่ก่อนเริ่มปีงบประมาณแรกของแผน ({begins})",
        "ตรวจวันที่ประกาศ: ควรประกาศก่อน 1 ตุลาคม ของปีก่อนปีเริ่มต้นแผน",
        "announcement date {announced} is not before the first fiscal year begins ({begins})",
    ),
    "digits-setting-unknown": Msg(
        W,
        "'{label}' เป็น '{value}' ซึ่งไม่มีในรายการ เอกสารจึงพิมพ์ตัวเลขตามที่พิมพ์ไว้",
        "เลือก '{choices}' (ว่างไว้ = ตามที่พิมพ์)",
        "'{label}' is '{value}', not one of {choices}: digits are printed as typed",
    ),
    "plan-title-years": Msg(
        W,
        "ชื่อแผน '{value}' มีปีของแผนอยู่แล้ว ประกาศและเล่มแผนจะพิมพ์ปีซ้ำ เพราะแม่แบบเติม '(พ.ศ. {start} - {end})' ต่อท้ายชื่อแผนให้เอง",
        "ลบปี (และวงเล็บ) ออกจากชื่อแผน เหลือเช่น 'แผนปฏิบัติการป้องกันการทุจริต'",
        "the plan title '{value}' names the plan years, which the templates add after it",
    ),
    "setting-placeholder": Msg(
        W,
        "'{label}' ยังเป็นข้อความตัวอย่าง '{value}' ซึ่งจะพิมพ์ลงในเอกสาร",
        "ใส่{what}แทนข้อความตัวอย่าง",
        "'{label}' still holds the placeholder '{value}', which the documents would print",
    ),
    # -- dimensions --
    "dimension-missing": Msg(E, "ไม่พบมิติที่ {number}", "เพิ่มแถวมิติที่ {number} พร้อมชื่อมิติ", "dimension {number} is missing"),
    "dimension-invalid": Msg(
        E, "เลขมิติต้องเป็น 1–4 แต่พบ '{value}'", "ใส่เลขมิติ 1, 2, 3 หรือ 4", "dimension number must be 1-4, found '{value}'"
    ),
    "dimension-duplicate": Msg(
        E, "มิติที่ {value} ซ้ำกัน (มีแล้วที่แถว {first})", "ลบแถวที่ซ้ำ", "dimension {value} appears twice (first at row {first})"
    ),
    "dimension-name-empty": Msg(E, "มิติที่ {number} ยังไม่มีชื่อ", "ใส่ชื่อมิติในช่องนี้", "dimension {number} has no name"),
    # -- projects --
    "project-code-empty": Msg(E, "โครงการยังไม่มีรหัส", "ใส่รหัสโครงการที่ไม่ซ้ำ เช่น P16", "the project has no code"),
    "project-code-duplicate": Msg(
        E,
        "รหัสโครงการ '{value}' ซ้ำกับแถว {first}",
        "เปลี่ยนรหัสให้ไม่ซ้ำกับโครงการอื่น",
        "project code '{value}' repeats row {first}",
    ),
    "project-seq-invalid": Msg(
        E,
        "ลำดับที่ต้องเป็นจำนวนเต็มบวก แต่พบ '{value}'",
        "ใส่ลำดับที่ เช่น 1, 2, 3",
        "ลำดับที่ must be a positive integer, found '{value}'",
    ),
    "project-seq-duplicate": Msg(
        E, "ลำดับที่ {value} ซ้ำกับแถว {first}", "เรียงลำดับที่ใหม่ให้ไม่ซ้ำกัน", "ลำดับที่ {value} repeats row {first}"
    ),
    "project-name-empty": Msg(E, "โครงการ {code} ยังไม่มีชื่อ", "ใส่ชื่อโครงการ", "project {code} has no name"),
    "project-name-duplicate": Msg(
        W,
        "ชื่อโครงการซ้ำกับโครงการ {other} (แถว {first})",
        "ถ้าเป็นโครงการเดียวกันให้ใช้รหัสเดียว ถ้าต่างกันให้แก้ชื่อให้ต่างกัน",
        "project name repeats project {other} (row {first})",
    ),
    "project-dimension-unknown": Msg(
        E,
        "มิติ '{value}' ของโครงการ {code} ไม่มีในแผ่นงาน มิติ",
        "ใส่เลขมิติที่มีในแผ่นงาน มิติ (1–4)",
        "dimension '{value}' of {code} is not in มิติ",
    ),
    "section-required-empty": Msg(
        E,
        "โครงการ {code} ยังไม่ได้กรอก '{column}'",
        "กรอก '{column}' (ส่วนนี้ต้องมีในเอกสารโครงการ)",
        "project {code}: '{column}' is empty",
    ),
    "section-empty": Msg(
        W,
        "โครงการ {code} ยังไม่ได้กรอก '{column}'",
        "กรอก '{column}' ให้ครบก่อนส่งแผน",
        "project {code}: '{column}' is empty",
    ),
    "project-no-details": Msg(
        W,
        "โครงการ {code} ยังไม่มีรายละเอียดเลย (หัวข้อหลักการและเหตุผลถึงผลลัพธ์ว่างทั้งหมด) "
        "จึงยังไม่สร้างเอกสารโครงการนี้ ตารางรายปีและตารางสรุปยังสร้างได้",
        "กรอกรายละเอียดโครงการในแถวนี้ อย่างน้อยวัตถุประสงค์และวิธีดำเนินการ",
        "project {code} has no details yet: its project sheet is not made",
    ),
    "project-unused": Msg(
        W,
        "โครงการ {code} ไม่อยู่ในแผนรายปีปีใดเลย",
        "เพิ่มโครงการนี้ในแผ่นงาน แผนรายปี หรือลบออกถ้าไม่ใช้แล้ว",
        "project {code} appears in no year",
    ),
    # -- yearly rows --
    "year-not-a-number": Msg(
        E, "ปีงบประมาณ '{value}' ไม่ใช่ปี พ.ศ.", "ใส่ปี พ.ศ. 4 หลัก เช่น 2566", "fiscal year '{value}' is not a year"
    ),
    "year-outside-plan": Msg(
        E,
        "ปีงบประมาณ {value} อยู่นอกช่วงแผน {start}–{end}",
        "แก้ปีให้อยู่ในช่วง {start}–{end} หรือแก้ปีของแผนในแผ่นงาน ตั้งค่า",
        "fiscal year {value} is outside the plan {start}-{end}",
    ),
    "year-empty": Msg(
        E, "ปีงบประมาณ {year} ไม่มีโครงการเลย", "เพิ่มแถวของปี {year} ในแผ่นงาน แผนรายปี", "fiscal year {year} has no rows"
    ),
    "row-code-empty": Msg(E, "แถวนี้ไม่มีรหัสโครงการ", "ใส่รหัสโครงการจากแผ่นงาน โครงการ", "the row has no project code"),
    "row-code-unknown": Msg(
        E,
        "รหัสโครงการ '{value}' ไม่มีในแผ่นงาน โครงการ",
        "แก้รหัสให้ตรงกับโครงการที่มี หรือเพิ่มโครงการนี้ในแผ่นงาน โครงการ",
        "project code '{value}' is not in โครงการ",
    ),
    "row-name-differs": Msg(
        W,
        "ชื่อโครงการไม่ตรงกับแผ่นงาน โครงการ{detail} ({code}: '{expected}') ตารางใช้ชื่อจากแผ่นงาน โครงการ คือ '{expected}'",
        "ถ้าชื่อในแผ่นงาน โครงการ ถูกแล้ว คัดลอกมาวางในช่องนี้ให้ตรงกัน ถ้าไม่ใช่ แก้ชื่อที่แผ่นงาน โครงการ หรือแก้รหัสโครงการถ้าผิดโครงการ",
        "name differs from โครงการ{detail_en} ({code}: '{expected}'); the tables print '{expected}'",
    ),
    "row-dimension-differs": Msg(
        W,
        "มิติ {value} ไม่ตรงกับมิติของโครงการ {code} ในแผ่นงาน โครงการ ({expected})",
        "แก้มิติให้เป็น {expected} หรือแก้มิติในแผ่นงาน โครงการ",
        "dimension {value} differs from project {code} ({expected})",
    ),
    "order-invalid": Msg(
        E,
        "ลำดับต้องเป็นจำนวนเต็มบวก แต่พบ '{value}'",
        "ใส่ลำดับ 1, 2, 3 … ในแต่ละปี",
        "ลำดับ must be a positive integer, found '{value}'",
    ),
    "order-duplicate": Msg(
        E,
        "ลำดับ {value} ของปี {year} ซ้ำกับแถว {first}",
        "เรียงลำดับของปี {year} ใหม่ให้ไม่ซ้ำ",
        "ลำดับ {value} of {year} repeats row {first}",
    ),
    "order-gap": Msg(
        E,
        "ลำดับของปี {year} ขาดเลข {missing}",
        "เรียงลำดับของปี {year} ใหม่เป็น 1 ถึง {count} ไม่ข้าม",
        "ลำดับ of {year} skips {missing}",
    ),
    "budget-not-a-number": Msg(
        E, "งบประมาณ '{value}' ไม่ใช่ตัวเลข", NUMBER_FIX + " ไม่ใช้งบประมาณใส่ 0", "budget '{value}' is not a number"
    ),
    "budget-negative": Msg(E, "งบประมาณ '{value}' ติดลบ", "ใส่จำนวนเงิน 0 ขึ้นไป", "budget '{value}' is negative"),
    "budget-decimals": Msg(
        W,
        "งบประมาณ '{value}' มีทศนิยมเกิน 2 ตำแหน่ง จะใช้ {amount} บาท (ปัดครึ่งขึ้นเป็นสตางค์) ทั้งในตัวเลข คำอ่าน และยอดรวม",
        "พิมพ์จำนวนเงินให้มีทศนิยมไม่เกิน 2 ตำแหน่ง (ถ้าเป็นสูตร เช่น =10000/3 ให้ครอบด้วย ROUND(…;2))",
        "budget '{value}' has more than 2 decimals; {amount} is used everywhere",
    ),
    "budget-as-text": Msg(
        W,
        "งบประมาณ '{value}' พิมพ์เป็นข้อความ (อ่านได้เป็น {amount} บาท)",
        NUMBER_FIX,
        "budget '{value}' is text (read as {amount})",
    ),
    "quarter-mark-unknown": Msg(
        E,
        "เครื่องหมายไตรมาส '{value}' ไม่รู้จัก",
        "ใส่ ✓ เมื่อดำเนินการในไตรมาสนั้น (หรือ ☑ / x 1) หรือเว้นว่าง",
        "unknown quarter mark '{value}'",
    ),
    "quarters-none": Msg(
        W,
        "โครงการ {code} ปี {year} ไม่ได้ทำเครื่องหมายไตรมาสใดเลย",
        "ใส่ ✓ ในไตรมาสที่ดำเนินการ",
        "project {code} in {year} has no quarter marked",
    ),
    "project-twice-in-year": Msg(
        W,
        "โครงการ {code} อยู่ในปี {year} ซ้ำกัน (แถว {first} และแถวนี้)",
        "ถ้าไม่ได้ตั้งใจ ให้ลบแถวที่ซ้ำและเรียงลำดับใหม่",
        "project {code} appears twice in {year} (rows {first} and this)",
    ),
    # -- the validator itself --
    "check-failed": Msg(
        E,
        "การตรวจ {check} ทำงานผิดพลาด ({error}) ผลการตรวจจึงอาจไม่ครบ",
        "แจ้งผู้ดูแลระบบพร้อมไฟล์นี้",
        "check {check} crashed ({error}); the report may be incomplete",
    ),
    # -- file --
    "file-open-elsewhere": Msg(
        W,
        "ไฟล์กำลังเปิดอยู่ในโปรแกรมอื่น (พบ {lock}) การแก้ไขที่ยังไม่บันทึกจะไม่ถูกตรวจ",
        "บันทึกไฟล์ใน Excel ก่อน แล้วตรวจอีกครั้ง",
        "the file is open in another program ({lock}); unsaved edits are not checked",
    ),
}

# -- the importer's notes on a plan book join the same catalogue; a code means one thing --
assert not MESSAGES.keys() & IMPORT_MESSAGES.keys()
MESSAGES.update(IMPORT_MESSAGES)

# -- the monitoring sheet's messages live beside its checks; merged here so codes stay one catalogue --
assert not MESSAGES.keys() & MONITORING_MESSAGES.keys()
MESSAGES.update(MONITORING_MESSAGES)

# -- amendments (การแก้ไขแผน): their messages live beside their checks, one catalogue all the same --
assert not MESSAGES.keys() & AMENDMENT_MESSAGES.keys()
MESSAGES.update(AMENDMENT_MESSAGES)
