"""Sending one e-mail at most once per (recipient, kind, period or event).

The choice, and why: a message is **claimed** before it is built and sent, by inserting its
SentNotification row in a transaction of its own, which commits at once. The unique constraints
make the insert fail for anyone else: a second run of the schedule, a second worker, a task
retried by Celery. After the mail server accepted the message the row is marked `sent`.

If the worker dies between the claim and the send (killed, restarted, out of memory), the row
stays `claimed`. A claim older than CLAIM_LEASE is taken to be abandoned and the next run may
take it over (one conditional UPDATE, so only one run wins) and send the message. The one
case that could still send twice is a crash in the instant after the mail server accepted the
message and before the row was marked sent; never retaking a claim would instead lose every
message of a run that crashed. If sending fails with an error (the mail server is down) the
claim is released at once, so the task's retry or the next run sends it.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from notifications.choices import DeliveryState
from notifications.models import SentNotification

logger = logging.getLogger(__name__)

CLAIM_LEASE = datetime.timedelta(minutes=30)

SENT = "sent"
ALREADY = "already"  # claimed or sent before: nothing done
EMPTY = "empty"  # nothing to tell the recipient: recorded, nothing sent


@dataclass
class Outgoing:
    """One message to one recipient, built only once it is claimed. `build` returns the message,
    or None when there is nothing to say, and may set `items` (what a digest listed)."""

    recipient: object | None  # a User, or None for a contact's address
    address: str
    kind: str
    key: str
    build: Callable[[], EmailMessage | None]
    items: list | None = None


def _same(outgoing: Outgoing) -> Q:
    same = Q(address=outgoing.address)
    if outgoing.recipient is not None:
        same |= Q(recipient=outgoing.recipient)
    return same & Q(kind=outgoing.kind, key=outgoing.key)


def claim(outgoing: Outgoing, *, now: datetime.datetime | None = None) -> SentNotification | None:
    """The claimed row, or None when this message was claimed or sent already."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return SentNotification.objects.create(
                recipient=outgoing.recipient,
                address=outgoing.address,
                kind=outgoing.kind,
                key=outgoing.key,
                state=DeliveryState.CLAIMED,
                claimed_at=now,
            )
    except IntegrityError:
        pass
    abandoned = SentNotification.objects.filter(
        _same(outgoing), state=DeliveryState.CLAIMED, claimed_at__lt=now - CLAIM_LEASE
    )
    row = abandoned.first()
    if row is not None and abandoned.filter(pk=row.pk, claimed_at=row.claimed_at).update(claimed_at=now):
        logger.warning("Taking over an abandoned claim: %s", row)
        row.claimed_at = now
        return row
    return None


def deliver(outgoing: Outgoing, *, connection=None) -> str:
    """Claim, build and send one message: SENT, ALREADY or EMPTY."""
    row = claim(outgoing)
    if row is None:
        return ALREADY
    try:
        message = outgoing.build()
        if message is not None:
            message.send(fail_silently=False) if connection is None else connection.send_messages([message])
    except Exception:
        row.delete()  # release the claim: the retry or the next run sends it
        raise
    row.state = DeliveryState.SENT if message is not None else DeliveryState.SKIPPED
    row.sent_at = timezone.now() if message is not None else None
    row.subject = str(message.subject)[:255] if message is not None else ""
    row.items = outgoing.items or []
    row.save(update_fields=["state", "sent_at", "subject", "items"])
    return SENT if message is not None else EMPTY
