"""Sign-in rules applied to every request: session time limits and the second factor."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from audit.sessions import SEEN_AT, SIGNED_IN_AT, TWO_FACTOR_NEEDED
from audit.two_factor import two_factor_needed


class SessionLimitsMiddleware:
    """End a session after SESSION_IDLE_TIMEOUT without requests or SESSION_ABSOLUTE_TIMEOUT after sign-in.

    The last-seen stamp is written at most once a minute, so reads do not each cost a session write.
    """

    TOUCH_EVERY = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
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


class TwoFactorMiddleware:
    """Send a signed-in user who needs a second factor (see audit.two_factor) to verify it first.

    One who has none yet is sent on from the verify page to enrol; until then only the two-factor
    pages and signing out open, and the API answers 403.
    """

    ALWAYS_OPEN = ("/account/two-factor/", "/accounts/logout/", "/static/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(self.ALWAYS_OPEN):
            needed = request.session.get(TWO_FACTOR_NEEDED)
            if needed is None:  # a session from before two-factor existed
                needed = request.session[TWO_FACTOR_NEEDED] = two_factor_needed(user)
            if needed and not user.is_verified():
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "Verify your second factor first."}, status=403)
                return redirect(f"{reverse('audit:two_factor_verify')}?next={request.get_full_path()}")
        return self.get_response(request)
