"""Spreadsheet imports: upload, dry-run preview, confirm; all or nothing."""
