"""Validation of the master workbook: every problem at once, each with a code, severity and cell.

    report = validate_workbook(Path("inputs/master.xlsx"))
    if not report.valid: print_report(report)
"""
from pipeline.validate.problems import ERROR, WARNING, Problem, Report
from pipeline.validate.report_text import print_report, validate_command
from pipeline.validate.report_xlsx import write_report_xlsx
from pipeline.validate.validator import validate_workbook

__all__ = ["validate_workbook", "validate_command", "print_report", "write_report_xlsx",
           "Problem", "Report", "ERROR", "WARNING"]
