"""The master workbook: open it safely, read it into a Plan, write a Plan into it, write the summary
back into it; atomic.py is the one write-then-replace (stdlib only: pipeline.office.fonts uses it before set-up)."""
