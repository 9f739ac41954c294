"""Domain events the audit trail must hear of, announced without partners importing audit.

The audit app registers its recorder when it starts (audit.apps). A service announces an event
inside its own transaction, so the event is written with the change or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

# The kinds of event partners announces (audit.models.AuditAction holds the same values).
ACTIVITIES_FILED = "file"

EventRecorder = Callable[[Any, str, dict[str, Any]], None]
_recorders: list[EventRecorder] = []


def event_recorder_register(recorder: EventRecorder) -> None:
    if recorder not in _recorders:
        _recorders.append(recorder)


def event_announce(*, actor, action: str, detail: dict[str, Any]) -> None:
    """Hand one event to every registered recorder (the audit trail)."""
    if not _recorders:
        raise ImproperlyConfigured("No event recorder is registered: add 'audit' to INSTALLED_APPS.")
    for recorder in _recorders:
        recorder(actor, action, detail)


# --- planned meetings: who must hear of a change ----------------------------------------------
# The notifications app registers a listener that e-mails the invitations (METHOD:REQUEST) and
# cancellations (METHOD:CANCEL). Services call `meeting_changes_announce` from
# `transaction.on_commit`, so nobody hears of a change that was rolled back; the meeting row
# still exists when listeners run (a meeting with invitations is cancelled, never deleted).

MEETING_REQUEST = "request"  # planned or changed: these organisations get a new invitation
MEETING_CANCEL = "cancel"  # cancelled, or these organisations were uninvited
MEETING_CHANGES = (MEETING_REQUEST, MEETING_CANCEL)

MeetingListener = Callable[..., None]
_meeting_listeners: list[MeetingListener] = []


def meeting_listener_register(fn: MeetingListener) -> None:
    """Register `fn(*, meeting_id: int, change: str, organization_ids: list[int])`."""
    if fn not in _meeting_listeners:
        _meeting_listeners.append(fn)


def meeting_listener_unregister(fn: MeetingListener) -> None:
    if fn in _meeting_listeners:
        _meeting_listeners.remove(fn)


def meeting_changes_announce(*, meeting_id: int, change: str, organization_ids: list[int]) -> None:
    """Tell every meeting listener that these invited organisations must hear of a change."""
    if change not in MEETING_CHANGES:
        raise ValueError(f"Unknown meeting change {change!r}: use one of {MEETING_CHANGES}.")
    if not organization_ids:
        return
    for fn in list(_meeting_listeners):
        fn(meeting_id=meeting_id, change=change, organization_ids=sorted(organization_ids))
