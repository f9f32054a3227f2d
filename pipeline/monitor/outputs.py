"""The monitoring part of `pipeline run`: which fiscal years and rounds get a report."""
from pathlib import Path

from pipeline.model import Plan
from pipeline.monitor.aggregate import RoundSummary, reported_rounds, summarise
from pipeline.monitor.reader import read_progress


def monitoring_summaries(plan: Plan, workbook: Path, years: list[int]) -> list[RoundSummary]:
    """A summary for every (year, round) of `years` that has rows; [] without the sheet."""
    progress = read_progress(workbook)
    return [summarise(plan, progress, year, round_) for year, round_ in reported_rounds(progress, years)]
