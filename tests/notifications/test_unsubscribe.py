"""One-click unsubscribe: the signed link turns one topic off, without a sign-in; GET only asks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.choices import Topic
from notifications.models import AddressOptOut, NotificationPreference
from notifications.recipients import address_wants
from notifications.tokens import unsubscribe_token

pytestmark = pytest.mark.django_db


def _url(token: str) -> str:
    return reverse("notifications:unsubscribe", kwargs={"token": token})


def test_opening_the_link_asks_and_changes_nothing(client, world):
    url = _url(unsubscribe_token(topic=Topic.RENEWALS, user=world.member))
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Renewal reminders" in page and "member@example.org" in page and "<form" in page
    assert not NotificationPreference.objects.filter(user=world.member).exists()


def test_the_mail_programs_one_click_post_unsubscribes_without_a_sign_in(client, world):
    client.force_login(world.member)
    client.force_login(world.outsider)  # another person's session changes nothing
    url = _url(unsubscribe_token(topic=Topic.RENEWALS, user=world.member))
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    pref = NotificationPreference.objects.get(user=world.member)
    assert pref.renewals is False and pref.meetings is True
    assert not NotificationPreference.objects.filter(user=world.outsider).exists()


def test_a_tampered_link_is_a_404_and_changes_nothing(client, world):
    token = unsubscribe_token(topic=Topic.RENEWALS, user=world.member)
    for bad in [token[:-2] + "xx", "nonsense", token.replace(":", "", 1)]:
        assert client.post(_url(bad)).status_code == 404
    assert not NotificationPreference.objects.exists()


def test_a_contacts_address_can_opt_out_of_meeting_mail(client, world):
    url = _url(unsubscribe_token(topic=Topic.MEETINGS, address="Staff@Example.org"))
    assert client.post(url).status_code == 200
    assert AddressOptOut.objects.filter(address="staff@example.org", topic=Topic.MEETINGS).exists()
    assert not address_wants(Topic.MEETINGS, "staff@example.org")
    assert client.post(url).status_code == 200  # twice is harmless
    assert AddressOptOut.objects.count() == 1
