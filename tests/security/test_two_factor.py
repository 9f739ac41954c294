"""Optional TOTP two-factor sign-in, which a setting can require of admins and coordinators."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditAction, AuditEvent

PASSWORD = "pw-for-tests-1"
pytestmark = pytest.mark.django_db
SETUP, VERIFY = "/account/two-factor/", "/account/two-factor/verify/"


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code would otherwise pause the next try


def next_window(device: TOTPDevice) -> None:
    """The app shows a new code every 30 s; a code already used is refused, so test with a fresh one."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()


def code_for(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(device.digits)


def sign_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def enable(client: Client, user) -> TOTPDevice:
    client.post(SETUP, {"start": "1"})
    device = TOTPDevice.objects.get(user=user)
    response = client.get(SETUP)
    assert device.config_url in response.content.decode().replace("&amp;", "&")
    response = client.post(SETUP, {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_by_default_no_second_factor_is_asked(world):
    client = sign_in("member")
    assert client.get("/organizations/").status_code == 200


def test_a_member_turns_it_on_and_is_asked_for_a_code_at_the_next_sign_in(world):
    client = sign_in("member")
    device = enable(client, world.member)
    assert AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR, actor=world.member).exists()
    again = sign_in("member")
    response = again.get("/organizations/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert again.get("/api/v1/organizations/").status_code == 403
    wrong = again.post(VERIFY, {"token": "000000", "next": "/organizations/"})
    assert wrong.status_code == 200 and "not valid" in wrong.content.decode()
    next_window(device)
    right = again.post(VERIFY, {"token": code_for(device), "next": "/organizations/"})
    assert right.status_code == 302 and right["Location"] == "/organizations/"
    assert again.get("/organizations/").status_code == 200


def test_a_wrong_confirmation_code_leaves_two_factor_off(world):
    client = sign_in("member")
    client.post(SETUP, {"start": "1"})
    response = client.post(SETUP, {"token": "123456"})
    assert "not valid" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.member, confirmed=True).exists()


def test_the_verify_step_refuses_to_redirect_elsewhere(world):
    client = sign_in("member")
    device = enable(client, world.member)
    again = sign_in("member")
    next_window(device)
    response = again.post(VERIFY, {"token": code_for(device), "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] != "https://evil.example/"


def test_when_required_admins_and_coordinators_must_set_it_up_before_anything_else(world, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = ["admin", "coordinator"]
    for username in ("admin", "coordinator"):
        client = sign_in(username)
        response = client.get("/organizations/")
        assert response.status_code == 302 and response["Location"].startswith(VERIFY)
        assert client.get(VERIFY)["Location"] == reverse("audit:two_factor_setup")
    member = sign_in("member")
    assert member.get("/organizations/").status_code == 200


def test_a_required_second_factor_cannot_be_turned_off(world, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = ["admin"]
    client = sign_in("admin")
    enable(client, world.admin)
    response = client.post(reverse("audit:two_factor_disable"))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=world.admin, confirmed=True).exists()


def test_an_optional_second_factor_can_be_turned_off(world):
    client = sign_in("member")
    enable(client, world.member)
    client.post(reverse("audit:two_factor_disable"))
    assert not TOTPDevice.objects.filter(user=world.member).exists()
    assert sign_in("member").get("/organizations/").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in():
    response = Client().get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
