"""Templates for what the importer notices in a plan book: part of the one catalogue
(pipeline.validate.messages.MESSAGES), kept in its own file for size. Warnings: the importer
imports the source as printed and says what looked wrong, for staff to check. Errors: the book's
parts contradict each other as only a misreading would make them (pipeline.importer.checks), and
the import stops without writing a master."""

from pipeline.validate.msg import E, Msg, W

_CHECK_SOURCE = "ตรวจกับเล่มแผนต้นฉบับ แล้วแก้ในสมุดงานหลักถ้าจำเป็น"

IMPORT_MESSAGES = {
    "year-table-missing": Msg(
        W, "ไม่พบตารางแผนรายปี พ.ศ. {year}", "เพิ่มแถวของปี {year} ในแผ่นงาน แผนรายปี", "no yearly table for {year}"
    ),
    "announcement-incomplete": Msg(
        W, "ประกาศ ({where}): ไม่พบ{label}", "กรุณากรอกในแผ่นงานตั้งค่า", "announcement ({where}): {label} not found"
    ),
    "project-without-sheet": Msg(
        W,
        "'{name}' (ปี {years}) ไม่มีหน้ารายละเอียดโครงการ: นำเข้าเป็นโครงการ {project} ลำดับที่ {seq} โดยหัวข้อรายละเอียดยังว่าง",
        "กรอกรายละเอียดของโครงการ {project} ในแผ่นงาน โครงการ",
        "'{name}' ({years}) has no project sheet: imported as {project} (no. {seq}) with empty sections",
    ),
    "project-without-rows": Msg(
        W,
        "โครงการลำดับที่ {seq} '{name}' ไม่อยู่ในตารางรายปีใดเลย จึงไม่รู้มิติ (ใส่ 0)",
        "ใส่มิติของโครงการในแผ่นงาน โครงการ",
        "project {seq} '{name}' is in no yearly table; dimension set to 0",
    ),
    "dimension-differs": Msg(
        W,
        "โครงการลำดับที่ {seq}: ตารางรายปีระบุมิติต่างกัน {dims} (ใช้มิติที่พบบ่อยที่สุด)",
        _CHECK_SOURCE,
        "project {seq}: the yearly tables give different dimensions {dims}",
    ),
    "duplicate-project-number": Msg(
        W, "มีหน้ารายละเอียด 'ลำดับที่ {seq}' {count} หน้า", _CHECK_SOURCE, "{count} project sheets are numbered {seq}"
    ),
    "duplicate-row": Msg(
        W,
        "ปี {year}: '{name}' ซ้ำ {count} แถว (ลำดับ {orders}) นำเข้าทุกแถวตามต้นฉบับ",
        "ถ้าไม่ได้ตั้งใจ ให้ลบแถวที่ซ้ำในแผ่นงาน แผนรายปี",
        "{year}: '{name}' is listed {count} times (rows {orders}); all imported",
    ),
    "budget-unreadable": Msg(
        W, "{at}: อ่านงบประมาณ{what}ไม่ได้{then}", _CHECK_SOURCE, "{at}: budget{what_en} is unreadable"
    ),
    "period-mismatch": Msg(
        W,
        "{at}: หัวข้อ ๖ ระบุปี {year} แต่ตารางปี {year} ไม่มีโครงการนี้",
        _CHECK_SOURCE,
        "{at}: section 6 names {year} but the {year} table lacks the project",
    ),
    "budget-mismatch": Msg(
        W,
        "{at}: หัวข้อ ๗ ระบุงบประมาณ {budget} บาท แต่ตารางปี {year} ลำดับ {order} ระบุ {row_budget} บาท",
        _CHECK_SOURCE,
        "{at}: section 7 says {budget} but the {year} table row {order} says {row_budget}",
    ),
    "project-name-missing": Msg(
        W, "{at}: ไม่พบชื่อโครงการ (หัวข้อ ๑.)", "กรอกชื่อโครงการในแผ่นงาน โครงการ", "{at}: no project name (section 1)"
    ),
    "project-section-empty": Msg(
        W, "{at}: หัวข้อว่าง: {sections}", "กรอกหัวข้อที่ว่างในแผ่นงาน โครงการ", "{at}: empty sections: {sections}"
    ),
    "table-without-title": Msg(
        W,
        "ตาราง ({where}) ไม่มีชื่อ 'แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ....' จึงไม่รู้ปี: ข้ามไป",
        "เพิ่มแถวของตารางนี้ในแผ่นงาน แผนรายปี เอง",
        "table ({where}) has no title with its year: skipped",
    ),
    "dimension-unreadable": Msg(
        W, "{at}: อ่านมิติ '{value}' ไม่ได้", "ใส่มิติ 1–4 ในแผ่นงาน แผนรายปี", "{at}: dimension '{value}' is unreadable"
    ),
    "source-quarter-mark-unknown": Msg(
        W,
        "{at}: เครื่องหมาย '{value}' ไม่รู้จัก ถือว่าดำเนินการในไตรมาสนี้",
        _CHECK_SOURCE,
        "{at}: unknown mark '{value}', taken as planned",
    ),
    "total-missing": Msg(
        W,
        "ตารางปี {year}: ไม่พบแถว '{total}' จึงตรวจยอดรวมไม่ได้",
        _CHECK_SOURCE,
        "{year} table: no '{total}' row, totals not checked",
    ),
    "total-mismatch": Msg(
        W,
        "ตารางปี {year} ({where}): แถว{total} {what} '{value}' แต่{counted}",
        _CHECK_SOURCE,
        "{year} table ({where}): the {total} row's {what_en} '{value}' differs from {counted_en}",
    ),
    "data-as-of-differs": Msg(
        W,
        "วันที่ 'ข้อมูล ณ วันที่' ไม่ตรงกันในแต่ละตาราง: {dates} (ใช้วันแรกที่พบ)",
        "แก้วันที่ข้อมูล ณ วันที่ ในแผ่นงานตั้งค่าถ้าไม่ถูก",
        "the tables' data-as-of dates differ: {dates} (the first is used)",
    ),
    "reporter-spelling": Msg(
        W,
        "ชื่อผู้ออกรายงานสะกดต่างกัน {count} แบบ: {spellings}; ใช้ '{best}' ซึ่งพบบ่อยที่สุด",
        "แก้ชื่อผู้ออกรายงานในแผ่นงานตั้งค่าถ้าไม่ถูก",
        "the reporter's name is spelled {count} ways; '{best}' is used",
    ),
    "dimension-name-differs": Msg(
        W,
        "คำอธิบายมิติ {number} ต่างกัน: '{first}' กับ '{other}' (ใช้แบบแรก)",
        "แก้ชื่อมิติในแผ่นงาน มิติ ถ้าไม่ถูก",
        "dimension {number} is described two ways: '{first}' and '{other}'",
    ),
    # -- parts of the book not found: one note each; the master gets what the other parts hold --
    "announcement-missing": Msg(
        W,
        "ไม่พบ{what}{found}: ชื่อแผน วันที่ประกาศ ผู้ลงนาม และเนื้อความประกาศยังว่าง",
        "กรอกในแผ่นงาน ตั้งค่า",
        "no announcement found{found_en}: plan title, date, signer and text are empty",
    ),
    "tables-missing": Msg(
        W,
        "ไม่พบ{what}: แถวรายปี {rows} แถวนำมาจากหัวข้อ ๖ (ระยะเวลา) และ ๗ (งบประมาณ) ของรายละเอียดโครงการ"
        " โดยยังไม่มีมิติและไตรมาส",
        "ใส่มิติและไตรมาส (และแถวของปีอื่น) ในแผ่นงาน แผนรายปี และใส่ชื่อมิติในแผ่นงาน มิติ",
        "no yearly tables found: {rows} yearly rows taken from the project sheets' sections 6 and 7,"
        " without dimension or quarters",
    ),
    "sheets-missing": Msg(
        W,
        "ไม่พบ{what}: โครงการ {projects} รายการจากตารางรายปีนำเข้าโดยหัวข้อรายละเอียดยังว่าง",
        "กรอกรายละเอียดโครงการในแผ่นงาน โครงการ",
        "no project sheets found: the {projects} projects of the yearly tables have empty sections",
    ),
    "quarters-not-in-source": Msg(
        W,
        "ตารางแผนหลายปี ({where}) ไม่มีช่องไตรมาส: แถวรายปี {rows} แถวยังไม่ได้ทำเครื่องหมายไตรมาส",
        "ใส่ ✓ ในไตรมาสที่ดำเนินการ ในแผ่นงาน แผนรายปี",
        "the multi-year table ({where}) has no quarter columns: {rows} yearly rows have no quarter marked",
    ),
    # -- damaged text: repaired where the mapping is known, pointed at where it is not --
    "legacy-marks-repaired": Msg(
        W,
        "ข้อความจาก PDF ที่ใช้ฟอนต์รุ่นเก่า: แก้วรรณยุกต์/สระที่เป็นรหัสพิเศษเป็นอักษรไทย {count} ตัว ใน {lines} บรรทัด (ตั้งแต่{where})",
        "ตรวจคำในแผ่นงาน โครงการ ที่ยังสะกดผิด (รายการ word-not-in-dictionary)",
        "legacy-font text: {count} tone/vowel marks in {lines} lines (from {where}) turned back into Thai letters",
    ),
    "word-not-in-dictionary": Msg(
        W,
        "แผ่นงาน โครงการ คอลัมน์ {column} ของ {project}: คำ '{word}' ไม่มีในพจนานุกรม ('…{context}…')"
        " อาจพิมพ์ผิดหรือวรรณยุกต์/สระหายไปจาก PDF",
        "ตรวจกับเล่มแผนต้นฉบับ แล้วแก้คำในเซลล์นี้ (ถ้าสะกดถูกอยู่แล้ว ไม่ต้องแก้)",
        "{project}, column {column}: '{word}' is in no dictionary ('…{context}…'): a typing slip or a lost mark?",
    ),
    # -- errors: a book that contradicts itself; nothing is written --
    "table-title-disagrees": Msg(
        E,
        "ตาราง ({where}) มีชื่อในแถวหัวตารางว่า พ.ศ. {own} แต่บรรทัดชื่อตารางก่อนหน้า ({line}) ระบุ พ.ศ. {titled}",
        "แก้ชื่อตารางทั้งสองที่ให้เป็นปีเดียวกัน แล้วนำเข้าใหม่",
        "table ({where}): its header row says {own} but the title line before it ({line}) says {titled}",
    ),
    "table-numbering-restarts": Msg(
        E,
        "ตารางปี {year} ({where}) เริ่มลำดับใหม่ที่ {order} ทั้งที่ปี {year} มีถึงลำดับ {last} แล้ว (ตั้งแต่{since}):"
        " ตารางนี้น่าจะเป็นของปีอื่นที่ชื่อตารางระบุปีผิด",
        "แก้ปี (พ.ศ.) ในชื่อตารางให้ถูก แล้วนำเข้าใหม่",
        "the {year} table ({where}) starts again at {order} though {year} already runs to {last} (from {since}):"
        " another year's table under a wrong title",
    ),
    "contents-tables-differ": Msg(
        E,
        "สารบัญ ({where}) ระบุตารางแผนรายปี พ.ศ. {listed} แต่ตารางในเล่มมีชื่อ พ.ศ. {filed} ตามลำดับ",
        "แก้ชื่อตารางหรือสารบัญให้ตรงกัน แล้วนำเข้าใหม่",
        "the contents ({where}) list the yearly tables {listed} but the tables are titled {filed}",
    ),
    "table-year-outside-plan": Msg(
        E,
        "ตารางแผนรายปี พ.ศ. {years} ({where}) อยู่นอกปีของแผน {start}-{end} ที่ประกาศระบุ",
        "แก้ปีของแผนในประกาศ '(พ.ศ. .... - ....)' หรือปีในชื่อตารางให้ตรงกัน แล้วนำเข้าใหม่",
        "yearly table {years} ({where}) lies outside the plan's years {start}-{end} in the announcement",
    ),
    "organisation-unconfirmed": Msg(
        E,
        "อ่านชื่อหน่วยงาน '{org}' จากบรรทัด '{line}' ({where}) แต่ไม่มีบรรทัดอื่นในเล่มที่ลงท้ายด้วยชื่อนี้"
        " (เช่น '(พ.ศ. .... - ....) ของ{org}' ในประกาศ หรือตำแหน่งผู้ลงนาม): บรรทัดนี้ไม่ใช่หัวประกาศ",
        "ตรวจว่าเล่มแผนมีหัวประกาศ 'ประกาศ<ชื่อหน่วยงาน>' ตามด้วยบรรทัด 'เรื่อง ...' แล้วนำเข้าใหม่",
        "organisation '{org}' read from '{line}' ({where}) ends no other line of the book: not the announcement",
    ),
}
