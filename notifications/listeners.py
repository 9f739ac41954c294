"""What the notifications app hears from partners (registered in apps.py)."""

from __future__ import annotations

from notifications.tasks import meeting_invitations_send


def meeting_changes_queue(*, meeting_id: int, change: str, organization_ids: list[int]) -> None:
    """Called by partners.events after a change to a meeting was committed: queue its e-mails
    (sent at once, in this process, when no broker is configured)."""
    meeting_invitations_send.delay(meeting_id, change, list(organization_ids))
