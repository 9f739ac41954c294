"""Sessions: 30 minutes idle, 12 hours at most, a new key at sign-in, and an end on deactivation or new password."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.sessions import SEEN_AT, SIGNED_IN_AT

PASSWORD = "pw-for-tests-1"
pytestmark = pytest.mark.django_db
PAGE = "/account/two-factor/"  # any page that needs a signed-in user


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shift_session(client: Client, **ago_seconds: int) -> None:
    session = client.session
    now = int(time.time())
    for key, ago in ago_seconds.items():
        session[{"signed_in": SIGNED_IN_AT, "seen": SEEN_AT}[key]] = now - ago
    session.save()


def test_a_fresh_session_is_served(world):
    client = signed_in_client(world.member)
    assert client.get(PAGE).status_code == 200


def test_thirty_one_idle_minutes_end_the_session(world):
    client = signed_in_client(world.member)
    shift_session(client, signed_in=31 * 60, seen=31 * 60)
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_session_alive_past_thirty_minutes_in_total(world):
    client = signed_in_client(world.member)
    shift_session(client, signed_in=3 * 3600, seen=29 * 60)
    assert client.get(PAGE).status_code == 200
    assert int(time.time()) - client.session[SEEN_AT] < 5  # the request counted as activity


def test_twelve_hours_after_sign_in_the_session_ends_even_when_active(world):
    client = signed_in_client(world.member)
    shift_session(client, signed_in=12 * 3600 + 60, seen=10)
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_ended_session_on_the_api_answers_401_in_json(world):
    client = signed_in_client(world.member)
    shift_session(client, signed_in=31 * 60, seen=31 * 60)
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 401
    assert "sign in again" in response.json()["detail"]


def test_sign_in_gives_a_new_session_key(world):
    client = Client()
    client.get(reverse("login"))
    client.cookies["sessionid"] = "attacker-chosen-session-key"
    response = client.post(reverse("login"), {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    assert client.cookies["sessionid"].value != "attacker-chosen-session-key"


def test_deactivating_a_user_ends_all_their_sessions(world):
    phone, laptop = signed_in_client(world.member), signed_in_client(world.member)
    get_user_model().objects.filter(pk=world.member.pk).update(is_active=False)
    for client in (phone, laptop):
        response = client.get(PAGE)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_password_change_ends_the_users_other_sessions(world):
    other_device = signed_in_client(world.member)
    this_device = signed_in_client(world.member)
    response = this_device.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a much longer passphrase 42",
            "new_password2": "a much longer passphrase 42",
        },
    )
    assert response.status_code == 302
    assert this_device.get(PAGE).status_code == 200  # Django keeps the device that made the change
    assert other_device.get(PAGE).status_code == 302


def test_an_admin_setting_a_new_password_ends_the_users_sessions(world):
    client = signed_in_client(world.member)
    user = get_user_model().objects.get(pk=world.member.pk)
    user.set_password("another long passphrase 7")
    user.save()
    assert client.get(PAGE).status_code == 302


def test_session_rows_expire_within_twelve_hours(world, settings):
    signed_in_client(world.member)
    session = Session.objects.get()
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert remaining <= settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() + 5


def test_cookies_are_http_only_and_same_site_and_secure_in_production(settings):
    from coalition import settings as production

    assert production.SESSION_COOKIE_HTTPONLY and production.CSRF_COOKIE_HTTPONLY
    assert production.SESSION_COOKIE_SAMESITE == "Lax" and production.CSRF_COOKIE_SAMESITE == "Lax"
    assert production.DEBUG is False
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
