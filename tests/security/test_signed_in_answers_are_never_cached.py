"""Every answer to a signed-in request says `Cache-Control: private, no-store`; static files keep theirs."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

SAMPLE = [
    "/",
    "/organizations/",
    "/organizations/org-a/",
    "/coalitions/coalition-a/",
    "/activities/",
    "/partnerships/",
    "/coalitions/coalition-a/equity/",
    "/api/v1/organizations/",
    "/api/v1/contacts/",
    "/api/v1/meetings/",
    "/api/v1/tokens/",
    "/organizations/?format=csv",
    "/api/v1/organizations/?format=xlsx",
    "/imports/exports/organizations.csv",
    "/no-such-page/",
]


def _directives(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("path", SAMPLE)
def test_a_members_pages_api_answers_and_downloads_are_private_and_not_stored(world, path):
    client = Client()
    client.force_login(world.member)
    response = client.get(path)
    assert response.status_code < 500, path
    assert {"private", "no-store"} <= _directives(response), (path, response.status_code)


def test_an_api_answer_to_a_token_is_private_and_not_stored(world):
    from partners.services.accounts import api_token_create

    _token, key = api_token_create(actor=world.member, name="script")
    response = Client().get("/api/v1/organizations/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_a_static_file_keeps_its_own_policy_for_a_signed_in_user(world):
    client = Client()
    client.force_login(world.member)
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in _directives(response)
