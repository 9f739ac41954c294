"""Receivers: sign-in events into the audit trail, session stamps for the time limits, version safety."""

from __future__ import annotations

import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import pre_save
from django.dispatch import receiver
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from audit.events import record
from audit.models import AuditAction
from audit.sessions import SEEN_AT, SIGNED_IN_AT, TWO_FACTOR_NEEDED
from audit.two_factor import two_factor_needed


@receiver(user_logged_in, dispatch_uid="audit_user_logged_in")
def on_logged_in(sender, request, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        now = int(time.time())
        session[SIGNED_IN_AT] = now
        session[SEEN_AT] = now
        session[TWO_FACTOR_NEEDED] = two_factor_needed(user)
    record(user, AuditAction.SIGN_IN, {"via": _via(request)}, request=request)


@receiver(user_login_failed, dispatch_uid="audit_user_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str((credentials or {}).get("username", ""))[:150]
    record(None, AuditAction.SIGN_IN_FAILED, {"username": username, "via": _via(request)}, request=request)


@receiver(user_logged_out, dispatch_uid="audit_user_logged_out")
def on_logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(user, AuditAction.SIGN_OUT, {}, request=request)


@receiver(user_locked_out, dispatch_uid="audit_user_locked_out")
def on_locked_out(sender, request, username=None, ip_address=None, **kwargs) -> None:
    record(None, AuditAction.LOCKED_OUT, {"username": str(username or "")[:150]}, request=request)


def _via(request) -> str:
    if request is None:
        return "unknown"
    path = getattr(request, "path", "")
    return "admin" if path.startswith("/admin/") else "api" if path.startswith("/api/") else "site"


@receiver(pre_save, dispatch_uid="audit_reverted_version_moves_forward")
def on_pre_save_keep_versions_rising(sender, instance, raw=False, **kwargs) -> None:
    """A record brought back from its history (the admin's "revert") gets a new, higher version.

    Otherwise it would carry its old number and a stale copy of that number would pass the
    optimistic lock.
    """
    if raw or not hasattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME) or not hasattr(instance, "version"):
        return
    if instance.pk is None:
        return
    current = type(instance)._default_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
    if current is not None and instance.version <= current:
        instance.version = current + 1
