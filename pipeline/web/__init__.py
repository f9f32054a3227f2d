"""The web page for staff: `pipeline serve` (server.py) -> FastAPI app (app.py) over the run
queue (jobs.py); uploads stream into private folders (uploads.py); results.py makes the zip."""
