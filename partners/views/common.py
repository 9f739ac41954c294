"""Helpers shared by the page views: pagination, htmx partial responses and service errors."""

from __future__ import annotations

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25


def page_size_of(request: HttpRequest) -> int:
    try:
        size = int(request.GET.get("page_size", DEFAULT_PAGE_SIZE))
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def paginate(request: HttpRequest, queryset) -> Page:
    """One page of `queryset`; a page number out of range shows the last page, never a 500."""
    paginator = Paginator(queryset, page_size_of(request))
    number = request.GET.get("page") or 1
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def query_without(request: HttpRequest, *names: str) -> str:
    """The current query string without `names` (for links that change one parameter)."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def is_htmx_partial(request: HttpRequest) -> bool:
    """An htmx request that wants only the results; a history restore needs the full page."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def render_list(request: HttpRequest, template: str, partial: str, context: dict) -> HttpResponse:
    """Render the full page, or only its results partial for htmx, varying caches on the header."""
    response = render(request, partial if is_htmx_partial(request) else template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def list_context(request: HttpRequest, filterset, page: Page) -> dict:
    return {
        "filter": filterset,
        "page": page,
        "object_list": page.object_list,
        "result_count": page.paginator.count,
        "page_sizes": PAGE_SIZES,
        "page_size": page.paginator.per_page,
        "query_without_page": query_without(request, "page"),
        "query_without_page_size": query_without(request, "page", "page_size"),
    }
