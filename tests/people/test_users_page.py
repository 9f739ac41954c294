"""The admins' users page: accounts with organisation, roles, last sign-in and second factor,
filters and search, a constant number of queries; deactivating an account stops its sessions,
API tokens and calendar feeds at once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.invitations import invitation_create
from audit.models import AuditEvent
from partners.models import ApiToken
from partners.services.accounts import api_token_create
from reports.services import calendar_feed_issue
from tests import factories as f

pytestmark = pytest.mark.django_db
User = get_user_model()
URL = "/people/"


def accounts_state() -> list[tuple]:
    return list(User.objects.order_by("pk").values_list("pk", "is_active")) + [ApiToken.objects.count()]


def test_admin_sees_users_with_organisation_roles_and_second_factor(world, client_as):
    TOTPDevice.objects.create(user=world.coordinator, name="phone", confirmed=True)
    response = client_as(world.admin).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    rows = {u.username: u for u in response.context["object_list"]}
    assert rows["member"].profile.organization == world.org_a
    assert rows["coordinator"].has_second_factor is True
    assert rows["member"].has_second_factor is False
    assert "Coordinator of Coalition A" in html and "Org A" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"role": "admin"}, ["admin"]),
        ({"role": "coordinator"}, ["coordinator", "other-coordinator"]),
        ({"role": "member"}, ["gone", "member", "outsider"]),
        ({"organization": "org-d"}, ["outsider"]),
        ({"q": "other"}, ["other-coordinator"]),
        ({"status": "inactive"}, ["gone"]),
    ],
)
def test_filters_and_search(world, client_as, query, expected):
    gone = f.user("gone", org=world.org_b)
    gone.is_active = False
    gone.save()
    rows = client_as(world.admin).get(URL, query).context["object_list"]
    assert sorted(u.username for u in rows) == expected


def test_the_list_costs_the_same_queries_at_two_page_sizes(world, client_as, django_assert_max_num_queries):
    client = client_as(world.admin)
    for n in range(30):
        f.user(
            f"person-{n}", org=world.org_b if n % 2 else world.org_c, coordinates=[world.coalition_b] if n % 3 else []
        )
    invitation_create(
        actor=world.admin, email="p@example.org", role="member", organization=world.org_a, base_url="http://x"
    )
    # 8 queries: the session, the viewer, the count, the viewer's coordinator roles (navigation),
    # the organisation filter's choices, the page of users (with organisation and second-factor
    # flag), their coordinator roles with coalitions, and the pending invitations.
    for size in (10, 50):
        with django_assert_max_num_queries(8):
            response = client.get(URL, {"page_size": size})
        assert response.status_code == 200


@pytest.mark.parametrize("persona", ["member", "outsider", "coordinator", "other_coordinator"])
def test_only_admins_see_the_users_page_or_change_accounts(world, client_as, persona):
    client = client_as(getattr(world, persona))
    before = accounts_state()
    assert client.get(URL).status_code == 403
    assert client.post(f"/people/{world.member.pk}/deactivate/").status_code == 403
    assert client.post(f"/people/{world.member.pk}/reactivate/").status_code == 403
    assert accounts_state() == before


def test_anonymous_is_sent_to_sign_in(world, client_as):
    response = client_as(None).post(f"/people/{world.member.pk}/deactivate/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert User.objects.get(pk=world.member.pk).is_active


def test_deactivating_stops_sessions_tokens_and_calendar_feeds_at_once(world, client_as):
    _token, key = api_token_create(actor=world.member, name="sync")
    _feed, feed_key = calendar_feed_issue(actor=world.member, coalition=world.coalition_a)
    session = client_as(world.member)
    assert session.get("/account/").status_code == 200
    api = Client()
    assert api.get("/api/v1/organizations/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert Client().get(f"/calendar/{feed_key}.ics").status_code == 200

    response = client_as(world.admin).post(f"/people/{world.member.pk}/deactivate/")
    assert response.status_code == 302
    assert not User.objects.get(pk=world.member.pk).is_active
    assert session.get("/account/").status_code == 302  # signed out
    assert Client().get("/api/v1/organizations/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert Client().get(f"/calendar/{feed_key}.ics").status_code == 404
    assert AuditEvent.objects.filter(action="deactivate", actor=world.admin, detail__user=world.member.pk).exists()


def test_token_and_feed_of_an_inactive_owner_are_refused_even_when_set_directly(world):
    """The doors themselves check is_active (partners/api/authentication.py, reports calendar_feed)."""
    _token, key = api_token_create(actor=world.member, name="sync")
    _feed, feed_key = calendar_feed_issue(actor=world.member, coalition=world.coalition_a)
    User.objects.filter(pk=world.member.pk).update(is_active=False)
    assert Client().get("/api/v1/organizations/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert Client().get(f"/calendar/{feed_key}.ics").status_code == 404


def test_reactivating_lets_the_person_sign_in_again(world, client_as):
    world.member.set_password("a long and unusual passphrase 42")
    world.member.save()
    admin = client_as(world.admin)
    admin.post(f"/people/{world.member.pk}/deactivate/")
    assert (
        Client()
        .post("/accounts/login/", {"username": "member", "password": "a long and unusual passphrase 42"})
        .status_code
        == 200
    )
    admin.post(f"/people/{world.member.pk}/reactivate/")
    assert User.objects.get(pk=world.member.pk).is_active
    assert (
        Client()
        .post("/accounts/login/", {"username": "member", "password": "a long and unusual passphrase 42"})
        .status_code
        == 302
    )
    assert AuditEvent.objects.filter(action="reactivate").count() == 1


def test_admin_cannot_deactivate_themselves(world, client_as):
    client_as(world.admin).post(f"/people/{world.admin.pk}/deactivate/")
    assert User.objects.get(pk=world.admin.pk).is_active


def test_unknown_account_is_404(world, client_as):
    assert client_as(world.admin).post("/people/999999/deactivate/").status_code == 404


def test_navigation_links_the_users_page_for_admins_only(world, client_as):
    assert 'href="/people/"' in client_as(world.admin).get("/").content.decode()
    assert 'href="/people/"' not in client_as(world.coordinator).get("/").content.decode()
