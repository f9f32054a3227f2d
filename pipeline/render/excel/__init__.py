"""Excel output: the e-plan summary sheets, the overview chart, cached formula results."""
