"""Sign-in throttling per (account, address), the lock-out page, admin unlock and the sign-in audit trail."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from tests import factories as f

PASSWORD = "pw-for-tests-1"
pytestmark = pytest.mark.django_db


def sign_in(username: str, password: str, ip: str = "10.0.0.1"):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return client, response


def fail(username: str, times: int, ip: str = "10.0.0.1") -> None:
    for attempt in range(1, times + 1):
        _client, response = sign_in(username, "wrong-password", ip)
        # The form again with its error; the fifth failure already answers with the pause page.
        assert response.status_code == (429 if attempt >= 5 else 200)


def test_five_failures_lock_the_account_at_that_address_with_a_clear_message(world):
    fail("member", 5)
    client, response = sign_in("member", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Sign-in paused" in text and "15 minutes" in text
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(world):
    fail("member", 4)
    client, response = sign_in("member", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.member.pk)


def test_a_locked_account_does_not_lock_out_colleagues_at_the_same_office_address(world):
    fail("member", 5)
    client, response = sign_in("outsider", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.outsider.pk)


def test_the_same_account_can_still_sign_in_from_another_address(world):
    fail("member", 5, ip="10.0.0.1")
    _client, response = sign_in("member", PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302


def test_the_pause_ends_after_fifteen_minutes(world):
    fail("member", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    _client, response = sign_in("member", PASSWORD)
    assert response.status_code == 302


def test_an_admin_unlocks_an_account_in_the_admin(world):
    fail("member", 5)
    attempt = AccessAttempt.objects.get(username="member")
    admin_client = Client()
    admin_client.force_login(world.admin)
    response = admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    _client, response = sign_in("member", PASSWORD)
    assert response.status_code == 302


def test_every_attempt_is_logged_in_the_audit_trail_and_by_axes(world):
    fail("member", 2)
    sign_in("member", PASSWORD)
    failures = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED)
    assert failures.count() == 2
    assert {e.username for e in failures} == {"member"}
    assert {e.ip_address for e in failures} == {"10.0.0.1"}
    success = AuditEvent.objects.get(action=AuditAction.SIGN_IN)
    assert success.actor == world.member and success.ip_address == "10.0.0.1"
    assert AccessFailureLog.objects.filter(username="member").count() == 2
    assert AccessLog.objects.filter(username="member").count() == 1


def test_attempts_during_a_lock_out_are_logged_too(world):
    fail("member", 5)
    sign_in("member", PASSWORD)
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT, username="member").exists()
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).count() == 6


def test_the_client_address_behind_a_trusted_proxy_is_the_forwarded_one(world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    client.post(reverse("login"), {"username": "member", "password": "nope"})
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED).ip_address == "203.0.113.9"


def test_a_forwarded_address_is_ignored_without_a_trusted_proxy(world):
    client = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="203.0.113.9")
    client.post(reverse("login"), {"username": "member", "password": "nope"})
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED).ip_address == "10.9.9.9"


def test_sign_out_is_recorded(world):
    client, _response = sign_in("member", PASSWORD)
    client.post(reverse("logout"))
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor=world.member).exists()


def test_weak_passwords_are_refused(world):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["short1", "password123", "1234567890123", "member2024"]:
        with pytest.raises(ValidationError):
            validate_password(weak, user=world.member)
    validate_password("correct horse battery staple", user=world.member)


def test_audit_record_refuses_an_unknown_action():
    from audit.events import record

    with pytest.raises(ValueError, match="Unknown audit action"):
        record(None, "exploded", {})


def test_other_apps_record_exports_with_one_call(world):
    from audit.events import record

    event = record(world.coordinator, AuditAction.EXPORT, {"what": "meetings", "format": "csv", "rows": 12})
    assert event.username == "coordinator" and event.detail["rows"] == 12
    f.organization("Unused")  # the call needs no request


def test_downloads_are_recorded_as_exports_with_who_what_and_format(world):
    client = Client(REMOTE_ADDR="10.1.1.1")
    client.force_login(world.coordinator)
    response = client.get("/api/v1/organizations/?format=csv&sector=law-enforcement")
    assert response.status_code == 200
    b"".join(response.streaming_content) if response.streaming else response.content
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == world.coordinator and event.ip_address == "10.1.1.1"
    assert event.detail["path"] == "/api/v1/organizations/" and "sector=law-enforcement" in event.detail["query"]
    assert event.detail["content_type"] == "text/csv"


def test_ordinary_pages_and_json_reads_are_not_exports(world):
    client = Client()
    client.force_login(world.coordinator)
    client.get("/organizations/")
    client.get("/api/v1/organizations/")
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
