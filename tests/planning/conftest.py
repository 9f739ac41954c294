"""Fixtures for planned meetings: a recorder of meeting announcements and a planner helper."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from partners import events
from partners.services.planning import AgendaItemInput, InvitationInput, meeting_plan


@pytest.fixture
def announcements():
    """Every call the meeting listeners get, in order, as (change, meeting_id, organization_ids)."""
    calls: list[tuple[str, int, list[int]]] = []

    def listener(*, meeting_id: int, change: str, organization_ids: list[int]) -> None:
        calls.append((change, meeting_id, organization_ids))

    events.meeting_listener_register(listener)
    yield calls
    events.meeting_listener_unregister(listener)


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)), datetime.UTC)


@pytest.fixture
def plan(world):
    """Plan a meeting of coalition A as its coordinator, inviting orgs A and B by default."""

    def _plan(actor=None, *, invite=None, agenda=("Welcome", "Referral protocol"), **data):
        data.setdefault("title", "Quarterly coalition meeting")
        data.setdefault("coalition", world.coalition_a)
        data.setdefault("starts_at", in_days(7))
        data.setdefault("ends_at", in_days(7, hour=12))
        data.setdefault("place", "City Hall, room 2")
        orgs = invite if invite is not None else [world.org_a, world.org_b]
        return meeting_plan(
            actor=actor or world.coordinator,
            agenda=[AgendaItemInput(title=t) for t in agenda],
            invitations=[InvitationInput(organization=o) for o in orgs],
            **data,
        )

    return _plan
