"""Pure arithmetic shared by every figure: shares of a whole, the trimmed sector matrix and the
one definition of the period "the last 12 months".

No queries here: the functions take plain numbers, dates and lists, so any app may use them.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


def share(part: float, whole: float, *, per: int = 1, digits: int = 4, empty: float | None = None) -> float | None:
    """`part` out of `whole`, per one (or per 100 for a percentage), rounded to `digits`;
    `empty` when the whole is zero, as nothing can be shared out of nothing."""
    return round(per * part / whole, digits) if whole else empty


def percentage(part: float, whole: float) -> float:
    """`part` out of every 100 of `whole`, to one decimal; 0.0 when the whole is zero."""
    return share(part, whole, per=100, digits=1, empty=0.0)


@dataclass
class TrimmedMatrix(Generic[T]):
    """The sector matrix restricted to the sectors that collaborated at all, so it fits a page.

    `cells[i][j]` counts the collaborations between `sectors[i]` and `sectors[j]`; `totals[i]`
    is row i's total over every sector (trimming drops only empty rows and columns, so nothing
    is lost); `largest` is the largest cell kept.
    """

    sectors: list[T]
    cells: list[list[int]]
    totals: list[int]
    largest: int


def trim_matrix(sectors: Sequence[T], cells: Sequence[Sequence[int]]) -> TrimmedMatrix[T]:
    """Keep the sectors whose row has any collaboration (the matrix is symmetric)."""
    keep = [i for i, row in enumerate(cells) if any(row)]
    return TrimmedMatrix(
        sectors=[sectors[i] for i in keep],
        cells=[[cells[i][j] for j in keep] for i in keep],
        totals=[sum(cells[i]) for i in keep],
        largest=max((cells[i][j] for i in keep for j in keep), default=0),
    )


@dataclass
class Period:
    """A period of whole days, `since` and `until` both included, in the coalition's local date."""

    since: datetime.date
    until: datetime.date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def months(self) -> list[datetime.date]:
        """The first day of every month the period touches."""
        months, month = [], self.since.replace(day=1)
        while month <= self.until:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months


def last_12_months(today: datetime.date) -> Period:
    """THE period "the last 12 months" (or "the last year") of every figure that says so: the
    attention list, the equity page and its period picker, the coalition report and its PDF.

    `until` is `today` and `since` the day after the same day one year before, both included
    (365 days, or 366 when a 29 February falls inside); on 29 February the year before has no
    such day, so it counts from 1 March. `today` is the local date (`timezone.localdate()`).
    """
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return Period(since=year_ago + datetime.timedelta(days=1), until=today)
