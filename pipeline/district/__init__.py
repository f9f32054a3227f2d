"""The district office's side (ท้องถิ่นอำเภอ): every organisation's submission rolled up into one
district.xlsx and a one-page บันทึกข้อความ (issue 18). One module per job:

    collect.py       the files received: a folder and its sub-folders, single files, .zip attachments
    submission.py    one file read: a master (open_master once, validate, read plan and monitoring
                     rows) or a summary.xlsx (summary_file.py, python-calamine)
    names.py         organisations matched by name (อบต. -> องค์การบริหารส่วนตำบล, spaces), Thai order
    roster.py        รายชื่อหน่วยงาน.xlsx: who is expected, and the memo's settings
    tables.py        which file counts for each organisation, the numbers (pandas), who is missing
    excel.py         district.xlsx, its formulas' results stored
    memo.py          the บันทึกข้อความ (docxtpl template district_memo.docx; PDF through LibreOffice)
    job.py           roll_up() and make_district(): what the command line and the web page call
    problems.py      a problem as data (file, sheet!cell, code, Thai message and fix)

The entry points live in pipeline.district.job (imported from there, so that a worker process that
reads files does not load the writers)."""
