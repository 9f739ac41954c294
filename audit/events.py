"""Recording audit events: `record(actor, action, detail)` is the one entry point for other apps."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from audit.models import AuditAction, AuditEvent

MAX_DETAIL_TEXT = 2000


def client_ip(request: HttpRequest | None) -> str | None:
    """The caller's address: REMOTE_ADDR, or the n-th address from the right of X-Forwarded-For
    when TRUSTED_PROXY_COUNT says how many reverse proxies stand in front of the application."""
    if request is None:
        return None
    from django.conf import settings

    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def record(
    actor, action: str, detail: dict[str, Any] | str | None = None, *, request: HttpRequest | None = None
) -> AuditEvent:
    """Write one audit event. `actor` may be None or anonymous (e.g. a failed sign-in).

    `detail` is a small JSON-able dict (or a sentence); never put survivor data or passwords in it.
    """
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}; add it to audit.models.AuditAction.")
    if detail is None:
        detail = {}
    elif isinstance(detail, str):
        detail = {"message": detail[:MAX_DETAIL_TEXT]}
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    username = actor.get_username() if signed_in else str(detail.get("username", ""))[:150]
    return AuditEvent.objects.create(
        actor=actor if signed_in else None,
        username=username,
        action=action,
        ip_address=client_ip(request),
        detail=detail,
    )


def record_export(request: HttpRequest, detail: dict[str, str]) -> None:
    """A file download, as partners.exports.response.export_record describes it."""
    record(getattr(request, "user", None), AuditAction.EXPORT, detail, request=request)


def record_domain_event(actor, action: str, detail: dict[str, Any]) -> None:
    """An event a partners service announced (partners.events.event_announce)."""
    record(actor, AuditAction(action), detail)
