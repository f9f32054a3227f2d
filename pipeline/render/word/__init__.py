"""Word output: the per-project sheets, the yearly table and the plan book."""
