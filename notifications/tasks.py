"""Background tasks of the notifications app: thin, idempotent (every message is claimed once,
notifications/delivery.py), retried when a connection was lost."""

from __future__ import annotations

import smtplib

from celery import shared_task

from partners.jobs import CONNECTION_ERRORS

# A mail server that is down or refuses for a while is worth another try, as a lost database is.
RETRY_ON = (*CONNECTION_ERRORS, smtplib.SMTPException, OSError)


@shared_task(autoretry_for=RETRY_ON, retry_backoff=True, retry_backoff_max=600, max_retries=5)
def digests_send() -> dict:
    """This week's digests for coordinators (the weekly schedule)."""
    from notifications.digests import digests_send as run

    return vars(run())


@shared_task(autoretry_for=RETRY_ON, retry_backoff=True, retry_backoff_max=600, max_retries=5)
def reminders_send() -> dict:
    """Today's reminders: renewals, action items, meetings, contacts (the daily schedule)."""
    from notifications.reminders import reminders_send as run

    return run()


@shared_task(autoretry_for=RETRY_ON, retry_backoff=True, retry_backoff_max=600, max_retries=5)
def meeting_invitations_send(meeting_id: int, change: str, organization_ids: list[int]) -> dict:
    """The invitation (or cancellation) e-mails of one change to a meeting."""
    from notifications.invitations import meeting_invitations_send as run

    return run(meeting_id=meeting_id, change=change, organization_ids=organization_ids)
