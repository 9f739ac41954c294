"""Delete what is kept only for a while: old sign-in records, audit events, stored API answers, sessions.

Run daily from cron: `python manage.py purge_expired`. The periods are in docs/data-protection.md.
This is the one way audit events leave the append-only trail (with erasure, `erase_contact`), and
it records in the trail that it ran and how many rows of each kind it removed.
"""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone

from audit.events import record
from audit.models import AuditAction, AuditEvent, audit_purge
from partners.models import IdempotencyRecord

SIGN_IN_RECORDS = timedelta(days=90)
AUDIT_EVENTS = timedelta(days=730)
IDEMPOTENCY = timedelta(days=1)


class Command(BaseCommand):
    help = "Delete expired sign-in records (90 days), audit events (2 years), API retry answers (1 day), sessions."

    def handle(self, *args, **options):
        now = timezone.now()
        sign_ins, events, answers = now - SIGN_IN_RECORDS, now - AUDIT_EVENTS, now - IDEMPOTENCY
        with audit_purge():
            deleted = {
                "sign-in log entries": AccessLog.objects.filter(attempt_time__lt=sign_ins).delete()[0],
                "failed sign-in entries": AccessFailureLog.objects.filter(attempt_time__lt=sign_ins).delete()[0],
                "sign-in lock counters": AccessAttempt.objects.filter(attempt_time__lt=sign_ins).delete()[0],
                "audit events": AuditEvent.objects.filter(at__lt=events).delete()[0],
                "stored API answers": IdempotencyRecord.objects.filter(created_at__lt=answers).delete()[0],
                "expired sessions": Session.objects.filter(expire_date__lt=now).delete()[0],
            }
            # In the same transaction: the trail says what left it, or nothing left it.
            detail = {"by": "purge_expired", "deleted": deleted, "audit_events_before": events.isoformat()}
            record(None, AuditAction.PURGE, detail)
        for what, count in deleted.items():
            self.stdout.write(f"{count:>6} {what}")
