"""`pipeline run` as a library call (job.py), its staging and publishing, and what it reports."""
