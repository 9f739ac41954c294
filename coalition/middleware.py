"""Project middleware, only what concerns every request whatever app serves it: database outages
as 503, replica reads, the Permissions-Policy header, and no caching of signed-in answers.

Sign-in rules (session limits, the second factor) live in audit.middleware; idempotent API
writes in the API's write path (partners.api.idempotency); export auditing in the export
response (partners.exports.response); per-view CSP relaxations in django-csp's decorators."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse

from coalition.db_routers import replica_reads

logger = logging.getLogger("coalition.resilience")

RETRY_AFTER_SECONDS = 30
UNAVAILABLE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable</title></head>
<body><main><h1>Temporarily unavailable</h1>
<p>Coalition Tracker cannot reach its database right now. Nothing you saved before this page is
lost. Please try again in a minute.</p></main></body></html>
"""


# --- database outages ------------------------------------------------------------------------


def is_database_outage(exc: BaseException | None) -> bool:
    """True for errors that mean "the database cannot be reached", not for bad queries or data."""
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    # psycopg2 errors raised outside Django's wrapper (e.g. while connecting in a health check).
    module = type(exc).__module__ if exc is not None else ""
    return module.startswith("psycopg2") and type(exc).__name__ in {"OperationalError", "InterfaceError"}


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """A plain 503, built without templates or context processors (they may need the database)."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": "The database is temporarily unavailable; retry later."}, status=503
        )
    else:
        response = HttpResponse(UNAVAILABLE_HTML, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 (never a 500 or a traceback) while the database is unreachable.

    Views' errors arrive in process_exception; errors raised by other middleware (loading the
    session or the user) reach `server_error`, the project's handler500, which does the same.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_outage(exception):
            logger.warning("Database unavailable during %s %s: %s", request.method, request.path, exception)
            return service_unavailable(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a 503 for database outages, otherwise a plain 500 page without a traceback."""
    exc = sys.exc_info()[1]
    if is_database_outage(exc):
        return service_unavailable(request)
    from django.views.defaults import server_error as default_server_error

    return default_server_error(request)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: under /api/ the JSON body API clients parse (as DRF's own 404s), even for a
    path no route matches; elsewhere the page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


# --- replica reads ---------------------------------------------------------------------------


class ReplicaReadsMiddleware:
    """Serve safe requests under REPLICA_READ_PATHS (analytics, exports) from the read replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        prefixes = tuple(getattr(settings, "REPLICA_READ_PATHS", ()))
        if prefixes and request.method in {"GET", "HEAD"} and request.path.startswith(prefixes):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)


# --- Permissions-Policy ----------------------------------------------------------------------

# Browser features the site never uses: no page may ask for them, nor any frame it might embed.
DENIED_FEATURES = (
    "accelerometer",
    "ambient-light-sensor",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


class PermissionsPolicyMiddleware:
    """Add `Permissions-Policy` to every response, denying the features in DENIED_FEATURES."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# --- Cache-Control for signed-in requests ----------------------------------------------------

PRIVATE_NO_STORE = "private, no-store"


class PrivateNoStoreMiddleware:
    """`Cache-Control: private, no-store` on every answer to a signed-in request.

    What a signed-in user sees (pages, API answers, downloads) is theirs alone: no shared cache
    may keep it, nor the browser's disk. An answer that already says `no-store` keeps its own
    header (it is as strict). Static files never reach this middleware: WhiteNoise, above it,
    answers them with their own long-lived policy.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            current = response.headers.get("Cache-Control", "")
            if "no-store" not in current or "private" not in current:
                response.headers["Cache-Control"] = PRIVATE_NO_STORE
        return response


__all__ = [
    "DatabaseUnavailableMiddleware",
    "PrivateNoStoreMiddleware",
    "PermissionsPolicyMiddleware",
    "ReplicaReadsMiddleware",
    "not_found",
    "server_error",
]
