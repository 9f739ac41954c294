"""Meeting invitation e-mails: REQUEST on planning and change, CANCEL on cancellation or
uninvitation, to the invited organisations' users and named contacts, and to nobody else."""

from __future__ import annotations

import pytest
from django.core import mail as django_mail

from notifications.models import AddressOptOut, NotificationPreference, SentNotification
from partners.choices import MeetingVisibility
from partners.services.planning import InvitationInput, meeting_cancel, meeting_plan_update
from tests import factories as f
from tests.notifications.conftest import parsed, part, sent_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(world, plan, partner_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan()
    return meeting


def _calendar(message) -> str:
    """The calendar part, its folded lines joined (the mail's transport may turn CRLF into LF)."""
    return part(parsed(message), "text/calendar").replace("\r\n", "\n").replace("\n ", "")


def test_planning_a_meeting_invites_the_invited_organisations_users(world, planned, partner_b):
    assert {a for m in django_mail.outbox for a in m.to} == {world.member.email, partner_b.email}
    [message] = sent_to(world.member.email)
    assert message.subject == "Invitation: Quarterly coalition meeting"
    calendar = _calendar(message)
    assert "METHOD:REQUEST" in calendar and f"UID:{planned.ical_uid}" in calendar and "SEQUENCE:0" in calendar
    assert 'ATTENDEE;CN="member";ROLE=REQ-PARTICIPANT' in calendar and "mailto:member@example.org" in calendar
    assert partner_b.email not in calendar  # each message names its own attendee only
    text = message.body
    assert "Quarterly coalition meeting" in text and "City Hall, room 2" in text
    assert "1. Welcome (Org A)" in text and "2. Referral protocol" in text
    assert "Invited organisations: Org A, Org B" in text


def test_the_calendar_part_is_what_outlook_and_google_read(world, planned):
    msg = parsed(sent_to(world.member.email)[0])
    types = [p.get_content_type() for p in msg.walk()]
    assert types[0] == "multipart/mixed"
    assert {"text/plain", "text/html", "text/calendar", "application/ics"} <= set(types)
    calendar_part = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    assert calendar_part.get_param("method") == "REQUEST"
    attachment = next(p for p in msg.walk() if p.get_content_type() == "application/ics")
    assert attachment.get_filename() == "invite.ics"


def test_outsiders_and_other_coalitions_get_nothing(world, planned):
    for person in (world.outsider, world.other_coordinator, world.coordinator, world.admin):
        assert sent_to(person.email) == []


def test_a_change_sends_an_updated_request_with_a_higher_sequence(world, planned, django_capture_on_commit_callbacks):
    django_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_plan_update(actor=world.coordinator, meeting=planned, place="Police HQ, room 1")
    [message] = sent_to(world.member.email)
    assert message.subject == "Updated invitation: Quarterly coalition meeting"
    calendar = _calendar(message)
    assert "SEQUENCE:1" in calendar and "LOCATION:Police HQ\\, room 1" in calendar
    assert f"UID:{planned.ical_uid}" in calendar


def test_cancelling_sends_a_cancel_with_the_same_uid(world, planned, django_capture_on_commit_callbacks):
    django_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(actor=world.coordinator, meeting=planned)
    [message] = sent_to(world.member.email)
    assert message.subject == "Cancelled: Quarterly coalition meeting"
    calendar = _calendar(message)
    assert "METHOD:CANCEL" in calendar and "STATUS:CANCELLED" in calendar
    assert f"UID:{planned.ical_uid}" in calendar and "SEQUENCE:1" in calendar
    assert parsed(message).get_content_type() == "multipart/mixed"
    assert next(p for p in parsed(message).walk() if p.get_content_type() == "text/calendar").get_param("method") == (
        "CANCEL"
    )


def test_an_uninvited_organisation_that_still_sees_the_meeting_gets_a_cancel(
    world, planned, partner_b, django_capture_on_commit_callbacks
):
    django_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_plan_update(
            actor=world.coordinator, meeting=planned, invitations=[InvitationInput(organization=world.org_a)]
        )
    [message] = sent_to(partner_b.email)  # org B is a member of the coalition: it still sees the meeting
    assert "METHOD:CANCEL" in _calendar(message) and f"UID:{planned.ical_uid}" in _calendar(message)
    assert message.subject == "Cancelled: Quarterly coalition meeting"


def test_an_uninvited_organisation_that_may_no_longer_see_it_hears_no_detail(
    world, plan, partner_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan(visibility=MeetingVisibility.PARTICIPANTS, title="Joint operation briefing")
    assert len(sent_to(partner_b.email)) == 1  # invited, so it saw the meeting
    django_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_plan_update(
            actor=world.coordinator, meeting=meeting, invitations=[InvitationInput(organization=world.org_a)]
        )
    [message] = sent_to(partner_b.email)
    whole = parsed(message).as_string()
    assert "METHOD:CANCEL" in _calendar(message) and f"UID:{meeting.ical_uid}" in _calendar(message)
    assert message.subject == "Cancelled: a meeting you were invited to"
    for secret in ("Joint operation briefing", "City Hall", "Welcome", "Org A"):
        assert secret not in whole, secret


def test_named_contacts_are_invited_once_unless_they_opted_out(world, plan, django_capture_on_commit_callbacks):
    ana = f.contact(world.org_b, "Ana Contact", email="ana@org-b.example")
    ben = f.contact(world.org_b, "Ben Contact", email="ben@org-b.example")
    AddressOptOut.objects.create(address="ben@org-b.example", topic="meetings")
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan(contacts={world.org_b.pk: [ana, ben]})
    [message] = sent_to("ana@org-b.example")
    assert "METHOD:REQUEST" in _calendar(message) and 'ATTENDEE;CN="Ana Contact"' in _calendar(message)
    assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert sent_to("ben@org-b.example") == []
    assert (
        SentNotification.objects.filter(address="ana@org-b.example", key__startswith=f"meeting:{meeting.pk}:").count()
        == 1
    )


def test_people_who_turned_meeting_mail_off_get_none(world, plan, partner_b, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=partner_b, meetings=False)
    with django_capture_on_commit_callbacks(execute=True):
        plan()
    assert sent_to(partner_b.email) == [] and len(sent_to(world.member.email)) == 1


def test_the_same_change_announced_twice_sends_once(world, planned):
    from notifications.invitations import meeting_invitations_send

    before = len(django_mail.outbox)
    counts = meeting_invitations_send(meeting_id=planned.pk, change="request", organization_ids=[world.org_a.pk])
    assert counts["sent"] == 0 and counts["already"] == 1 and len(django_mail.outbox) == before


def test_the_invitation_is_written_in_the_recipients_language(
    world, plan, settings, django_capture_on_commit_callbacks
):
    settings.LANGUAGES = [("en", "English"), ("fr", "Français")]
    NotificationPreference.objects.create(user=world.member, language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        plan()
    assert sent_to(world.member.email)[0].extra_headers["Content-Language"] == "fr"


def test_the_invitation_and_the_calendar_feed_describe_one_event(world, planned, client):
    from django.urls import reverse

    from reports.services import calendar_feed_issue

    _feed, key = calendar_feed_issue(actor=world.member, coalition=world.coalition_a)
    feed = client.get(reverse("reports:calendar_feed", kwargs={"token": key})).content.decode()
    assert f"UID:{planned.ical_uid}" in feed.replace("\r\n ", "")
    assert f"UID:{planned.ical_uid}" in _calendar(sent_to(world.member.email)[0])
