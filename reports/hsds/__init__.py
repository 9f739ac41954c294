"""Open Referral HSDS 3.0 export of the public directory (JSON and the CSV data package)."""
