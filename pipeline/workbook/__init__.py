"""The master workbook: open it safely, read it into a Plan, write a Plan into it."""
