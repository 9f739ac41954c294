"""Fixtures of the notification tests: a partnership due for renewal, a planned meeting, helpers
to read the sent messages."""

from __future__ import annotations

import datetime
import email
from email.message import Message

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from partners.services.planning import AgendaItemInput, InvitationInput, meeting_plan
from tests import factories as f


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)), datetime.UTC)


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def partner_b(world):
    """A second user of org B (a member of coalition A) and one of org C (coalition B)."""
    return f.user("member-b", org=world.org_b)


@pytest.fixture
def plan(world):
    """Plan a meeting of coalition A as its coordinator, inviting orgs A and B by default."""

    def _plan(actor=None, *, invite=None, contacts=None, agenda=("Welcome", "Referral protocol"), **data):
        data.setdefault("title", "Quarterly coalition meeting")
        data.setdefault("coalition", world.coalition_a)
        data.setdefault("starts_at", in_days(7))
        data.setdefault("ends_at", in_days(7, hour=12))
        data.setdefault("place", "City Hall, room 2")
        orgs = invite if invite is not None else [world.org_a, world.org_b]
        contacts = contacts or {}
        return meeting_plan(
            actor=actor or world.coordinator,
            agenda=[AgendaItemInput(title=t, presenter=world.org_a if n == 0 else None) for n, t in enumerate(agenda)],
            invitations=[InvitationInput(organization=o, contacts=contacts.get(o.pk, ())) for o in orgs],
            **data,
        )

    return _plan


def sent_to(address: str) -> list:
    return [m for m in django_mail.outbox if address in m.to]


def parsed(message) -> Message:
    """A sent EmailMessage as the receiving end would parse it."""
    return email.message_from_bytes(message.message().as_bytes())


def part(msg: Message, content_type: str) -> str:
    for p in msg.walk():
        if p.get_content_type() == content_type:
            return p.get_payload(decode=True).decode(p.get_content_charset() or "utf-8")
    raise AssertionError(f"No {content_type} part in:\n{msg.as_string()[:3000]}")
