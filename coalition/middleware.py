"""Project middleware, only what concerns every request whatever app serves it: database outages
as 503 (the error pages themselves are in coalition.errors), replica reads, the
Permissions-Policy header, and no caching of signed-in answers.

Sign-in rules (session limits, the second factor) live in audit.middleware; idempotent API
writes in the API's write path (partners.api.idempotency); export auditing in the export
response (partners.exports.response); per-view CSP relaxations in django-csp's decorators."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from coalition.db_routers import replica_reads
from coalition.errors import is_database_outage, service_unavailable

logger = logging.getLogger("coalition.resilience")


# --- database outages ------------------------------------------------------------------------


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
]
