"""Page numbers over a figure that reads a page and its total together.

Django's paginator counts, then slices. A figure such as the pairs reads a page and the total
in one aggregation instead (`read(start, stop) -> (rows, total)`); this adapter gives the
paginator a countable, sliceable object that asks the figure for the requested page once.
"""

from __future__ import annotations

from collections.abc import Callable

from partners.api.pagination import PageNumberPagination

PageRead = Callable[[int, int], tuple[list, int]]


class PagedFigure:
    """What Django's paginator needs (count and slices) over `read(start, stop)`."""

    ordered = True  # the figure's own order

    def __init__(self, read: PageRead, window: tuple[int, int] | None):
        self.read, self.window = read, window
        self.total: int | None = None
        self.page: tuple[int, list] | None = None

    def count(self) -> int:
        if self.total is None:
            start, stop = self.window or (0, 0)
            rows, self.total = self.read(start, stop)
            if self.window is not None:
                self.page = (start, rows)
        return self.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step not in (None, 1):
            raise TypeError("A paged figure takes slices without a step.")
        start, stop = item.start or 0, item.stop
        if self.page is not None and self.page[0] == start:
            return self.page[1][: stop - start]
        return self.read(start, stop)[0]


class FigurePagination(PageNumberPagination):
    """`?page=` and `?page_size=` over a figure's `read(start, stop) -> (rows, total)`."""

    def paginate_figure(self, read: PageRead, request, view=None) -> list:
        page = request.query_params.get(self.page_query_param)
        window = None
        if page and page.isdigit() and int(page) >= 1 or not page:
            number, size = int(page or 1), self.get_page_size(request)
            window = ((number - 1) * size, number * size)
        return self.paginate_queryset(PagedFigure(read, window), request, view)
