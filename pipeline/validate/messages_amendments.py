"""Message templates for amendments (sheet การแก้ไขแผน and the marks in แผนรายปี); merged into MESSAGES."""

from pipeline.validate.msg import E, Msg, W

_MARKS = "คอลัมน์ เพิ่มเติมครั้งที่ หรือ ยกเลิกครั้งที่ ของแผ่นงาน แผนรายปี"

MESSAGES = {
    "amendment-number-missing": Msg(
        E,
        "การแก้ไขแผนแถวนี้ยังไม่ได้ใส่ครั้งที่",
        "ใส่ครั้งที่ของการแก้ไข 1, 2, 3 … ตามลำดับที่ประกาศ",
        "the amendment has no number",
    ),
    "amendment-number-invalid": Msg(
        E,
        "ครั้งที่ '{value}' ต้องเป็นจำนวนเต็มบวก",
        "ใส่ครั้งที่เป็นตัวเลข เช่น 1",
        "amendment number '{value}' must be a positive whole number",
    ),
    "amendment-number-duplicate": Msg(
        E,
        "การแก้ไขแผนครั้งที่ {value} ซ้ำกับแถว {first}",
        "แต่ละครั้งมีแถวเดียว: รวมไว้แถวเดียว หรือแก้เป็นครั้งถัดไป",
        "amendment {value} repeats row {first}",
    ),
    "amendment-number-gap": Msg(
        E,
        "ครั้งที่ของการแก้ไขแผนข้ามเลข {missing}",
        "เรียงครั้งที่ใหม่เป็น 1 ถึง {count} ไม่ข้าม (และแก้เลขใน" + _MARKS + " ให้ตรงกัน)",
        "amendment numbers skip {missing}",
    ),
    "amendment-date-missing": Msg(
        W,
        "การแก้ไขแผนครั้งที่ {number} ยังไม่ได้ใส่วันที่ประกาศ ประกาศแก้ไขแผนจะเว้นที่ให้เขียนวันที่",
        "ใส่วันที่ลงนามประกาศการแก้ไขครั้งนี้ เช่น 15 มีนาคม 2568",
        "amendment {number} has no announcement date (its ประกาศ leaves a line for it)",
    ),
    "amendment-date-invalid": Msg(
        E,
        "วันที่ประกาศ '{value}' ของการแก้ไขแผนครั้งที่ {number} ไม่ใช่วันที่ที่อ่านได้",
        "ใส่เป็นวันที่ของ Excel หรือข้อความ เช่น 15 มีนาคม 2568 หรือ 15 มี.ค. 68",
        "'{value}' (amendment {number}) is not a date",
    ),
    "amendment-date-buddhist-era": Msg(
        E,
        "วันที่ประกาศของการแก้ไขแผนครั้งที่ {number} เก็บเป็นปี ค.ศ. {year} ซึ่งคือปี พ.ศ. ที่พิมพ์ลงในช่องวันที่ของ Excel",
        "พิมพ์วันที่ใหม่เป็นปี ค.ศ. เช่น {fixed} หรือพิมพ์เป็นข้อความ เช่น 15 มีนาคม {year}",
        "amendment {number}: the year {year} is a Buddhist Era year typed into a date cell; type {fixed}",
    ),
    "amendment-date-early": Msg(
        E,
        "การแก้ไขแผนครั้งที่ {number} ลงวันที่ {day} ก่อนวันประกาศใช้แผน ({announced})",
        "ตรวจวันที่ประกาศการแก้ไข: ต้องอยู่หลังวันที่ประกาศในแผ่นงาน ตั้งค่า",
        "amendment {number} is dated {day}, before the plan was announced ({announced})",
    ),
    "amendment-date-order": Msg(
        W,
        "การแก้ไขแผนครั้งที่ {number} ลงวันที่ {day} ก่อนครั้งที่ {previous} ({previous_day})",
        "ตรวจวันที่และครั้งที่: ครั้งหลังควรประกาศหลังครั้งก่อน",
        "amendment {number} ({day}) is dated before amendment {previous} ({previous_day})",
    ),
    "amendment-reason-empty": Msg(
        W,
        "การแก้ไขแผนครั้งที่ {number} ยังไม่ได้ใส่เหตุผล (ประกาศจะพิมพ์เหตุผลนี้)",
        "ใส่เหตุผลของการแก้ไข เช่น ได้รับการจัดสรรงบประมาณเพิ่มเติม",
        "amendment {number} has no reason (its announcement prints it)",
    ),
    "amendment-no-changes": Msg(
        W,
        "การแก้ไขแผนครั้งที่ {number} ยังไม่มีแถวใดในแผนรายปีที่เพิ่มหรือยกเลิกด้วยครั้งนี้",
        "ใส่ {number} ใน" + _MARKS + " ของแถวที่เพิ่มหรือยกเลิก",
        "no row of แผนรายปี is added or cancelled by amendment {number}",
    ),
    "amendment-mark-invalid": Msg(
        E,
        "'{value}' ในคอลัมน์ {column} ต้องเป็นครั้งที่ของการแก้ไขแผน (จำนวนเต็มบวก)",
        "ใส่ครั้งที่ เช่น 1 หรือเว้นว่างถ้าแถวนี้ไม่ได้เปลี่ยนด้วยการแก้ไขแผน",
        "'{value}' in {column} must be an amendment number",
    ),
    "amendment-unrecorded": Msg(
        W,
        "แถวนี้{action}ด้วยการแก้ไขแผนครั้งที่ {value} ซึ่งยังไม่ได้บันทึกในแผ่นงาน การแก้ไขแผน จึงไม่มีประกาศการแก้ไขครั้งนี้",
        "เพิ่มแถวครั้งที่ {value} พร้อมวันที่ประกาศและเหตุผลในแผ่นงาน การแก้ไขแผน (หรือสั่ง pipeline amend) หรือแก้เลขในช่องนี้",
        "the row is {action_en} by amendment {value}, which is not recorded in การแก้ไขแผน",
    ),
    "amendment-cancel-before-add": Msg(
        E,
        "แถวนี้ถูกยกเลิกด้วยการแก้ไขครั้งที่ {value} ซึ่งไม่ได้อยู่หลังครั้งที่เพิ่มแถวนี้ ({added})",
        "แถวที่เพิ่มแล้วยกเลิกในครั้งเดียวกันให้ลบทิ้ง ถ้ายกเลิกภายหลังให้ใส่ครั้งที่ที่ยกเลิก",
        "the row is cancelled by amendment {value}, not after the one that added it ({added})",
    ),
}
