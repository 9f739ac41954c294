"""Project middleware: database outages as 503, session time limits, two-factor, idempotent API writes,
replica reads and the Content-Security-Policy with its few per-path relaxations."""

from __future__ import annotations

import hashlib
import logging
import sys
import time
from collections.abc import Callable
from datetime import timedelta

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth import logout
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

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


# --- sessions --------------------------------------------------------------------------------


class SessionLimitsMiddleware:
    """End a session after SESSION_IDLE_TIMEOUT without requests or SESSION_ABSOLUTE_TIMEOUT after sign-in.

    The last-seen stamp is written at most once a minute, so reads do not each cost a session write.
    """

    TOUCH_EVERY = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        from audit.signals import SEEN_AT, SIGNED_IN_AT

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            now = int(time.time())
            signed_in_at = session.get(SIGNED_IN_AT)
            seen_at = session.get(SEEN_AT, signed_in_at)
            idle = int(settings.SESSION_IDLE_TIMEOUT.total_seconds())
            absolute = int(settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds())
            if signed_in_at is None or now - signed_in_at > absolute or (seen_at and now - seen_at > idle):
                logout(request)
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "Your session has ended; sign in again."}, status=401)
                return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.get_full_path()}")
            if seen_at is None or now - seen_at >= self.TOUCH_EVERY:
                session[SEEN_AT] = now
        return self.get_response(request)


# --- two-factor sign-in ----------------------------------------------------------------------


class TwoFactorMiddleware:
    """Send a signed-in user who needs a second factor (see audit.two_factor) to verify it first."""

    ALWAYS_OPEN = ("/account/two-factor/", "/accounts/logout/", "/static/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(self.ALWAYS_OPEN):
            from audit.signals import TWO_FACTOR_NEEDED
            from audit.two_factor import two_factor_needed

            needed = request.session.get(TWO_FACTOR_NEEDED)
            if needed is None:  # a session from before two-factor existed
                needed = request.session[TWO_FACTOR_NEEDED] = two_factor_needed(user)
            if needed and not user.is_verified():
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "Verify your second factor first."}, status=403)
                return redirect(f"{reverse('audit:two_factor_verify')}?next={request.get_full_path()}")
        return self.get_response(request)


# --- idempotent API writes -------------------------------------------------------------------


IDEMPOTENT_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
REPLAYED_HEADERS = ("Content-Type", "Location", "ETag")
IDEMPOTENCY_TTL = timedelta(days=1)


class _Abort(Exception):
    """Rolls back the write and its idempotency record when the answer is a server error."""

    def __init__(self, response: HttpResponseBase):
        self.response = response


def _api_user(request: HttpRequest):
    """The user behind an API request: the session user, else whoever DRF's authenticators accept."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    from rest_framework.request import Request
    from rest_framework.settings import api_settings

    drf_request = Request(request)
    for authenticator_class in api_settings.DEFAULT_AUTHENTICATION_CLASSES:
        if authenticator_class.__name__ == "SessionAuthentication":
            continue
        try:
            result = authenticator_class().authenticate(drf_request)
        except Exception:  # noqa: BLE001 -- a bad credential is the view's to refuse, with its own message
            return None
        if result is not None:
            return result[0]
    return None


class IdempotencyMiddleware:
    """API writes carrying an `Idempotency-Key` run once: a retry gets the stored answer, for a day.

    The record, the write and the stored answer commit in one transaction, so a crash or a
    database outage half-way leaves neither the write nor a record: the retry simply runs again.
    """

    HEADER = "HTTP_IDEMPOTENCY_KEY"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = request.META.get(self.HEADER, "").strip()
        if not key or request.method not in IDEMPOTENT_METHODS or not request.path.startswith("/api/"):
            return self.get_response(request)
        if len(key) > 255:
            return JsonResponse({"Idempotency-Key": ["Use at most 255 characters."]}, status=400)
        user = _api_user(request)
        if user is None:
            return self.get_response(request)
        from audit.models import IdempotencyRecord

        fingerprint = hashlib.sha256(
            b"\n".join([request.method.encode(), request.get_full_path().encode(), request.body])
        ).hexdigest()
        IdempotencyRecord.objects.filter(user=user, key=key, created_at__lt=timezone.now() - IDEMPOTENCY_TTL).delete()
        try:
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        record = IdempotencyRecord.objects.create(
                            user=user, key=key, method=request.method, path=request.path[:2000], fingerprint=fingerprint
                        )
                except IntegrityError:
                    return self._replay(user, key, fingerprint)
                response = self.get_response(request)
                if response.status_code >= 500:
                    raise _Abort(response)
                if 200 <= response.status_code < 300 and not response.streaming:
                    record.status_code = response.status_code
                    record.content = response.content
                    record.headers = {h: response[h] for h in REPLAYED_HEADERS if h in response}
                    record.save(update_fields=["status_code", "content", "headers"])
                else:
                    record.delete()  # a refusal is not remembered: the corrected retry must run
                return response
        except _Abort as abort:
            return abort.response

    @staticmethod
    def _replay(user, key: str, fingerprint: str) -> HttpResponse:
        from audit.models import IdempotencyRecord

        record = IdempotencyRecord.objects.filter(user=user, key=key).first()
        if record is None or record.status_code is None:
            return JsonResponse({"detail": "A request with this Idempotency-Key is still in progress."}, status=409)
        if record.fingerprint != fingerprint:
            return JsonResponse(
                {"Idempotency-Key": ["This key was already used for a different request; use a new key."]},
                status=422,
            )
        response = HttpResponse(bytes(record.content), status=record.status_code)
        for header, value in record.headers.items():
            response[header] = value
        response["Idempotent-Replayed"] = "true"
        return response


# --- exports in the audit trail --------------------------------------------------------------


EXPORT_CONTENT_TYPES = (
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/pdf",
    "application/zip",
    "application/xml",
    "application/graphml+xml",
    "application/gexf+xml",
)


class ExportAuditMiddleware:
    """Record every file download (CSV, XLSX, PDF, ZIP, network files) in the audit trail: who, what
    (path and filters), which format, from where. One place for every exporter. (Calendar feeds,
    polled by calendar apps every hour, are not exports a person makes.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method != "GET" or response.status_code != 200 or request.path.startswith("/static/"):
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        disposition = response.get("Content-Disposition", "")
        if content_type in EXPORT_CONTENT_TYPES or disposition.startswith("attachment"):
            from audit.events import record
            from audit.models import AuditAction

            detail = {
                "path": request.path,
                "query": request.GET.urlencode()[:1000],
                "content_type": content_type,
                "file": disposition.partition("filename=")[2].strip('"')[:200],
            }
            record(getattr(request, "user", None), AuditAction.EXPORT, detail, request=request)
        return response


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


# --- Content-Security-Policy -----------------------------------------------------------------


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, plus CSP_PATH_UPDATES: directives added only under given path prefixes
    (the third-party API reference pages), so the site-wide policy stays strict."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only:
            for prefix, directives in getattr(settings, "CSP_PATH_UPDATES", {}).items():
                if request.path.startswith(prefix):
                    parts.update = {**(parts.update or {}), **directives}
        return parts


__all__ = [
    "ContentSecurityPolicyMiddleware",
    "DatabaseUnavailableMiddleware",
    "ExportAuditMiddleware",
    "IdempotencyMiddleware",
    "ReplicaReadsMiddleware",
    "SessionLimitsMiddleware",
    "TwoFactorMiddleware",
    "server_error",
]
