"""Exports: column specs shared by the CSV and XLSX writers, the writers and the response helper.

An export is the current filtered list in another format: callers pass the queryset they built
from the selectors and the shared FilterSets, so an export holds exactly what the list shows.
"""
