"""`coalition_report` and `export_hsds`: thin commands over the report and export modules."""
