"""The front matter before the announcement: the cover, คำนำ and สารบัญ of a book this pipeline made
(planbook.docx), or whatever a source book prints there. None of it is the announcement or a
table title: the คำนำ goes into its setting, and the สารบัญ's yearly-table entries are kept to be
checked against the tables' own titles."""

import re
from dataclasses import dataclass, field

from pipeline.text.preface import default_preface

from .blocks import Line
from .tables import title_year
from .text import split_paragraphs, squash

PREFACE = "คำนำ"
CONTENTS = "สารบัญ"


@dataclass
class Front:
    preface: list[Line] = field(default_factory=list)  # the คำนำ's lines, its signature included
    contents: list[Line] = field(default_factory=list)  # the สารบัญ's lines, page numbers included

    def table_years(self) -> list[tuple[int, str]]:
        """(year, where) of the สารบัญ's yearly-table entries. The year is the four digits after
        'พ.ศ.', so a page number after it, even with the tab between them lost, is never read
        into it ('… พ.ศ. ๒๕๗๐ ๑๐')."""
        return [(year, line.where) for line in self.contents if (year := title_year(line.text)) is not None]

    def preface_for(self, settings) -> list[str]:
        """The คำนำ's paragraphs for the setting; none when it is the text a book gets for an empty
        setting (pipeline.text.preface), so a master imported from its own book stays the same.
        The last line is dropped when it is the organisation: the signature under the คำนำ."""
        lines = list(self.preface)
        if lines and squash(lines[-1].text) == squash(settings.organisation):
            lines.pop()
        if squash("".join(line.text for line in lines)) == squash("".join(default_preface(settings))):
            return []
        return split_paragraphs(lines, (settings.organisation,))


def parse_front(lines: list[Line]) -> Front:
    """`lines` are those before the announcement. Headings 'คำนำ' and 'สารบัญ' stand alone on their
    line; whatever comes before the first of them (the cover) is not kept."""
    front = Front()
    part = None
    for line in lines:
        heading = re.sub(r"\s+", "", line.text)
        if heading == PREFACE:
            part = front.preface
        elif heading == CONTENTS:
            part = front.contents
        elif part is not None:
            part.append(line)
    return front
