"""The planning services: times in the coalition's zone, agenda, invitations, replies,
cancellation, attendance and minutes, and what the meeting listeners hear (on commit only)."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from partners.choices import InvitationReply, ParticipationRole
from partners.models import Invitation, Meeting, Participation
from partners.services.meetings import ParticipationInput, meeting_delete
from partners.services.planning import (
    AgendaItemInput,
    InvitationInput,
    invitation_reply,
    meeting_attendance_record,
    meeting_cancel,
    meeting_minutes_update,
    meeting_plan_update,
)
from tests import factories as f
from tests.planning.conftest import in_days

pytestmark = pytest.mark.django_db


def test_a_time_typed_without_a_zone_is_read_in_the_coalitions_zone(world, plan):
    world.coalition_a.time_zone = "America/New_York"
    world.coalition_a.save()
    meeting = plan(starts_at=datetime.datetime(2031, 1, 10, 23, 30), ends_at=datetime.datetime(2031, 1, 11, 1, 0))
    meeting.refresh_from_db()
    assert meeting.starts_at == datetime.datetime(2031, 1, 11, 4, 30, tzinfo=datetime.UTC)
    # `date` is the local date in New York, not the UTC one.
    assert meeting.date == datetime.date(2031, 1, 10)
    assert meeting.duration_minutes == 90
    assert meeting.local_starts_at.tzinfo == zoneinfo.ZoneInfo("America/New_York")


def test_planning_writes_agenda_and_invitations_but_no_participations(world, plan):
    meeting = plan()
    assert [a.title for a in meeting.agenda_items.all()] == ["Welcome", "Referral protocol"]
    assert set(meeting.invitations.values_list("organization_id", flat=True)) == {world.org_a.pk, world.org_b.pk}
    assert not meeting.participations.exists()
    assert meeting.is_planned and meeting.sequence == 0


def test_the_end_must_come_after_the_start(world, plan):
    with pytest.raises(ValidationError) as e:
        plan(ends_at=in_days(6))
    assert "ends_at" in e.value.message_dict
    assert not Meeting.objects.exists()


def test_a_member_must_invite_their_own_organisation(world, plan):
    with pytest.raises(PermissionDenied):
        plan(world.member, invite=[world.org_b])
    assert not Meeting.objects.exists()
    assert plan(world.member, invite=[world.org_a, world.org_b]).logged_by == world.member


def test_an_outsider_cannot_plan_in_a_coalition_they_are_not_in(world, plan):
    with pytest.raises(PermissionDenied):
        plan(world.outsider, invite=[world.org_d])
    assert not Meeting.objects.exists()


def test_named_contacts_must_belong_to_the_invited_organisation(world, plan):
    from partners.services.planning import meeting_plan

    stranger = f.contact(world.org_c, "Someone Else")
    with pytest.raises(ValidationError) as e:
        meeting_plan(
            actor=world.admin,
            title="x",
            coalition=world.coalition_a,
            starts_at=in_days(3),
            invitations=[InvitationInput(organization=world.org_a, contacts=[stranger])],
        )
    assert "invitations" in e.value.message_dict


def test_listeners_hear_of_a_plan_only_when_it_commits(world, plan, announcements, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        meeting = plan()
    assert announcements == []  # not before the commit
    for callback in callbacks:
        callback()
    assert announcements == [("request", meeting.pk, sorted([world.org_a.pk, world.org_b.pk]))]


def test_a_rolled_back_plan_announces_nothing(world, plan, announcements, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                plan()
                raise RuntimeError("boom")
        except RuntimeError:
            pass
    assert announcements == []
    assert not Meeting.objects.exists()


def test_changing_the_time_sends_everyone_a_new_request_and_raises_the_sequence(
    world, plan, announcements, django_capture_on_commit_callbacks
):
    meeting = plan()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_plan_update(actor=world.coordinator, meeting=meeting, starts_at=in_days(8), ends_at=in_days(8, 12))
    assert announcements == [("request", meeting.pk, sorted([world.org_a.pk, world.org_b.pk]))]
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert meeting.date == timezone.localdate() + datetime.timedelta(days=8)


def test_uninvited_organisations_get_a_cancel_and_new_ones_a_request(
    world, plan, announcements, django_capture_on_commit_callbacks
):
    meeting = plan()
    Invitation.objects.filter(meeting=meeting, organization=world.org_a).update(reply=InvitationReply.ATTENDING)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_plan_update(
            actor=world.coordinator,
            meeting=meeting,
            invitations=[InvitationInput(organization=world.org_a), InvitationInput(organization=world.org_c)],
        )
    assert announcements == [("request", meeting.pk, [world.org_c.pk]), ("cancel", meeting.pk, [world.org_b.pk])]
    # The reply of an organisation still invited is kept.
    assert Invitation.objects.get(meeting=meeting, organization=world.org_a).reply == InvitationReply.ATTENDING
    meeting.refresh_from_db()
    assert meeting.sequence == 1


def test_a_change_nobody_must_hear_of_keeps_the_sequence(
    world, plan, announcements, django_capture_on_commit_callbacks
):
    meeting = plan()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_plan_update(
            actor=world.coordinator,
            meeting=meeting,
            agenda=[AgendaItemInput("Welcome"), AgendaItemInput("Referral protocol")],
        )
    assert announcements == []
    meeting.refresh_from_db()
    assert meeting.sequence == 0


def test_cancelling_tells_every_invitee_and_keeps_the_meeting(
    world, plan, announcements, django_capture_on_commit_callbacks
):
    meeting = plan()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(actor=world.coordinator, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None and meeting.sequence == 1
    assert announcements == [("cancel", meeting.pk, sorted([world.org_a.pk, world.org_b.pk]))]
    with pytest.raises(ValidationError):
        meeting_plan_update(actor=world.coordinator, meeting=meeting, place="Elsewhere")


def test_a_meeting_with_invitations_is_cancelled_not_deleted(world, plan):
    meeting = plan()
    with pytest.raises(ValidationError):
        meeting_delete(actor=world.coordinator, meeting=meeting)
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_an_invitee_replies_for_their_organisation_only(world, plan):
    meeting = plan()
    mine = meeting.invitations.get(organization=world.org_a)
    theirs = meeting.invitations.get(organization=world.org_b)
    invitation_reply(actor=world.member, invitation=mine, reply=InvitationReply.MAYBE)
    mine.refresh_from_db()
    assert (mine.reply, mine.replied_by) == (InvitationReply.MAYBE, world.member)
    with pytest.raises(PermissionDenied):
        invitation_reply(actor=world.member, invitation=theirs, reply=InvitationReply.ATTENDING)
    theirs.refresh_from_db()
    assert theirs.reply == InvitationReply.PENDING
    with pytest.raises(ValidationError) as e:
        invitation_reply(actor=world.member, invitation=mine, reply="perhaps")
    assert "reply" in e.value.message_dict


def test_attendance_waits_for_the_meeting_then_becomes_participations(world, plan):
    meeting = plan()
    came = [
        ParticipationInput(organization=world.org_a, role=ParticipationRole.HOST),
        ParticipationInput(organization=world.org_b),
    ]
    with pytest.raises(ValidationError) as e:
        meeting_attendance_record(actor=world.coordinator, meeting=meeting, participations=came)
    assert "participations" in e.value.message_dict
    assert not Participation.objects.filter(meeting=meeting).exists()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=in_days(-1), date=timezone.localdate() - datetime.timedelta(days=1)
    )
    meeting.refresh_from_db()
    with pytest.raises(PermissionDenied):
        meeting_attendance_record(actor=world.outsider, meeting=meeting, participations=came)
    meeting_attendance_record(actor=world.coordinator, meeting=meeting, participations=came)
    meeting.refresh_from_db()
    assert meeting.attendance_recorded_at is not None and not meeting.is_planned
    assert set(meeting.participations.values_list("organization_id", "role")) == {
        (world.org_a.pk, ParticipationRole.HOST),
        (world.org_b.pk, ParticipationRole.PARTICIPANT),
    }


def test_minutes_wait_until_the_meeting_is_held(world, plan):
    meeting = plan()
    with pytest.raises(ValidationError) as e:
        meeting_minutes_update(actor=world.coordinator, meeting=meeting, decisions="Adopt the protocol.")
    assert "decisions" in e.value.message_dict
    meeting.refresh_from_db()
    assert meeting.decisions == ""


def test_the_ical_uid_is_the_calendar_feeds(world, plan):
    import uuid

    from reports.hsds.export import NAMESPACE

    meeting = plan()
    assert meeting.ical_uid == f"{uuid.uuid5(NAMESPACE, f'meeting:{meeting.pk}')}@coalition-tracker"
