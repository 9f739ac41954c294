"""Helpers shared by the page views: pagination, htmx partial responses and service errors."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from partners.exceptions import StaleObjectError

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


@dataclass
class StaleEdit:
    """A save refused because someone changed the record since the user opened it.

    `fields` names (for people) what changed meanwhile, `current` is the record as it is now,
    `data` is what the user sent with the current version, so a form built from it keeps what
    they typed and a second save goes through on purpose, and `message` says so in a sentence.
    """

    current: models.Model
    fields: list[str]
    data: QueryDict
    message: str


def _field_labels(model: type[models.Model], names: list[str]) -> list[str]:
    labels = []
    for name in names:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            labels.append(name)  # an unknown name is shown as it is
    return labels


def stale_edit(request: HttpRequest, exc: StaleObjectError, *, message: str | None = None) -> StaleEdit:
    """THE handling of a StaleObjectError on a page: every view that saves through a service with
    an expected version turns the error into this, and shows it beside its form (or as a message).
    `message` replaces the exception's sentence where the page has a more helpful one."""
    data = request.POST.copy()
    data["version"] = exc.current.version
    return StaleEdit(
        current=exc.current,
        fields=_field_labels(type(exc.current), exc.changed_fields),
        data=data,
        message=message or str(exc),
    )
