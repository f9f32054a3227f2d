"""Monitoring the plan (issue 13): the `ผลการดำเนินงาน` sheet, read into ProgressRow objects,
filled by `pipeline monitor init`, summed up per fiscal year and round for the ITA reports."""
