"""Password reset requests: limited per account and per address, the same answer either way, audited."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.test import override_settings

from audit.models import AuditAction, AuditEvent
from audit.password_reset import address_digest

pytestmark = pytest.mark.django_db

URL = "/accounts/password_reset/"
MEMBER = "member@example.org"


def ask(client, email: str, ip: str = "198.51.100.7"):
    return client.post(URL, {"email": email}, REMOTE_ADDR=ip)


def answer(response) -> tuple:
    """What the visitor can observe: the status, where it leads, and the page found there."""
    return response.status_code, response["Location"]


def page(response) -> str:
    """The page's text, with the per-request CSRF token of its forms (the footer's language
    chooser) left out: it differs on every request, whoever asks."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', response.content.decode())


def events() -> list[dict]:
    return [event.detail for event in AuditEvent.objects.filter(action=AuditAction.PASSWORD_RESET).order_by("pk")]


def test_a_known_and_an_unknown_address_get_the_same_answer(world, client):
    known = ask(client, MEMBER)
    unknown = ask(client, "nobody@example.org")
    assert answer(known) == answer(unknown) == (302, "/accounts/password_reset/done/")
    assert page(client.get(known["Location"])) == page(client.get(unknown["Location"]))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [MEMBER]


def test_the_sixth_request_for_an_account_in_an_hour_sends_nothing_and_looks_the_same(world, client):
    answers = [answer(ask(client, MEMBER, ip=f"198.51.100.{i}")) for i in range(1, 7)]
    assert len(set(answers)) == 1  # the limited request reads exactly like the others
    assert len(mail.outbox) == 5
    assert [e["outcome"] for e in events()] == ["sent"] * 5 + ["limited"]
    assert events()[-1]["limited_by"] == "account"


def test_the_account_limit_counts_the_address_whatever_its_case(world, client):
    for i in range(5):
        ask(client, MEMBER.upper() if i % 2 else MEMBER, ip=f"198.51.100.{i}")
    ask(client, "Member@Example.org", ip="198.51.100.99")
    assert len(mail.outbox) == 5
    assert events()[-1]["limited_by"] == "account"


def test_the_sixth_request_from_one_address_in_an_hour_sends_nothing(world, client):
    for i in range(5):
        assert answer(ask(client, f"unknown{i}@example.org")) == (302, "/accounts/password_reset/done/")
    assert answer(ask(client, MEMBER)) == (302, "/accounts/password_reset/done/")
    assert mail.outbox == []
    assert events()[-1] == {
        "address_hash": address_digest(MEMBER),
        "accounts": [world.member.pk],
        "outcome": "limited",
        "limited_by": "ip",
    }
    # Another client may still ask for the same account.
    ask(client, MEMBER, ip="203.0.113.20")
    assert len(mail.outbox) == 1


@override_settings(PASSWORD_RESET_LIMIT_PER_ACCOUNT=2, PASSWORD_RESET_LIMIT_PER_IP=3)
def test_the_limits_are_settings(world, client):
    for i in range(3):
        ask(client, MEMBER, ip=f"198.51.100.{i}")
    assert len(mail.outbox) == 2
    for i in range(3):
        ask(client, f"unknown{i}@example.org", ip="203.0.113.1")
    ask(client, "other@example.org", ip="203.0.113.1")
    assert [e["limited_by"] for e in events()[-4:]] == [None, None, None, "ip"]


def test_every_request_is_audited_with_the_address_hashed_and_the_client_address(world, client):
    ask(client, MEMBER, ip="203.0.113.9")
    ask(client, "nobody@example.org", ip="203.0.113.9")
    recorded = list(AuditEvent.objects.filter(action=AuditAction.PASSWORD_RESET).order_by("pk"))
    assert [event.ip_address for event in recorded] == ["203.0.113.9", "203.0.113.9"]
    assert [event.actor for event in recorded] == [None, None]
    assert [e["outcome"] for e in events()] == ["sent", "no account"]
    assert events()[0]["accounts"] == [world.member.pk] and events()[1]["accounts"] == []
    assert events()[1]["address_hash"] == address_digest("nobody@example.org")
    stored = json.dumps([(e.username, e.detail) for e in recorded])
    assert "example.org" not in stored  # neither address is kept in the trail


def test_a_malformed_address_is_shown_its_error_and_counts_nothing(world, client):
    response = ask(client, "not-an-address")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert events() == []
