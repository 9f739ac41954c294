"""Recovery codes: each signs in once in place of the app's code; new ones replace the old, audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent, RecoveryCode
from audit.recovery_codes import code_hash, code_matches, normalize
from tests.security.test_two_factor import code_for, next_window, sign_in

pytestmark = pytest.mark.django_db
SETUP, VERIFY, CODES = "/account/two-factor/", "/account/two-factor/verify/", "/account/two-factor/recovery-codes/"
REGENERATE = CODES + "regenerate/"


@pytest.fixture(autouse=True)
def _production_default(settings):
    settings.TWO_FACTOR_REQUIRED_FOR = ["admin", "coordinator"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def enrolled(world):
    """The coordinator, enrolled; returns the device and the ten codes shown at enrolment."""
    client = sign_in("coordinator")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world.coordinator)
    client.post(SETUP, {"token": code_for(device)})
    codes = client.get(CODES).context["codes"]
    device.refresh_from_db()
    return device, codes


def verify(code: str, next_url: str = "/organizations/") -> tuple[Client, object]:
    client = sign_in("coordinator")
    return client, client.post(VERIFY, {"token": code, "next": next_url})


def test_a_recovery_code_signs_in_once_and_fails_the_second_time(world, enrolled):
    _device, codes = enrolled
    client, response = verify(codes[3])
    assert response.status_code == 302 and response["Location"] == "/organizations/"
    assert client.get("/").status_code == 200
    assert RecoveryCode.objects.filter(user=world.coordinator, used_at__isnull=False).count() == 1
    event = AuditEvent.objects.filter(actor=world.coordinator, detail__change="recovery code used").get()
    assert event.detail["left"] == 9
    again, second = verify(codes[3])
    assert second.status_code == 200 and "not valid" in second.content.decode()
    assert again.get("/").status_code == 302


def test_a_recovery_code_is_accepted_in_capitals_and_without_its_hyphen(enrolled):
    _device, codes = enrolled
    _client, response = verify(codes[0].replace("-", "").upper())
    assert response.status_code == 302


def test_a_made_up_recovery_code_is_refused_and_counts_against_the_throttle(settings, enrolled):
    settings.OTP_TOTP_THROTTLE_FACTOR = 1
    device, codes = enrolled
    _client, response = verify("abcde-fghjk")
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # While the throttle holds, even a good code waits.
    _client, held = verify(codes[0])
    assert held.status_code == 200
    assert not RecoveryCode.objects.filter(used_at__isnull=False).exists()


def test_the_app_code_still_works_beside_recovery_codes(enrolled):
    device, _codes = enrolled
    next_window(device)
    _client, response = verify(code_for(device))
    assert response.status_code == 302


def test_regenerating_invalidates_the_old_codes_and_is_audited(world, enrolled):
    device, old = enrolled
    next_window(device)
    client, _response = verify(code_for(device))
    response = client.post(REGENERATE)
    assert response.status_code == 302 and response["Location"] == CODES
    new = client.get(CODES).context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert RecoveryCode.objects.filter(user=world.coordinator).count() == 10
    assert AuditEvent.objects.filter(actor=world.coordinator, detail__change="recovery codes regenerated").exists()
    _client, with_old = verify(old[0])
    assert with_old.status_code == 200 and "not valid" in with_old.content.decode()
    _client, with_new = verify(new[0])
    assert with_new.status_code == 302


def test_the_account_page_offers_new_recovery_codes(world, enrolled):
    device, _codes = enrolled
    next_window(device)
    client, _response = verify(code_for(device))
    body = client.get("/account/").content.decode()
    assert REGENERATE in body and "Make new recovery codes" in body
    assert "You have 10 unused recovery codes" in client.get(SETUP).content.decode()


def test_regenerating_needs_a_verified_session(world, enrolled):
    client = sign_in("coordinator")  # password only
    response = client.post(REGENERATE)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert not AuditEvent.objects.filter(detail__change="recovery codes regenerated").exists()


def test_regenerating_without_two_factor_makes_no_codes(world):
    client = sign_in("member")
    assert client.post(REGENERATE)["Location"] == SETUP
    assert not RecoveryCode.objects.exists()


def test_turning_an_optional_second_factor_off_deletes_its_recovery_codes(world):
    client = sign_in("member")
    client.post(SETUP, {"start": "1"})
    device = TOTPDevice.objects.get(user=world.member)
    client.post(SETUP, {"token": code_for(device)})
    assert RecoveryCode.objects.filter(user=world.member).count() == 10
    client.post("/account/two-factor/disable/")
    assert not RecoveryCode.objects.filter(user=world.member).exists()


def test_the_hash_is_salted_and_checks_only_its_own_code():
    first, second = code_hash("abcde-fghjk"), code_hash("abcde-fghjk")
    assert first != second
    assert code_matches("ABCDE FGHJK", first) and code_matches("abcdefghjk", second)
    assert not code_matches("abcde-fghjm", first)
    assert not code_matches("abcde-fghjk", "md5$x$" + first.split("$")[2])
    assert normalize(" Ab-c ") == "abc"
