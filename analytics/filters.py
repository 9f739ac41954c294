"""The one filters type every figure takes, and the one place it is built from query parameters."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from partners.filtersets import AnalyticsFilterSet
from partners.models import Coalition, Sector


@dataclass(frozen=True)
class FigureFilters:
    """Activities of one coalition, with someone of one sector, of some kinds, between two dates."""

    coalition: Coalition | None = None
    sector: Sector | None = None
    kinds: tuple[str, ...] = ()
    since: datetime.date | None = None
    until: datetime.date | None = None

    @property
    def coalition_id(self) -> int | None:
        return self.coalition.pk if self.coalition is not None else None

    @property
    def sector_id(self) -> int | None:
        return self.sector.pk if self.sector is not None else None

    def key(self) -> tuple:
        """The filters as plain values, for cache keys (the kinds in a stable order)."""
        return (
            self.coalition_id,
            self.sector_id,
            ",".join(sorted(self.kinds)),
            self.since.isoformat() if self.since else "",
            self.until.isoformat() if self.until else "",
        )


NO_FILTERS = FigureFilters()

# The orders the pairs can be read in (the `ordering` parameter), each with its tie-breaker.
PAIR_ORDERINGS = {
    "count": ("count", "last_date"),
    "-count": ("-count", "-last_date"),
    "last_date": ("last_date", "count"),
    "-last_date": ("-last_date", "-count"),
    "first_date": ("first_date", "count"),
    "-first_date": ("-first_date", "-count"),
}


def figure_filters(params: Mapping, *, request: HttpRequest) -> FigureFilters:
    """Parse coalition, sector, kind, since and until with the shared AnalyticsFilterSet (the
    same parameters on pages, API and exports).

    Raises ValidationError with a message per parameter when a value is not valid.
    """
    filterset = AnalyticsFilterSet(data=params, queryset=None, request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    data = filterset.form.cleaned_data
    return FigureFilters(
        coalition=data.get("coalition"),
        sector=data.get("sector"),
        kinds=tuple(sorted(data.get("kind") or ())),
        since=data.get("since"),
        until=data.get("until"),
    )
