"""Reads of the health app: one partnership's health, the needs-attention list, equity figures."""
