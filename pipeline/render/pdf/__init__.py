"""PDFs through LibreOffice: one document at a time or joined per template, and their page headers."""
