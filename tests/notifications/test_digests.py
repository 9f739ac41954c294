"""The coordinators' weekly digest: what it lists, read as its recipient, once a week."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail as django_mail
from django.core.management import call_command

from notifications.digests import digests_send
from notifications.models import NotificationPreference, SentNotification
from partners.choices import ActionItemStatus, MeetingVisibility
from partners.services.action_items import action_item_create
from tests import factories as f
from tests.notifications.conftest import parsed, part, sent_to, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition_a_news(world):
    """Coalition A: a renewal in 20 days (also an attention item), an overdue action item, an
    activity of orgs A and B without a coalition, and one between them only they may see."""
    renewal = f.partnership(
        [world.org_a, world.org_b],
        "Referral protocol A–B",
        coalition=world.coalition_a,
        renewal_date=today() + datetime.timedelta(days=20),
    )
    item = action_item_create(
        actor=world.coordinator,
        coalition=world.coalition_a,
        title="Circulate the draft protocol",
        owner_organization=world.org_b,
        due_on=today() - datetime.timedelta(days=2),
    )
    unfiled = f.meeting([world.org_a, world.org_b], date=today(), title="Joint outreach day")
    hidden = f.meeting(
        [world.org_a, world.org_b],
        date=today(),
        title="Joint operation planning",
        visibility=MeetingVisibility.PARTICIPANTS,
    )
    # Coalition B's own business, which coalition A's coordinator must never read of.
    f.partnership(
        [world.org_c, world.org_d],
        "Clinic screening agreement",
        coalition=world.coalition_b,
        renewal_date=today() + datetime.timedelta(days=10),
    )
    return {"renewal": renewal, "item": item, "unfiled": unfiled, "hidden": hidden}


def test_a_coordinator_gets_the_digest_of_their_coalition(world, coalition_a_news):
    digests_send()
    [message] = sent_to(world.coordinator.email)
    assert message.subject == "Weekly digest: Coalition A"
    text = message.body
    assert "Referral protocol A–B" in text  # renewal (and the attention item)
    assert "Renewals due in the next 30 days" in text
    assert "Circulate the draft protocol (Org B)" in text
    assert "Joint outreach day" in text
    html = part(parsed(message), "text/html")
    assert "Circulate the draft protocol" in html and "Joint outreach day" in html


def test_the_digest_says_nothing_its_reader_may_not_see(world, coalition_a_news):
    digests_send()
    coordinator_a = sent_to(world.coordinator.email)[0]
    whole = parsed(coordinator_a).as_string()
    # A participants-only activity without a coalition is not the coordinator's to see.
    assert "Joint operation planning" not in coordinator_a.body and "Joint operation planning" not in whole
    assert "Clinic screening agreement" not in coordinator_a.body
    # The coordinator of coalition B hears of coalition B only.
    [coordinator_b] = sent_to(world.other_coordinator.email)
    assert coordinator_b.subject == "Weekly digest: Coalition B"
    assert "Clinic screening agreement" in coordinator_b.body
    for secret in ("Referral protocol A–B", "Circulate the draft protocol", "Joint outreach day"):
        assert secret not in coordinator_b.body
    # Members and outsiders get no digest at all.
    assert sent_to(world.member.email) == [] and sent_to(world.outsider.email) == []


def test_the_digest_goes_once_a_week_however_often_the_schedule_fires(world, coalition_a_news):
    first = digests_send()
    second = digests_send()
    assert first.sent == 2 and second.sent == 0 and second.already == 2
    assert len(django_mail.outbox) == 2


def test_next_weeks_digest_lists_only_new_attention_items(world, coalition_a_news):
    digests_send()
    django_mail.outbox.clear()
    coalition_a_news["item"].status = ActionItemStatus.DONE
    coalition_a_news["item"].closed_at = coalition_a_news["item"].created_at
    coalition_a_news["item"].save()
    next_week = today() + datetime.timedelta(days=7)
    digests_send(today=next_week)
    [message] = sent_to(world.coordinator.email)
    assert "New items that need attention" not in message.body  # the renewal was news last week
    assert "Referral protocol A–B" in message.body  # still due for renewal within 30 days
    assert "Circulate the draft protocol" not in message.body


def test_a_digest_with_nothing_new_to_say_is_not_sent(world):
    digests_send()  # this week: the suggested introductions of the coalitions' members
    django_mail.outbox.clear()
    run = digests_send(today=today() + datetime.timedelta(days=7))
    assert run.sent == 0 and run.empty == 2 and django_mail.outbox == []


def test_a_coordinator_who_turned_the_digest_off_gets_none(world, coalition_a_news):
    NotificationPreference.objects.create(user=world.coordinator, digest=False)
    digests_send()
    assert sent_to(world.coordinator.email) == []
    assert len(sent_to(world.other_coordinator.email)) == 1


def test_every_digest_carries_the_one_click_unsubscribe(world, coalition_a_news):
    digests_send()
    message = sent_to(world.coordinator.email)[0]
    link = message.extra_headers["List-Unsubscribe"]
    assert link.startswith("<http://") and "/notifications/unsubscribe/" in link
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link.strip("<>") in message.body


def test_send_digests_dry_run_prints_and_sends_and_records_nothing(world, coalition_a_news, capsys):
    call_command("send_digests", "--dry-run")
    out = capsys.readouterr().out
    assert "coordinator@example.org" in out and "Coalition A: would send" in out
    assert "1 overdue action items" in out
    assert django_mail.outbox == [] and not SentNotification.objects.exists()
    call_command("send_digests")
    assert "Digests sent: 2" in capsys.readouterr().out
    assert len(django_mail.outbox) == 2


def test_send_digests_names_a_bad_date(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--date"):
        call_command("send_digests", "--date", "next monday")


def test_snoozed_and_resolved_attention_items_are_left_out(world, coalition_a_news):
    from health.selectors.attention import coalition_attention
    from health.services import attention_resolve, attention_snooze

    items = coalition_attention(viewer=world.coordinator, coalition=world.coalition_a)
    renewal = next(i for i in items if i.kind == "renewal_due")
    others = [i for i in items if i.kind != "renewal_due"]
    attention_snooze(
        actor=world.coordinator, item=renewal, until=today() + datetime.timedelta(days=14), reason="Waiting for B"
    )
    for item in others:
        attention_resolve(actor=world.coordinator, item=item, note="Done")
    digests_send()
    [message] = sent_to(world.coordinator.email)
    assert "New items that need attention" not in message.body
    assert "Renewals due in the next 30 days" in message.body  # the renewal itself is still due
