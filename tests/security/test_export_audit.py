"""Every file download, whichever app serves it, is kept in the audit trail with who, what and format."""

from __future__ import annotations

import pytest
from django.test import Client

from audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(REMOTE_ADDR="10.1.1.2")
    client.force_login(user)
    return client


def _only_export() -> AuditEvent:
    return AuditEvent.objects.get(action=AuditAction.EXPORT)


def test_a_list_downloaded_from_its_page_is_recorded(world):
    response = _client(world.member).get("/imports/exports/organizations.csv", {"q": "shelter"})
    assert response.status_code == 200
    event = _only_export()
    assert event.actor == world.member and event.ip_address == "10.1.1.2"
    assert event.detail["path"] == "/imports/exports/organizations.csv" and event.detail["query"] == "q=shelter"
    assert event.detail["content_type"] == "text/csv" and event.detail["file"].endswith(".csv")


def test_the_network_file_is_recorded_with_its_format(world):
    response = _client(world.member).get("/api/v1/analytics/network/", {"format": "graphml"})
    assert response.status_code == 200
    event = _only_export()
    assert event.detail["content_type"] == "application/graphml+xml"
    assert event.detail["file"] == "collaboration-network.graphml"


def test_the_directory_in_hsds_form_is_recorded(world):
    response = _client(world.admin).get("/exports/hsds/directory-hsds.json")
    assert response.status_code == 200
    event = _only_export()
    assert event.actor == world.admin and event.detail["content_type"] == "application/json"


def test_a_refused_download_is_not_an_export(world):
    assert _client(world.member).get("/exports/hsds/directory-hsds.json").status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_network_as_json_is_not_an_export(world):
    assert _client(world.member).get("/api/v1/analytics/network/").status_code == 200
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
