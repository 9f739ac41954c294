"""The error pages are styled like the site, say what happened in plain words and offer a way on;
the API keeps answering JSON."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

from partners.models import Meeting
from tests import factories as f

pytestmark = pytest.mark.django_db

STYLESHEET = "css/app.css"


def _page(response) -> str:
    text = response.content.decode()
    assert STYLESHEET in text, "the error page is not styled like the site"
    assert 'href="#main"' in text and '<main id="main"' in text
    assert "Traceback" not in text
    return text


def test_a_missing_page_says_so_and_offers_the_start_page_and_sign_in(client_as):
    response = client_as(None).get("/no-such-page/")
    assert response.status_code == 404
    text = _page(response)
    assert "We could not find that page" in text
    assert 'href="/accounts/login/?next=/no-such-page/"' in text
    assert 'href="/organizations/"' in text


def test_a_refused_edit_names_the_account_and_changes_nothing(world, client_as):
    meeting = f.meeting([world.org_b, world.org_c], coalition=world.coalition_a, title="B and C")
    client = client_as(world.member)
    response = client.post(f"/meetings/{meeting.pk}/edit/", {"title": "Changed"})
    assert response.status_code == 403
    text = _page(response)
    assert "You cannot open this page" in text
    assert "signed in as member" in text
    assert "Sign out" not in text  # the error layout has no navigation that needs the database
    assert Meeting.objects.get(pk=meeting.pk).title == "B and C"


def test_a_bad_request_page_says_nothing_was_saved():
    client = Client(HTTP_HOST="not-allowed.example", raise_request_exception=False)
    response = client.get("/organizations/")
    assert response.status_code == 400
    assert "nothing was saved" in _page(response)


def test_an_expired_form_explains_the_safety_check(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    response = client.post("/meetings/new/", {"title": "x"})
    assert response.status_code == 403
    text = _page(response)
    assert "The form had expired" in text and "Nothing was saved" in text


def test_a_server_error_page_is_styled_and_says_nothing_was_saved(monkeypatch):
    client = Client(raise_request_exception=False)
    monkeypatch.setattr(SessionStore, "load", lambda self: 1 / 0)
    client.cookies["sessionid"] = "x" * 32
    response = client.get("/organizations/")
    assert response.status_code == 500
    text = _page(response)
    assert "Something went wrong on our side" in text and "it was not saved" in text
    assert "ZeroDivisionError" not in text


def test_an_outage_page_is_styled_and_offers_to_try_again(world, monkeypatch):
    def unreachable(self):
        raise OperationalError("could not connect to server")

    client = Client(raise_request_exception=False)
    client.force_login(world.member)
    monkeypatch.setattr(SessionStore, "load", unreachable)
    response = client.get("/organizations/")
    assert response.status_code == 503
    text = _page(response)
    assert "Temporarily unavailable" in text and "Try again" in text
    assert "could not connect" not in text


def test_a_paused_sign_in_is_a_styled_429_with_a_way_back(world, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client(REMOTE_ADDR="10.9.9.9")
    for _ in range(3):
        response = client.post("/accounts/login/", {"username": "member", "password": "wrong"})
    assert response.status_code == 429
    text = _page(response)
    assert "Sign-in paused" in text and 'href="/accounts/login/"' in text


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/v1/no-such-endpoint/", 404)],
)
def test_the_api_keeps_answering_json(path, status):
    response = Client().get(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")


def test_the_api_answers_a_server_error_in_json(monkeypatch):
    client = Client(raise_request_exception=False)
    monkeypatch.setattr(SessionStore, "load", lambda self: 1 / 0)
    client.cookies["sessionid"] = "x" * 32
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 500
    assert response.json() == {"detail": "A server error occurred; nothing was saved."}
