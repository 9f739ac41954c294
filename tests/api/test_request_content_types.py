"""The API reads exactly the request bodies its schema advertises: every other Content-Type is
refused with a 415 that names the accepted ones, before anything is read or written."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.middleware.csrf import _get_new_csrf_string
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from partners.services.accounts import api_token_create
from partners.services.action_items import action_item_create
from partners.services.planning import AgendaItemInput, InvitationInput, meeting_plan
from tests import factories as f
from tests.api.openapi import concrete_url, operations, request_content_types

pytestmark = pytest.mark.django_db

BOUNDARY = "BoUnDaRy"
# A body in each media type a client might send, readable by a parser of that type.
BODIES = {
    "application/json": ("application/json", "{}"),
    "application/x-www-form-urlencoded": ("application/x-www-form-urlencoded", "name=Forms&participations=org-a"),
    "multipart/form-data": (
        f"multipart/form-data; boundary={BOUNDARY}",
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\nForms\r\n--{BOUNDARY}--\r\n',
    ),
    "text/plain": ("text/plain", "name=Plain"),
    "application/xml": ("application/xml", "<meeting><title>XML</title></meeting>"),
}
# The writes that must be checked (the test also checks any other write whose path it can fill).
CORE_WRITES = (
    {
        (f"/api/v1/{resource}/", "post")
        for resource in ("organizations", "contacts", "coalitions", "memberships", "partnerships", "meetings", "tokens")
    }
    | {
        (f"/api/v1/{resource}/{{{key}}}/", method)
        for resource, key in (
            ("organizations", "slug"),
            ("contacts", "id"),
            ("coalitions", "slug"),
            ("memberships", "id"),
            ("partnerships", "id"),
            ("meetings", "id"),
        )
        for method in ("put", "patch")
    }
    | {
        ("/api/v1/action-items/", "post"),
        ("/api/v1/action-items/{id}/", "put"),
        ("/api/v1/action-items/{id}/", "patch"),
        ("/api/v1/planned-meetings/", "post"),
        ("/api/v1/planned-meetings/{id}/", "put"),
        ("/api/v1/planned-meetings/{id}/", "patch"),
        *((f"/api/v1/planned-meetings/{{id}}/{name}/", "post") for name in ("reply", "attendance", "minutes")),
    }
)


@pytest.fixture
def schema(db) -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def records(activities):
    """One record of each resource, visible to the admin."""
    w = activities
    f.contact(w.org_a)
    f.partnership([w.org_a, w.org_b], coalition=w.coalition_a)
    api_token_create(actor=w.admin, name="Integration")
    starts_at = timezone.now() + datetime.timedelta(days=7)
    planned = meeting_plan(
        actor=w.coordinator,
        title="Quarterly coalition meeting",
        coalition=w.coalition_a,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        agenda=[AgendaItemInput(title="Welcome")],
        invitations=[InvitationInput(organization=w.org_a), InvitationInput(organization=w.org_b)],
    )
    action_item_create(actor=w.coordinator, meeting=planned, title="Send the minutes", owner_organization=w.org_a)
    return w


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_a_body_of_another_content_type_answers_415_naming_those_read_and_changes_nothing(schema, records):
    client = APIClient()
    client.force_authenticate(records.admin)
    before = row_counts()
    checked, unresolved = set(), []
    for path, method, operation in operations(schema):
        accepted = request_content_types(operation)
        if not accepted:
            continue
        url = concrete_url(client, path)
        if url is None:
            unresolved.append((path, method))
            continue
        for media_type, (content_type, body) in BODIES.items():
            if media_type in accepted:
                continue
            response = client.generic(method.upper(), url, body, content_type=content_type)
            where = f"{method.upper()} {url} as {media_type}"
            assert response.status_code == 415, (where, response.status_code, response.content[:300])
            detail = response.json()["detail"]
            assert media_type in detail and all(a in detail for a in accepted), (where, detail)
        checked.add((path, method))
    assert row_counts() == before
    assert checked >= CORE_WRITES, f"not checked: {sorted(CORE_WRITES - checked)}; no record for {unresolved}"


def test_the_advertised_content_type_is_read(schema, records):
    """Each write reads its advertised type: an empty body is at worst a 400 naming fields."""
    client = APIClient()
    client.force_authenticate(records.admin)
    for path, method, operation in operations(schema):
        accepted = request_content_types(operation)
        url = concrete_url(client, path) if accepted else None
        if url is None:
            continue
        for media_type in accepted:
            content_type, body = BODIES[media_type]
            if media_type == "multipart/form-data":
                body = f"--{BOUNDARY}--\r\n"
            response = client.generic(method.upper(), url, body, content_type=content_type)
            assert response.status_code in {200, 201, 400, 428}, (method, url, media_type, response.content[:300])


def test_a_form_posted_with_a_session_and_its_csrf_token_answers_415_not_an_empty_400(world):
    """Session clients (the browsable API) are checked for CSRF, which reads the form: even then a
    form body to a JSON-only write is refused as such, not read as an empty JSON object."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.member)
    token = _get_new_csrf_string()
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    before = row_counts()
    response = client.post(
        "/api/v1/meetings/",
        {"title": "Form", "csrfmiddlewaretoken": token, "participations": "org-a"},
        format="multipart",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 415, response.content[:300]
    assert "application/json" in response.json()["detail"]
    assert row_counts() == before
