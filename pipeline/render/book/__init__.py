"""The plan book: its Word file (planbook.py), its parts and page numbers (parts.py), คำนำ, its PDF."""
