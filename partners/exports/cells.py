"""Turning values into spreadsheet cells safely: formula neutralisation and plain-text forms."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

# A spreadsheet treats a cell starting with one of these as a formula (or a DDE payload).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# The separator of several values in one cell (slugs never contain it).
LIST_SEPARATOR = "; "


def neutralise(value: str) -> str:
    """Prefix a text that a spreadsheet would run as a formula with an apostrophe.

    The apostrophe is the OWASP-recommended guard; the importer strips it again, so an exported
    file imports back unchanged.
    """
    if value and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo `neutralise` on a cell read back from a file."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def join_list(values: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def as_text(value: Any) -> str:
    """The CSV form of a value: dates in ISO 8601, booleans as yes/no, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return neutralise(str(value))


def as_xlsx(value: Any) -> Any:
    """The XLSX form of a value: numbers and dates keep their type; text is neutralised."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | datetime.date):
        return value
    return neutralise(str(value))
