"""Reading one cell: text, dates, numbers, yes/no, choices and lists, each with a clear message."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django_countries import countries

from partners.exports.cells import unneutralise

YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0"}
LIST_SPLIT = re.compile(r"\s*[;,\n]\s*")


class CellError(Exception):
    """One cell cannot be used; the message says what is wrong with it."""


def text(raw: str | None) -> str:
    return unneutralise((raw or "").strip())


def split_list(raw: str | None) -> list[str]:
    value = text(raw)
    return [part for part in LIST_SPLIT.split(value) if part] if value else []


def date(raw: str | None) -> datetime.date | None:
    value = text(raw)
    if not value:
        return None
    candidate = value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}([ T]00:00(:00)?)?$", value) else value
    try:
        return datetime.date.fromisoformat(candidate)
    except ValueError:
        pass
    if re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", value):
        raise CellError(_("%(value)r is not a real date.") % {"value": value})
    raise CellError(_("%(value)r is not a date; write dates as YYYY-MM-DD, e.g. 2025-03-31.") % {"value": value})


def integer(raw: str | None, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    value = text(raw)
    if not value:
        return None
    try:
        number = int(value.replace(",", "").replace(" ", ""))
    except ValueError:
        raise CellError(_("%(value)r is not a whole number.") % {"value": value}) from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise CellError(
            _("%(value)s is out of range (%(min)s to %(max)s).") % {"value": number, "min": minimum, "max": maximum}
        )
    return number


def boolean(raw: str | None, *, default: bool) -> bool:
    value = text(raw).lower()
    if not value:
        return default
    if value in YES:
        return True
    if value in NO:
        return False
    raise CellError(_("Write yes or no (got %(value)r).") % {"value": text(raw)})


def choice(raw: str | None, choices: Iterable[tuple[str, str]], *, default: str) -> str:
    """A choice by its value or its label, case-insensitively."""
    value = text(raw)
    if not value:
        return default
    wanted = value.lower()
    for key, label in choices:
        if wanted in (str(key).lower(), str(label).lower()):
            return key
    allowed = ", ".join(str(key) for key, _label in choices)
    raise CellError(_("%(value)r is not one of: %(allowed)s.") % {"value": value, "allowed": allowed})


def country(raw: str | None) -> str:
    value = text(raw)
    if not value:
        raise CellError(_("A country is required (an ISO code such as US)."))
    if value.upper() in dict(countries):
        return value.upper()
    code = countries.by_name(value)
    if code:
        return code
    raise CellError(_("%(value)r is not a country; use an ISO 3166 code such as US or GB.") % {"value": value})


def suggestions(value: str, candidates: Iterable[str], *, n: int = 3) -> list[str]:
    return difflib.get_close_matches(value.lower(), list(candidates), n=n, cutoff=0.6)


def did_you_mean(options: list[str]) -> str:
    if not options:
        return ""
    return " " + _("Did you mean %(options)s?") % {"options": " or ".join(repr(o) for o in options)}
