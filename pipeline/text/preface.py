"""The plan book's คำนำ when the ตั้งค่า sheet leaves it empty (the source plan book has none).

Here, below both its users: the renderer prints it (pipeline.render.book.preface), and the importer
recognises it in a book and leaves the setting empty again, so that a run and an import give back
the same master. `settings` is anything with organisation, plan_title, start_year and end_year."""

from pipeline.text.thai import thai_digits


def default_preface(settings) -> list[str]:
    s = settings
    years = f"พ.ศ. {thai_digits(s.start_year)} - {thai_digits(s.end_year)}"
    return [
        f"{s.organisation}ได้จัดทำ{s.plan_title} ({years}) ขึ้น เพื่อเป็นกรอบและแนวทางในการป้องกัน"
        f"การทุจริตและประพฤติมิชอบ ส่งเสริมการบริหารงานตามหลักธรรมาภิบาลด้วยความโปร่งใส "
        f"และสอดคล้องกับยุทธศาสตร์ชาติว่าด้วยการป้องกันและปราบปรามการทุจริต",
        f"แผนฉบับนี้ประกอบด้วยประกาศใช้แผน แผนปฏิบัติการรายปี และรายละเอียดโครงการและมาตรการ "
        f"{s.organisation}หวังเป็นอย่างยิ่งว่าแผนฉบับนี้จะเป็นเครื่องมือในการยกระดับคุณธรรม"
        f"และความโปร่งใสในการดำเนินงานขององค์กรต่อไป",
    ]
