"""API tokens expire, are revoked by a password change or a new second factor, and are refused
while the owner's role requires two-factor sign-in that is not set up."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AdminPasswordChangeForm, SetPasswordForm
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from partners.models import ApiToken, Coalition
from partners.services.accounts import api_token_create
from tests.api.conftest import state

pytestmark = pytest.mark.django_db
READ, WRITE = "/api/v1/coalitions/", "/api/v1/sectors/"
NEW_PASSWORD = "a much longer passphrase 42"


def with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def refused(key: str, status: int) -> str:
    """Both a read and a write are refused with `status`; the write created nothing."""
    coalitions = Coalition.objects.count()
    response = with_token(key).get(READ)
    assert response.status_code == status, response.content
    write = with_token(key).post("/api/v1/coalitions/", {"name": "Token coalition"}, format="json")
    assert write.status_code == status
    assert Coalition.objects.count() == coalitions
    return response.json()["detail"]


def test_a_new_token_expires_after_the_configured_lifetime(world, client_as, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    before = timezone.now()
    response = client_as(world.member).post("/api/v1/tokens/", {"name": "sync"}, format="json")
    assert response.status_code == 201
    token = ApiToken.objects.get(user=world.member)
    assert before + datetime.timedelta(days=30) <= token.expires_at <= timezone.now() + datetime.timedelta(days=30)
    assert response.json()["expires_at"] is not None
    assert client_as(world.member).get("/api/v1/tokens/").json()["results"][0]["expires_at"]


def test_tokens_last_ninety_days_by_default(world, settings):
    del settings.API_TOKEN_LIFETIME_DAYS
    token, _key = api_token_create(actor=world.member, name="sync")
    assert (token.expires_at - token.created_at).days in (89, 90)


def test_a_token_works_until_it_expires_and_is_then_refused_with_a_clear_401(world):
    token, key = api_token_create(actor=world.member, name="sync")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + datetime.timedelta(minutes=1))
    assert with_token(key).get(READ).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    before = state(token)
    detail = refused(key, 401)
    assert "This token expired on" in detail and "Create a new token" in detail
    assert state(token) == before  # not even its last use is recorded


@pytest.mark.parametrize("door", ["password change page", "admin", "reset", "set_password"])
def test_a_password_change_through_any_door_revokes_tokens_made_before_it(world, door):
    token, key = api_token_create(actor=world.member, name="sync")
    assert with_token(key).get(READ).status_code == 200
    user = get_user_model().objects.get(pk=world.member.pk)
    if door == "password change page":
        client = Client()
        client.force_login(user)
        data = {"old_password": "pw-for-tests-1", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        assert client.post(reverse("password_change"), data).status_code == 302
    elif door == "admin":
        form = AdminPasswordChangeForm(user, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert form.is_valid(), form.errors
        form.save()
    elif door == "reset":
        form = SetPasswordForm(user, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert form.is_valid(), form.errors
        form.save()
    else:
        user.set_password(NEW_PASSWORD)
        user.save()
    before = state(token)
    assert "password changed" in refused(key, 401)
    assert state(token) == before
    _new, new_key = api_token_create(actor=get_user_model().objects.get(pk=user.pk), name="after")
    assert with_token(new_key).get(READ).status_code == 200


def test_saving_the_user_without_a_new_password_keeps_tokens(world):
    _token, key = api_token_create(actor=world.member, name="sync")
    user = get_user_model().objects.get(pk=world.member.pk)
    user.first_name = "Renamed"
    user.save()
    assert with_token(key).get(READ).status_code == 200


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def test_enrolling_two_factor_revokes_tokens_made_before_it(world):
    token, key = api_token_create(actor=world.member, name="sync")
    pending = TOTPDevice.objects.create(user=world.member, name="authenticator", confirmed=False)
    assert with_token(key).get(READ).status_code == 200  # started, not yet confirmed
    TOTPDevice.objects.filter(pk=pending.pk).update(confirmed=True)
    before = state(token)
    assert "two-factor sign-in was set up" in refused(key, 401)
    assert state(token) == before
    _new, new_key = api_token_create(actor=world.member, name="after")
    assert with_token(new_key).get(READ).status_code == 200


def test_tokens_made_after_two_factor_keep_working_and_turning_it_off_does_not_revive_old_ones(world):
    old, old_key = api_token_create(actor=world.member, name="before")
    device = confirmed_device(world.member)
    _new, new_key = api_token_create(actor=world.member, name="after")
    assert with_token(new_key).get(READ).status_code == 200
    device.delete()
    assert with_token(new_key).get(READ).status_code == 200
    confirmed_device(world.member)  # set up again: every earlier token is revoked
    assert with_token(new_key).get(READ).status_code == 401
    assert with_token(old_key).get(READ).status_code == 401


def test_a_role_that_requires_two_factor_gets_403_until_it_is_set_up(world, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = ["coordinator"]
    _token, key = api_token_create(actor=world.coordinator, name="sync")
    detail = refused(key, 403)
    assert "requires two-factor sign-in" in detail
    _member_token, member_key = api_token_create(actor=world.member, name="sync")
    assert with_token(member_key).get(READ).status_code == 200  # members are not asked
    confirmed_device(world.coordinator)
    assert with_token(key).get(READ).status_code == 401  # made before the second factor
    _new, new_key = api_token_create(actor=world.coordinator, name="after")
    assert with_token(new_key).get(READ).status_code == 200


def test_admins_need_two_factor_for_tokens_when_the_setting_names_them(world, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = ["admin"]
    _token, key = api_token_create(actor=world.admin, name="sync")
    assert "requires two-factor sign-in" in refused(key, 403)
    _coordinator_token, coordinator_key = api_token_create(actor=world.coordinator, name="sync")
    assert with_token(coordinator_key).get(READ).status_code == 200


def test_authenticating_a_token_costs_one_query_and_a_throttled_write(world, django_assert_num_queries):
    _token, key = api_token_create(actor=world.member, name="sync")
    client = with_token(key)
    client.get(WRITE)  # the first use records last_used_at
    with django_assert_num_queries(3):  # 1 token, user and newest device; 2 count, 3 page of sectors
        assert client.get(WRITE).status_code == 200
