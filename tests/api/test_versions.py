"""Optimistic locking over HTTP: ETag on reads, If-Match (or `version`) on writes, 412 when stale."""

import pytest

from partners.models import Meeting, Organization
from partners.services.organizations import organization_update
from tests.api.conftest import state

pytestmark = pytest.mark.django_db
URL = "/api/v1/organizations/org-a/"


def test_a_detail_response_carries_the_version_as_etag(world, client_as):
    response = client_as(world.member).get(URL)
    assert response["ETag"] == '"1"'
    assert response.json()["version"] == 1


def test_if_none_match_with_the_current_etag_gives_304(world, client_as):
    client = client_as(world.member)
    assert client.get(URL, HTTP_IF_NONE_MATCH='"1"').status_code == 304
    organization_update(actor=world.admin, organization=world.org_a, city="Millbrook")
    assert client.get(URL, HTTP_IF_NONE_MATCH='"1"').status_code == 200


def test_a_write_with_the_current_etag_succeeds_and_returns_the_next_one(world, client_as):
    response = client_as(world.member).patch(URL, {"city": "Eastvale"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    assert response["ETag"] == '"2"'


def test_a_stale_if_match_gets_412_naming_what_changed_and_changes_nothing(world, client_as):
    organization_update(actor=world.admin, organization=world.org_a, city="Millbrook")
    before = state(world.org_a)
    response = client_as(world.member).patch(URL, {"city": "Eastvale"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    assert response.json()["changed_fields"] == ["city"]
    assert response.json()["current_version"] == 2
    assert state(world.org_a) == before


def test_a_stale_version_in_the_body_gets_412(world, client_as):
    organization_update(actor=world.admin, organization=world.org_a, city="Millbrook")
    response = client_as(world.member).put(
        URL,
        {"name": "Org A", "primary_sector": "law-enforcement", "country": "US", "city": "Eastvale", "version": 1},
        format="json",
    )
    assert response.status_code == 412
    assert Organization.objects.get(pk=world.org_a.pk).city == "Millbrook"


def test_a_stale_delete_gets_412_and_keeps_the_record(activities, client_as):
    w = activities
    client = client_as(w.member)
    assert client.patch(f"/api/v1/meetings/{w.m2.pk}/", {"title": "Renamed"}, format="json").status_code == 200
    response = client.delete(f"/api/v1/meetings/{w.m2.pk}/", HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    assert response.json()["changed_fields"] == ["title"]
    assert Meeting.objects.filter(pk=w.m2.pk).exists()


def test_a_malformed_if_match_or_version_is_a_400_naming_it(world, client_as):
    client = client_as(world.member)
    before = state(world.org_a)
    response = client.patch(URL, {"city": "X"}, format="json", HTTP_IF_MATCH="yesterday")
    assert response.status_code == 400 and "If-Match" in response.json()
    response = client.patch(URL, {"city": "X", "version": "latest"}, format="json")
    assert response.status_code == 400 and "version" in response.json()
    assert state(world.org_a) == before


def test_if_match_star_applies_to_the_current_version(world, client_as):
    response = client_as(world.member).patch(URL, {"city": "Y"}, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 200


def test_a_forbidden_write_is_403_whatever_the_version(world, client_as):
    before = state(world.org_c)
    response = client_as(world.member).patch(
        "/api/v1/organizations/org-c/", {"city": "X"}, format="json", HTTP_IF_MATCH='"7"'
    )
    assert response.status_code == 403
    assert state(world.org_c) == before
