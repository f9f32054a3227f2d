"""Rendering the plan: Word documents, PDFs, Excel summaries."""
