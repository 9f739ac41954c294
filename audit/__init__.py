"""Security and audit: sign-in and export events, data classification, erasure, resilience helpers."""
