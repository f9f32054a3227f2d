"""A stray keystroke far below the data: the reader and the validator read only up to the data
(speed is checked by bench/bench_stray.py, never here)."""

from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from pipeline import contract as c
from pipeline.validate import validate_workbook
from pipeline.workbook.extent import EMPTY_RUN
from pipeline.workbook.reader import read_plan
from tests.broken import make_broken


def count_rows_visited(monkeypatch) -> list[int]:
    """How many rows openpyxl hands out, in read-only and in full mode."""
    visited = [0]
    for cls in (ReadOnlyWorksheet, Worksheet):
        original = cls._cells_by_row

        def counting(self, *args, _original=original, **kwargs):
            for row in _original(self, *args, **kwargs):
                visited[0] += 1
                yield row

        monkeypatch.setattr(cls, "_cells_by_row", counting)
    return visited


def test_a_space_at_the_last_row_reads_the_same_rows_and_not_a_million(tmp_path, master_path, monkeypatch):
    path = make_broken(tmp_path, "stray", lambda wb: wb[c.SHEET_YEARLY].cell(1048576, 11, " "), source=master_path)
    master = read_plan(master_path)
    visited = count_rows_visited(monkeypatch)
    plan = read_plan(path)
    assert len(plan.rows) == len(master.rows) == 76 and plan.rows == master.rows
    assert validate_workbook(path).stats["yearly_rows"] == 76
    assert visited[0] < 4 * (100 + EMPTY_RUN)  # -- four sheets, each read to its data plus one gap --


def test_rows_within_the_gap_limit_are_read_and_beyond_it_reported(tmp_path, master_path):
    def mutate(wb):
        ws = wb[c.SHEET_YEARLY]
        last = ws.max_row
        for col in range(1, len(c.YEARLY_HEADERS) + 1):  # -- a copy of the last row, after a gap --
            ws.cell(last + EMPTY_RUN, col, ws.cell(last, col).value)
        ws.cell(last + 2 * EMPTY_RUN + 1, 1, "หลุด")

    path = make_broken(tmp_path, "gap", mutate, source=master_path)
    report = validate_workbook(path)
    assert report.stats["yearly_rows"] == 77
    after_gap = f"A{77 + 2 * EMPTY_RUN + 1}"
    assert [p.cell for p in report.problems if p.code == "rows-after-gap"] == [after_gap]
    assert not report.valid and len(read_plan(path).rows) == 77  # -- the reader stops where validation did --
