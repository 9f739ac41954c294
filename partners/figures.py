"""Pure arithmetic shared by every figure: shares of a whole and the trimmed sector matrix.

No queries here: the functions take plain numbers and lists, so any app may use them.
"""

from __future__ import annotations

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
