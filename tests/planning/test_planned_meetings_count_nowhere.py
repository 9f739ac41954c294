"""A planned meeting counts as collaboration nowhere until its attendance is recorded; a
cancelled one never does; the analytics rollups (kept by triggers) follow the attendance."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from analytics.pairs import collaboration_pairs
from health.selectors.attention import coalition_attention
from partners.choices import ParticipationRole
from partners.models import Meeting
from partners.services.meetings import ParticipationInput
from partners.services.planning import meeting_attendance_record, meeting_cancel
from tests import factories as f
from tests.planning.conftest import in_days

pytestmark = pytest.mark.django_db


def pairs(viewer) -> set[tuple[int, int, int]]:
    return {(p["org_a"], p["org_b"], p["count"]) for p in collaboration_pairs(viewer=viewer)}


def came(world):
    return [
        ParticipationInput(organization=world.org_a, role=ParticipationRole.HOST),
        ParticipationInput(organization=world.org_b),
    ]


def test_a_planned_meeting_is_not_collaboration_until_attendance_is_recorded(world, plan):
    meeting = plan(starts_at=in_days(-1), ends_at=in_days(-1, 12), kind="training")
    assert pairs(world.admin) == set()
    meeting_attendance_record(actor=world.coordinator, meeting=meeting, participations=came(world))
    a, b = sorted([world.org_a.pk, world.org_b.pk])
    assert pairs(world.admin) == {(a, b, 1)}
    # Corrected attendance: only org A came. The rollups follow the rows.
    meeting.refresh_from_db()
    meeting_attendance_record(
        actor=world.coordinator, meeting=meeting, participations=[ParticipationInput(organization=world.org_a)]
    )
    assert pairs(world.admin) == set()


def test_a_cancelled_meeting_counts_nowhere(world, plan):
    meeting = plan()
    meeting_cancel(actor=world.coordinator, meeting=meeting)
    assert pairs(world.admin) == set()
    assert not meeting.participations.exists()


def test_absences_count_only_meetings_that_took_place(world, plan):
    world.coalition_a.absent_after_meetings = 1
    world.coalition_a.save()
    f.meeting(
        [world.org_a, world.org_b], coalition=world.coalition_a, date=timezone.localdate() - datetime.timedelta(days=30)
    )
    # Yesterday's planned meeting (attendance not recorded) and a cancelled one of last week:
    # neither makes org A or org B "absent".
    plan(starts_at=in_days(-1), ends_at=in_days(-1, 12))
    cancelled = plan(starts_at=in_days(3), ends_at=in_days(3, 12))
    meeting_cancel(actor=world.coordinator, meeting=cancelled)
    Meeting.objects.filter(pk=cancelled.pk).update(
        starts_at=in_days(-7), date=timezone.localdate() - datetime.timedelta(days=7)
    )
    items = coalition_attention(viewer=world.coordinator, coalition=world.coalition_a)
    assert [i for i in items if i.kind == "absent_member"] == []


def test_the_coalition_report_counts_neither_cancelled_nor_unrecorded_meetings(world, plan):
    from reports.selectors import coalition_report, default_period

    today = timezone.localdate()
    f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, date=today - datetime.timedelta(days=20))
    plan(starts_at=in_days(-2), ends_at=in_days(-2, 12))  # held, attendance not recorded yet
    cancelled = plan(starts_at=in_days(4), ends_at=in_days(4, 12))
    meeting_cancel(actor=world.coordinator, meeting=cancelled)
    Meeting.objects.filter(pk=cancelled.pk).update(date=today - datetime.timedelta(days=3))
    upcoming = plan(starts_at=in_days(30), ends_at=in_days(30, 12))
    period = default_period(today)
    headline = coalition_report(viewer=world.admin, coalition=world.coalition_a, period=period).headline
    assert headline["activities"] == 1
    assert upcoming.date > today
