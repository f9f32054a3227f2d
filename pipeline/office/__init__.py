"""LibreOffice headless (its processes, profiles and fonts) and the processes of other programs."""
