"""The monitoring part of `pipeline run`: which fiscal years and rounds get a report."""

from pipeline.model import Plan
from pipeline.monitor.aggregate import RoundSummary, reported_rounds, summarise
from pipeline.monitor.reader import read_progress
from pipeline.workbook.master import Master


def monitoring_summaries(plan: Plan, master: Master, years: list[int]) -> list[RoundSummary]:
    """A summary for every (year, round) of `years` that has rows; [] without the sheet."""
    progress = read_progress(master)
    return [summarise(plan, progress, year, round_) for year, round_ in reported_rounds(progress, years)]
