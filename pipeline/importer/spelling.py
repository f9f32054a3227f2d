"""Words of the imported projects' text that are in no Thai dictionary, each a note on its cell.

A typing slip, or a tone or vowel mark a PDF's legacy font lost ("สม่าเสมอ" for สม่ำเสมอ), is
imported as printed and pointed at, never corrected: staff read the word in the cell named and fix
it there. The check is pipeline.text.thai_words.unknown_words (PyThaiNLP's word list with the
plan's own vocabulary); the organisation's name counts as known."""

from openpyxl.utils import get_column_letter

from pipeline import contract as c
from pipeline.model import Project
from pipeline.text.thai_words import unknown_words, words
from pipeline.validate.problems import Problem, problem

CONTEXT = 12  # letters shown each side of the word


def spelling_notes(projects: list[Project], organisation: str = "") -> list[Problem]:
    """One note per word and cell, in the order of the โครงการ sheet the master gets."""
    known = frozenset(words(organisation))
    columns = {header: get_column_letter(c.column_number(c.PROJECT_HEADERS, header)) for header in c.PROJECT_HEADERS}
    fields = [(c.ProjectCol.NAME, "name", "text")] + [(h, attr, kind) for h, (attr, kind) in c.PROJECT_SECTIONS.items()]
    notes = []
    for row, project in enumerate(projects, 2):
        for header, attr, kind in fields:
            value = getattr(project, attr)
            text = value if isinstance(value, str) else ("\n" if kind == "list" else "\n\n").join(value)
            seen = set()
            for word, at in unknown_words(text, known):
                if word in seen:
                    continue
                seen.add(word)
                around = text[max(0, at - CONTEXT) : at + len(word) + CONTEXT].replace("\n", " ")
                notes.append(
                    problem(
                        "word-not-in-dictionary",
                        sheet=c.SHEET_PROJECTS,
                        row=row,
                        column=header,
                        cell=f"{columns[header]}{row}",
                        value=word,
                        word=word,
                        context=around,
                        project=project.code,
                    )
                )
    return notes
