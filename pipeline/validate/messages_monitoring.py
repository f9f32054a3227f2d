"""Message templates for the monitoring sheet (ผลการดำเนินงาน); merged into MESSAGES."""

from pipeline.validate.msg import NUMBER_FIX, E, Msg, W

_INIT = "หรือสั่ง pipeline monitor init --year {year} --round {round} ให้เพิ่มแถวที่ขาด"

MESSAGES = {
    "monitoring-year-invalid": Msg(
        E, "ปีงบประมาณ '{value}' ไม่ใช่ตัวเลขปี พ.ศ.", "ใส่ปี พ.ศ. เป็นตัวเลข เช่น 2566", "fiscal year '{value}' is not a year"
    ),
    "monitoring-year-unknown": Msg(
        E, "ไม่มีปีงบประมาณ {value} ในแผนรายปี", "ใช้ปีที่มีโครงการในชีตแผนรายปี", "fiscal year {value} is not in the plan"
    ),
    "monitoring-round-invalid": Msg(
        E,
        "รอบ '{value}' ต้องเป็น 6 หรือ 12",
        "เลือก 6 (รอบ ๖ เดือน ๑ ต.ค.–๓๑ มี.ค.) หรือ 12 (ประจำปี)",
        "round '{value}' must be 6 or 12",
    ),
    "monitoring-code-empty": Msg(
        E, "ไม่ได้ใส่รหัสโครงการ", "ใส่รหัสโครงการตามชีตโครงการ เช่น P01", "the project code is empty"
    ),
    "monitoring-project-unknown": Msg(
        E, "ไม่มีโครงการรหัส {value} ในชีตโครงการ", "แก้รหัสให้ตรงกับคอลัมน์ รหัส ของชีตโครงการ", "no project with code {value}"
    ),
    "monitoring-project-not-in-year": Msg(
        E,
        "โครงการ {value} ไม่อยู่ในแผนรายปีของปี {year}",
        "ตรวจปีงบประมาณของแถวนี้ หรือเพิ่มโครงการในแผนรายปีของปีนั้น",
        "project {value} is not in the {year} plan",
    ),
    "monitoring-row-duplicate": Msg(
        E,
        "โครงการ {value} ปี {year} รอบ {round} มีแถวซ้ำ (แถว {first} และแถวนี้)",
        "รวมข้อมูลไว้แถวเดียวแล้วลบแถวที่ซ้ำ",
        "project {value}, {year} round {round} appears twice (row {first} and this)",
    ),
    "monitoring-project-missing": Msg(
        E,
        "โครงการ {value} ของปี {year} ไม่มีแถวในผลการดำเนินงาน รอบ {round}",
        "เพิ่มแถวของโครงการนี้ในชีตผลการดำเนินงาน " + _INIT,
        "project {value} of {year} has no row in round {round}",
    ),
    "monitoring-status-invalid": Msg(
        E,
        "สถานะ '{value}' ไม่อยู่ในรายการ",
        "เลือกจากรายการ: ยังไม่ดำเนินการ, อยู่ระหว่างดำเนินการ, ดำเนินการแล้วเสร็จ, ไม่สามารถดำเนินการได้",
        "status '{value}' is not one of the four",
    ),
    "monitoring-status-empty": Msg(
        W,
        "ยังไม่ได้เลือกสถานะของโครงการ {code} (รายงานจะนับเป็น ยังไม่ดำเนินการ)",
        "เลือกสถานะจากรายการ",
        "no status for {code} (counted as not started)",
    ),
    "monitoring-reason-missing": Msg(
        E,
        "โครงการ {code} ไม่สามารถดำเนินการได้ แต่ไม่ได้ระบุเหตุ",
        "เลือกเหตุจากรายการ: ไม่ได้รับงบประมาณ, นโยบายผู้บริหารเปลี่ยนแปลง, บุคลากรไม่เพียงพอ, อื่น ๆ",
        "{code} could not be done but no reason is given",
    ),
    "monitoring-reason-invalid": Msg(
        E,
        "เหตุ '{value}' ไม่อยู่ในรายการ",
        "เลือกจากรายการ ถ้าไม่ตรงให้เลือก อื่น ๆ แล้วอธิบายในช่องผลการดำเนินงาน",
        "reason '{value}' is not in the list",
    ),
    "monitoring-reason-unexplained": Msg(
        W,
        "เลือกเหตุ อื่น ๆ แต่ช่องผลการดำเนินงานไม่ได้อธิบายเหตุ",
        "อธิบายเหตุที่ดำเนินการไม่ได้ในช่องผลการดำเนินงาน",
        "reason 'other' without an explanation in the result cell",
    ),
    "monitoring-result-empty": Msg(
        W,
        "โครงการ {code} ดำเนินการแล้วเสร็จ แต่ไม่ได้กรอกผลการดำเนินงาน",
        "สรุปผลการดำเนินงานสั้น ๆ (ทำอะไร เมื่อไร ได้ผลอย่างไร)",
        "{code} is done but the result is empty",
    ),
    "monitoring-amount-invalid": Msg(
        E,
        "{column} '{value}' ไม่ใช่จำนวนเงินที่ถูกต้อง (ติดลบหรือเป็นข้อความ)",
        NUMBER_FIX,
        "{column} '{value}' is not a valid amount (negative or text)",
    ),
    "monitoring-amount-as-text": Msg(
        W,
        "{column} '{value}' เป็นข้อความ อ่านได้เป็น {amount} บาท",
        NUMBER_FIX,
        "{column} '{value}' is text; read as {amount}",
    ),
    "monitoring-spent-over-budget": Msg(
        W,
        "เบิกจ่ายจริง {spent} บาท มากกว่างบประมาณตามข้อบัญญัติ {approved} บาท",
        "ตรวจตัวเลขเบิกจ่ายหรืองบประมาณตามข้อบัญญัติ (ถ้ามีการโอนงบ ให้แก้งบตามข้อบัญญัติ)",
        "spent {spent} exceeds the approved budget {approved}",
    ),
    "monitoring-spent-decreased": Msg(
        W,
        "เบิกจ่ายจริงรอบประจำปี {value} บาท น้อยกว่ารอบ ๖ เดือน {earlier} บาท (แถว {first})",
        "ยอดรอบประจำปีเป็นยอดสะสมทั้งปี จึงไม่ควรน้อยกว่ารอบ ๖ เดือน ตรวจตัวเลขทั้งสองแถว",
        "annual spending {value} is less than the 6-month {earlier} (row {first})",
    ),
    "monitoring-date-invalid": Msg(
        E,
        "วันที่รายงาน '{value}' อ่านเป็นวันที่ไม่ได้",
        "ใส่วันที่ เช่น 5 เมษายน 2566 หรือเลือกรูปแบบวันที่ใน Excel",
        "report date '{value}' is not a date",
    ),
    "monitoring-date-outside-round": Msg(
        W,
        "วันที่รายงาน {day} อยู่นอกช่วงของรอบนี้ ({start} ถึง {end})",
        "ตรวจปี รอบ และวันที่รายงาน (รอบ ๖ เดือนครอบคลุม ๑ ต.ค.–๓๑ มี.ค. รอบประจำปี ๑ ต.ค.–๓๐ ก.ย. "
        "รายงานได้ภายใน {grace} วันหลังสิ้นรอบ)",
        "report date {day} is outside the round ({start} to {end})",
    ),
    "ita-setting-missing": Msg(
        W,
        "ไม่มีแถว '{label}' ในแผ่นงาน ตั้งค่า ชื่อไฟล์ที่เผยแพร่จะไม่มีรหัสตัวชี้วัด",
        "เพิ่มแถว: พิมพ์ '{label}' ในคอลัมน์ รายการ และรหัส เช่น O37 ในคอลัมน์ ค่า (pipeline monitor init เพิ่มแถวนี้ให้เอง)",
        "settings row '{label}' is missing; published files get no indicator code",
    ),
    "ita-code-empty": Msg(
        W,
        "ยังไม่ได้ใส่ '{label}' ชื่อไฟล์ที่เผยแพร่จะไม่มีรหัสตัวชี้วัด",
        "ใส่รหัสตัวชี้วัดของปีการประเมิน เช่น O37 ในคอลัมน์ ค่า",
        "setting '{label}' is empty; published files get no indicator code",
    ),
}
