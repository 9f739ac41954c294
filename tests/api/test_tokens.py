"""/api/v1/tokens/: a signed-in user's own personal API tokens, and authenticating with them."""

import pytest
from rest_framework.test import APIClient

from partners.models import ApiToken
from partners.services.accounts import api_token_create

pytestmark = pytest.mark.django_db
URL = "/api/v1/tokens/"


def with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_anonymous_caller_gets_401(world, client_as):
    assert client_as(None).get(URL).status_code == 401
    assert client_as(None).post(URL, {"name": "x"}, format="json").status_code == 401
    assert not ApiToken.objects.exists()


def test_creating_a_token_shows_the_key_once(world, client_as):
    client = client_as(world.member)
    response = client.post(URL, {"name": "dashboard sync"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["name"] == "dashboard sync"
    assert body["key"].startswith(body["prefix"])
    token = ApiToken.objects.get(user=world.member)
    assert token.key_hash == ApiToken.hash_key(body["key"])  # only the hash is stored
    listed = client.get(URL).json()["results"]
    assert [t["name"] for t in listed] == ["dashboard sync"]
    assert "key" not in listed[0]
    assert "key" not in client.get(f"{URL}{token.pk}/").json()


def test_a_token_authenticates_as_its_owner(activities):
    _token, key = api_token_create(actor=activities.member, name="script")
    client = with_token(key)
    response = client.get("/api/v1/meetings/", {"page_size": 100})
    assert response.status_code == 200
    # The member's view: the participants-only joint operation of org A included.
    assert activities.m4.pk in [m["id"] for m in response.json()["results"]]
    assert ApiToken.objects.get(user=activities.member).last_used_at is not None


def test_a_revoked_token_is_refused(world, client_as):
    token, key = api_token_create(actor=world.member, name="old laptop")
    assert with_token(key).get("/api/v1/coalitions/").status_code == 200
    assert client_as(world.member).delete(f"{URL}{token.pk}/").status_code == 204
    assert with_token(key).get("/api/v1/coalitions/").status_code == 401
    assert not ApiToken.objects.exists()


def test_a_token_can_revoke_itself(world):
    token, key = api_token_create(actor=world.member, name="leaked")
    assert with_token(key).delete(f"{URL}{token.pk}/").status_code == 204
    assert with_token(key).get(URL).status_code == 401


def test_an_unknown_token_is_refused(world):
    assert with_token("not-a-real-token").get("/api/v1/sectors/").status_code == 401


def test_a_token_cannot_create_more_tokens(world):
    _token, key = api_token_create(actor=world.member, name="script")
    response = with_token(key).post(URL, {"name": "another"}, format="json")
    assert response.status_code == 403
    assert ApiToken.objects.count() == 1


def test_nobody_sees_or_revokes_another_users_token(world, client_as):
    token, _key = api_token_create(actor=world.member, name="mine")
    for user in (world.outsider, world.admin):
        client = client_as(user)
        assert client.get(URL).json()["results"] == []
        assert client.get(f"{URL}{token.pk}/").status_code == 404
        assert client.delete(f"{URL}{token.pk}/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_a_token_needs_a_name(world, client_as):
    client = client_as(world.member)
    for payload in ({}, {"name": ""}, {"name": "x" * 101}):
        response = client.post(URL, payload, format="json")
        assert response.status_code == 400, payload
        assert "name" in response.json()
    assert not ApiToken.objects.exists()


def test_tokens_cannot_be_edited(world, client_as):
    token, _key = api_token_create(actor=world.member, name="mine")
    response = client_as(world.member).patch(f"{URL}{token.pk}/", {"name": "renamed"}, format="json")
    assert response.status_code == 405
    assert ApiToken.objects.get(pk=token.pk).name == "mine"


def test_list_runs_a_constant_number_of_queries(world, client_as, django_assert_max_num_queries):
    for i in range(5):
        api_token_create(actor=world.member, name=f"token {i}")
    client = client_as(world.member)
    # 1 count, 2 page of tokens.
    for size in (2, 50):
        with django_assert_max_num_queries(2):
            assert client.get(URL, {"page_size": size}).status_code == 200
