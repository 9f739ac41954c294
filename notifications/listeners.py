"""What the notifications app hears from partners (registered in apps.py)."""

from __future__ import annotations

import logging

from notifications.tasks import meeting_invitations_send

logger = logging.getLogger(__name__)


def meeting_changes_queue(*, meeting_id: int, change: str, organization_ids: list[int]) -> None:
    """Called by partners.events after a change to a meeting was committed: queue its e-mails
    (sent at once, in this process, when no broker is configured).

    The change is saved by then; a mail server or broker that is down must not turn the
    organiser's saved change into an error page. The failure is logged (and the task itself
    retried where a broker runs it)."""
    try:
        meeting_invitations_send.delay(meeting_id, change, list(organization_ids))
    except Exception:
        logger.exception("Could not send the invitations of meeting %s (%s).", meeting_id, change)
