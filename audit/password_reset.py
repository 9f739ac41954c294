"""Password reset requests: limited per account address and per client address, one answer for all, audited.

Django's own view sends the link; this one counts first. Whether the address belongs to an
account, and whether a limit was reached, the visitor sees the same "check your e-mail" page:
only the audit trail (and the mailbox) can tell the difference.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.utils.crypto import salted_hmac

from audit.events import client_ip, record
from audit.models import AuditAction

DEFAULT_LIMIT = 5  # requests per window, for each account address and each client address
DEFAULT_WINDOW = 3600  # seconds


def address_digest(email: str) -> str:
    """A keyed hash of the address: the trail and the counters never hold the address itself."""
    return salted_hmac("audit.password_reset", email.strip().lower()).hexdigest()


def _count(key: str, window: int) -> int:
    """One more request under `key`, in a window that starts with the first (the shared cache
    counts every worker's requests when CACHE_URL names Redis)."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def limited_by(*, digest: str, ip: str | None) -> str | None:
    """Count this request; name the limit it passes ("account" or "ip"), or None when within both."""
    window = int(getattr(settings, "PASSWORD_RESET_LIMIT_WINDOW", DEFAULT_WINDOW))
    per_account = int(getattr(settings, "PASSWORD_RESET_LIMIT_PER_ACCOUNT", DEFAULT_LIMIT))
    per_ip = int(getattr(settings, "PASSWORD_RESET_LIMIT_PER_IP", DEFAULT_LIMIT))
    # Both counters move on every request: many addresses from one client, or one address from
    # many clients, each run into a limit.
    account_count = _count(f"password-reset:account:{digest}", window)
    ip_count = _count(f"password-reset:ip:{ip or 'unknown'}", window)
    if account_count > per_account:
        return "account"
    if ip_count > per_ip:
        return "ip"
    return None


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset form, sending the link only within the limits, auditing each request."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        digest = address_digest(email)
        ip = client_ip(self.request)
        limit = limited_by(digest=digest, ip=ip)
        accounts = sorted(user.pk for user in form.get_users(email))
        if limit is None:
            super().form_valid(form)  # sends one e-mail per active account with that address
        outcome = "limited" if limit else ("sent" if accounts else "no account")
        detail = {"address_hash": digest, "accounts": accounts, "outcome": outcome, "limited_by": limit}
        record(None, AuditAction.PASSWORD_RESET, detail, request=self.request)
        return HttpResponseRedirect(self.get_success_url())
