"""Validation of the master workbook: every problem at once, each with a code, severity and cell.

report = validate_workbook(Path("inputs/master.xlsx"))
if not report.valid: ...   # report.problems, report.to_dict(); pipeline.cli prints it
"""

from pipeline.validate.problems import ERROR, WARNING, Problem, Report
from pipeline.validate.report_xlsx import write_report_xlsx
from pipeline.validate.validator import validate_master, validate_workbook

__all__ = ["validate_workbook", "validate_master", "write_report_xlsx", "Problem", "Report", "ERROR", "WARNING"]
