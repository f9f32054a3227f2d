"""Things in the source that look wrong but were imported as printed, for staff to check.

They are Problems from the one message catalogue (pipeline.validate.messages), warnings with a
Thai message and fix and an English rendering; `cell` holds the source position ("บรรทัด 161").
The few errors among them (pipeline.importer.checks) stop the import instead."""

from pipeline.validate.problems import Problem, problem

Anomaly = Problem


def anomaly(code: str, where: str = "", **params) -> Problem:
    return problem(code, cell=where, where=where, **params)
