"""The error pages: 400, 403, 404, 500 and 503, styled like the site, in plain words, each with
a way on (templates/4xx.html, 5xx.html on templates/errors/layout.html). Under /api/ the same
errors answer the JSON body API clients parse, as DRF's own errors do. The 429 of a paused
sign-in is django-axes' page (templates/audit/locked_out.html).

A 500 and a 503 are rendered without a request and without the database: the templates they use
may not query (no user, no context processors).
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

RETRY_AFTER_SECONDS = 30


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def is_database_outage(exc: BaseException | None) -> bool:
    """True for errors that mean "the database cannot be reached", not for bad queries or data."""
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    # psycopg2 errors raised outside Django's wrapper (e.g. while connecting in a health check).
    module = type(exc).__module__ if exc is not None else ""
    return module.startswith("psycopg2") and type(exc).__name__ in {"OperationalError", "InterfaceError"}


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """A 503, rendered without context processors (they may need the database)."""
    if _is_api(request):
        response: HttpResponse = JsonResponse(
            {"detail": "The database is temporarily unavailable; retry later."}, status=503
        )
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a 503 for database outages, otherwise the 500 page (JSON under /api/)."""
    if is_database_outage(sys.exc_info()[1]):
        return service_unavailable(request)
    if _is_api(request):
        return JsonResponse({"detail": "A server error occurred; nothing was saved."}, status=500)
    return defaults.server_error(request)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: under /api/ the JSON body API clients parse, even for a path no route
    matches; elsewhere the page."""
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: the page says who is signed in and how to get access; JSON under /api/."""
    if _is_api(request):
        return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)
    return defaults.permission_denied(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400 (e.g. a request for a host not in ALLOWED_HOSTS): JSON under /api/."""
    if _is_api(request):
        return JsonResponse({"detail": "The request could not be read."}, status=400)
    return defaults.bad_request(request, exception)
