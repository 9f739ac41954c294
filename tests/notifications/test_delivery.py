"""Once per recipient and period: a claim before the send, released on failure, taken over
when a dead worker abandoned it."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail as django_mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from notifications import delivery
from notifications.choices import DeliveryState, NotificationKind
from notifications.models import SentNotification

pytestmark = pytest.mark.django_db


def _outgoing(user, key="2026-W48:coalition-1", build=None) -> delivery.Outgoing:
    return delivery.Outgoing(
        recipient=user,
        address=user.email,
        kind=NotificationKind.DIGEST,
        key=key,
        build=build or (lambda: EmailMessage("Hello", "Body", to=[user.email])),
    )


def test_a_message_is_sent_once_however_often_it_is_delivered(world):
    assert delivery.deliver(_outgoing(world.coordinator)) == delivery.SENT
    assert delivery.deliver(_outgoing(world.coordinator)) == delivery.ALREADY
    assert len(django_mail.outbox) == 1
    row = SentNotification.objects.get()
    assert row.state == DeliveryState.SENT and row.sent_at and row.subject == "Hello"


def test_a_new_address_of_the_same_person_does_not_get_it_again(world):
    delivery.deliver(_outgoing(world.coordinator))
    world.coordinator.email = "new@example.org"
    world.coordinator.save()
    assert delivery.deliver(_outgoing(world.coordinator)) == delivery.ALREADY
    assert len(django_mail.outbox) == 1


def test_a_failed_send_releases_the_claim_so_a_retry_sends_it(world):
    def broken():
        raise ConnectionRefusedError("mail server down")

    with pytest.raises(ConnectionRefusedError):
        delivery.deliver(_outgoing(world.coordinator, build=broken))
    assert not SentNotification.objects.exists()
    assert delivery.deliver(_outgoing(world.coordinator)) == delivery.SENT


def test_a_fresh_claim_of_a_running_worker_is_left_alone(world):
    assert delivery.claim(_outgoing(world.coordinator)) is not None  # a worker is sending it now
    assert delivery.deliver(_outgoing(world.coordinator)) == delivery.ALREADY
    assert django_mail.outbox == []


def test_a_claim_abandoned_by_a_dead_worker_is_taken_over_once(world):
    long_ago = timezone.now() - delivery.CLAIM_LEASE - datetime.timedelta(minutes=1)
    delivery.claim(_outgoing(world.coordinator), now=long_ago)  # the worker died before sending
    assert delivery.deliver(_outgoing(world.coordinator)) == delivery.SENT
    assert delivery.deliver(_outgoing(world.coordinator)) == delivery.ALREADY
    assert len(django_mail.outbox) == 1
    assert SentNotification.objects.get().state == DeliveryState.SENT


def test_nothing_to_say_is_recorded_and_not_sent(world):
    assert delivery.deliver(_outgoing(world.coordinator, build=lambda: None)) == delivery.EMPTY
    assert django_mail.outbox == []
    assert SentNotification.objects.get().state == DeliveryState.SKIPPED


class MailServerGoesDownBackend(BaseEmailBackend):
    """Accepts one message, then fails as a mail server that went away would (a run that dies
    half-way, as when a worker is restarted)."""

    accepted: list = []

    def send_messages(self, messages):
        if len(type(self).accepted) >= 1:
            raise ConnectionResetError("connection lost")
        type(self).accepted.extend(messages)
        return len(messages)


def test_a_run_that_dies_half_way_sends_the_rest_and_nothing_twice_when_run_again(world, settings):
    from notifications.reminders import reminders_send
    from tests import factories as f
    from tests.notifications.conftest import today

    f.user("member-b", org=world.org_b)
    f.partnership(
        [world.org_a, world.org_b], "Referral protocol A–B", renewal_date=today() + datetime.timedelta(days=30)
    )
    settings.EMAIL_BACKEND = f"{__name__}.MailServerGoesDownBackend"
    MailServerGoesDownBackend.accepted = []
    with pytest.raises(ConnectionResetError):
        reminders_send()
    assert [m.to for m in MailServerGoesDownBackend.accepted] == [["member@example.org"]]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    counts = reminders_send()
    assert counts["sent"] == 1 and counts["already"] == 1
    assert [m.to for m in django_mail.outbox] == [["member-b@example.org"]]
    assert SentNotification.objects.filter(state=DeliveryState.SENT).count() == 2
