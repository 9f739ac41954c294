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
