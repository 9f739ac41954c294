"""The daily reminders: renewals (60 and 30 days), action items (soon and overdue), meetings
(3 days before, with the calendar file) and the yearly contact confirmation; each once."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from notifications.models import NotificationPreference
from notifications.reminders import reminders_send, renewal_threshold
from partners.choices import InvitationReply, MeetingVisibility
from partners.models import Contact
from partners.services.action_items import action_item_create
from partners.services.planning import invitation_reply
from tests import factories as f
from tests.notifications.conftest import in_days, parsed, part, sent_to, today

pytestmark = pytest.mark.django_db


def _days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


@pytest.mark.parametrize(("days", "expected"), [(61, None), (60, 60), (31, 60), (30, 30), (0, 30), (-1, None)])
def test_the_renewal_reminder_due(days, expected):
    assert renewal_threshold(days) == expected


def test_a_partnerships_members_hear_60_and_30_days_before_renewal_once_each(world, partner_b):
    partnership = f.partnership([world.org_a, world.org_b], "Referral protocol A–B", renewal_date=_days(60))
    reminders_send()
    reminders_send()  # the schedule fired twice
    assert [m.subject for m in sent_to(world.member.email)] == ["Renewal due in 60 days: Referral protocol A–B"]
    assert len(sent_to(partner_b.email)) == 1
    assert "With: Org B" in sent_to(world.member.email)[0].body
    reminders_send(today=_days(10))  # 50 days left: the 60-day reminder went already
    assert len(sent_to(world.member.email)) == 1
    reminders_send(today=_days(30))
    reminders_send(today=_days(31))
    assert [m.subject for m in sent_to(world.member.email)][1:] == ["Renewal due in 30 days: Referral protocol A–B"]
    assert sent_to(world.outsider.email) == [] and sent_to(world.coordinator.email) == []
    assert partnership.pk


def test_members_who_turned_renewals_off_hear_nothing(world):
    NotificationPreference.objects.create(user=world.member, renewals=False)
    f.partnership([world.org_a, world.org_b], "Referral protocol A–B", renewal_date=_days(30))
    reminders_send()
    assert sent_to(world.member.email) == []


def test_an_action_items_owner_hears_before_it_is_due_and_once_when_overdue(world, partner_b):
    item = action_item_create(
        actor=world.coordinator,
        coalition=world.coalition_a,
        title="Circulate the draft protocol",
        owner_organization=world.org_b,
        owner_user=partner_b,
        due_on=_days(3),
    )
    reminders_send(today=_days(-1))  # 4 days before: too early
    assert sent_to(partner_b.email) == []
    reminders_send()
    reminders_send(today=_days(1))
    assert [m.subject for m in sent_to(partner_b.email)] == [
        f"Action item due on {item.due_on.isoformat()}: Circulate the draft protocol"
    ]
    reminders_send(today=_days(4))
    reminders_send(today=_days(5))
    assert [m.subject for m in sent_to(partner_b.email)][1:] == ["Overdue action item: Circulate the draft protocol"]
    assert "was due on" in sent_to(partner_b.email)[1].body
    # The owner is a person: the rest of the organisation is not reminded.
    assert sent_to(world.member.email) == [] and sent_to(world.outsider.email) == []


def test_an_item_owned_by_an_organisation_reminds_its_members(world, partner_b):
    action_item_create(
        actor=world.coordinator,
        coalition=world.coalition_a,
        title="Share the shelter's intake hours",
        owner_organization=world.org_b,
        due_on=_days(-2),
    )
    reminders_send()
    assert [m.subject for m in sent_to(partner_b.email)] == ["Overdue action item: Share the shelter's intake hours"]
    assert sent_to(world.member.email) == []


def test_invitees_get_a_reminder_three_days_before_with_agenda_and_calendar(
    world, plan, partner_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan(starts_at=in_days(3), ends_at=in_days(3, hour=12))
    invitation_reply(
        actor=partner_b,
        invitation=meeting.invitations.get(organization=world.org_b),
        reply=InvitationReply.NOT_ATTENDING,
    )
    django_mail.outbox.clear()
    reminders_send()
    reminders_send()
    [message] = sent_to(world.member.email)
    assert message.subject == "Reminder: Quarterly coalition meeting in 3 days"
    assert "1. Welcome (Org A)" in message.body
    calendar = part(parsed(message), "text/calendar")
    assert f"UID:{meeting.ical_uid}" in calendar and "METHOD:REQUEST" in calendar
    assert sent_to(partner_b.email) == []  # they said they will not attend


def test_a_cancelled_meeting_sends_no_reminder(world, plan):
    from partners.services.planning import meeting_cancel

    meeting = plan(starts_at=in_days(3), ends_at=in_days(3, hour=12))
    meeting_cancel(actor=world.coordinator, meeting=meeting)
    reminders_send()
    assert [m for m in django_mail.outbox if "Reminder" in m.subject] == []


def test_a_reminder_never_names_a_meeting_its_reader_may_not_see(world, plan, partner_b):
    # Org C (another coalition) is invited by nobody; its member must not hear of coalition A's meeting.
    member_c = f.user("member-c", org=world.org_c)
    plan(starts_at=in_days(3), ends_at=in_days(3, hour=12), visibility=MeetingVisibility.PARTICIPANTS)
    reminders_send()
    assert sent_to(member_c.email) == [] and sent_to(world.outsider.email) == []
    assert len(sent_to(world.member.email)) == 1


def test_members_are_asked_once_a_year_to_confirm_stale_contacts(world, partner_b):
    stale = f.contact(world.org_b, "Old Contact", email="old@org-b.example")
    fresh = f.contact(world.org_a, "New Contact", email="new@org-a.example")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Contact.objects.filter(pk=stale.pk).update(created_at=long_ago, updated_at=long_ago)
    if hasattr(stale, "last_confirmed_on"):
        Contact.objects.filter(pk=stale.pk).update(last_confirmed_on=_days(-400))
        Contact.objects.filter(pk=fresh.pk).update(last_confirmed_on=_days(-10))
    reminders_send()
    reminders_send()
    [message] = sent_to(partner_b.email)
    assert message.subject == "Are the contacts of Org B still current?"
    assert "1 staff contact of Org B has not been confirmed for over a year." in message.body
    assert "Old Contact" not in message.body  # the count, not the personal data
    assert sent_to(world.member.email) == [] and sent_to(world.outsider.email) == []


def test_send_reminders_dry_run_prints_and_sends_and_records_nothing(world, capsys):
    from django.core.management import call_command

    from notifications.models import SentNotification

    f.partnership([world.org_a, world.org_b], "Referral protocol A–B", renewal_date=_days(30))
    call_command("send_reminders", "--dry-run")
    out = capsys.readouterr().out
    assert "member@example.org: renewal_reminder partnership:" in out and "(would send)" in out
    assert django_mail.outbox == [] and not SentNotification.objects.exists()
    call_command("send_reminders")
    assert "Reminders sent: 1" in capsys.readouterr().out
