"""Background tasks of the audit app: the daily housekeeping, scheduled by django-celery-beat."""

from __future__ import annotations

from io import StringIO

from celery import shared_task
from django.core.management import call_command

from partners.jobs import CONNECTION_ERRORS


@shared_task(autoretry_for=CONNECTION_ERRORS, retry_backoff=True, max_retries=5)
def purge_expired() -> str:
    """Run `manage.py purge_expired` (deleting again what is already gone changes nothing)."""
    out = StringIO()
    call_command("purge_expired", stdout=out)
    return out.getvalue()
