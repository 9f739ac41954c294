"""The one range of dates the app accepts, for every date a user types or sends: 1 January 1990
to five years from today. A value outside it is refused with a message naming the field, never
passed on to a query or to date arithmetic (where year 1 or 9999 overflows into a server error)."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import filters

EARLIEST = datetime.date(1990, 1, 1)
YEARS_AHEAD = 5
OUT_OF_RANGE = _("Enter a date between 1990 and five years from now.")
INVALID = _("Enter a real date as YYYY-MM-DD, e.g. 2025-01-31.")


def latest(today: datetime.date | None = None) -> datetime.date:
    """Five years from `today` (today by default); 29 February falls back to the 28th."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def in_range(value: datetime.date, today: datetime.date | None = None) -> bool:
    return EARLIEST <= value <= latest(today)


def check_date(value: datetime.date | None, *, field: str) -> None:
    """Raise ValidationError({field: ...}) for a date outside the accepted range."""
    if value is not None and not in_range(value):
        raise ValidationError({field: OUT_OF_RANGE})


class BoundedDateField(forms.DateField):
    """A DateField that accepts only ISO dates from EARLIEST to five years ahead."""

    default_error_messages = {"invalid": INVALID}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and len(value.strip()) > 10:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not in_range(value):
            raise ValidationError(OUT_OF_RANGE, code="out_of_range")


class BoundedDateFilter(filters.DateFilter):
    """django-filter's DateFilter over BoundedDateField, for every FilterSet's date parameters."""

    field_class = BoundedDateField
