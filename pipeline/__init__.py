"""Anti-corruption action plan pipeline: master workbook -> validated plan -> Word, PDF, Excel."""

__version__ = "0.1.0"
