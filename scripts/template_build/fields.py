"""Page numbers: a PAGE field in a section numbered in Thai digits."""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def thai_page_numbers(sect) -> None:
    num = OxmlElement("w:pgNumType")
    num.set(qn("w:fmt"), "thaiNumbers")
    sect.find(qn("w:cols")).addprevious(num)


def page_field(paragraph) -> None:
    """A plain PAGE field: it takes the section's format, w:pgNumType fmt="thaiNumbers", which
    Word prints as ๑ ๒ ๓. (`\\* ThaiArabic` is not used: LibreOffice 7.4 reads it as Thai
    *letters* ก ข ค; it ignores thaiNumbers and prints 1 2 3, which is at least the right number.)"""

    def run_with(el):
        r = paragraph.add_run()
        r._r.append(el)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run("๑")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)
