"""Database outages answer 503 (never 500); API retries with an Idempotency-Key create nothing twice;
multi-row writes leave nothing behind when they fail half-way."""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from partners.models import IdempotencyRecord, Meeting, Organization, Participation, Partnership
from partners.services.meetings import ParticipationInput, meeting_create
from partners.services.organizations import organization_create
from partners.services.partnerships import partnership_create
from tests import factories as f

pytestmark = pytest.mark.django_db


def _unreachable(*args, **kwargs):
    raise OperationalError('could not connect to server: Connection refused (is the server running on "db"?)')


# --- outages ---------------------------------------------------------------------------------


def test_a_page_whose_queries_fail_answers_a_plain_503(world, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(world.member)
    monkeypatch.setattr("django.db.models.query.QuerySet._fetch_all", _unreachable)
    response = client.get("/organizations/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "Temporarily unavailable" in text and "Traceback" not in text and "Connection refused" not in text


def test_the_api_answers_503_in_json(world, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(world.member)
    monkeypatch.setattr("django.db.models.query.QuerySet._fetch_all", _unreachable)
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 503
    assert response.json() == {"detail": "The database is temporarily unavailable; retry later."}


def test_an_outage_while_loading_the_session_answers_503_not_500(world, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(world.member)
    monkeypatch.setattr(SessionStore, "load", _unreachable)
    response = client.get("/organizations/")
    assert response.status_code == 503
    assert b"Temporarily unavailable" in response.content


def test_other_errors_stay_plain_500s_without_a_traceback(world, monkeypatch):
    client = Client(raise_request_exception=False)
    monkeypatch.setattr(SessionStore, "load", lambda self: 1 / 0)
    client.cookies["sessionid"] = "x" * 32
    response = client.get("/organizations/")
    assert response.status_code == 500
    assert b"Traceback" not in response.content and b"ZeroDivisionError" not in response.content


def test_connections_are_health_checked_on_postgresql():
    from coalition.env import parse_database_url

    config = parse_database_url("postgres://u@h:5432/db", base_dir=None)
    assert config["CONN_HEALTH_CHECKS"] is True and config["CONN_MAX_AGE"] > 0


# --- idempotent API writes -------------------------------------------------------------------


def _meeting_payload(world, title="Joint outreach day") -> str:
    return json.dumps(
        {
            "date": "2024-05-02",
            "kind": "coalition_meeting",
            "title": title,
            "coalition": world.coalition_a.slug,
            "visibility": "coalition",
            "participations": [{"organization": world.org_a.slug, "role": "host"}, {"organization": world.org_b.slug}],
        }
    )


def _post(client, world, key, title="Joint outreach day"):
    return client.post(
        "/api/v1/meetings/", _meeting_payload(world, title), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )


def test_a_retried_api_write_with_the_same_key_creates_nothing_twice(world):
    client = Client()
    client.force_login(world.coordinator)
    first = _post(client, world, "retry-1")
    assert first.status_code == 201, first.content
    second = _post(client, world, "retry-1")
    assert second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert second.json() == first.json()
    assert Meeting.objects.filter(title="Joint outreach day").count() == 1


def test_a_token_authenticated_retry_is_recognised_too(world):
    from partners.services.accounts import api_token_create

    _token, key = api_token_create(actor=world.coordinator, name="sync")
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert _post(client, world, "token-retry").status_code == 201
    assert _post(client, world, "token-retry")["Idempotent-Replayed"] == "true"
    assert Meeting.objects.count() == 1


def test_different_keys_make_different_writes(world):
    client = Client()
    client.force_login(world.coordinator)
    _post(client, world, "k-1")
    _post(client, world, "k-2")
    assert Meeting.objects.count() == 2


def test_the_same_key_for_a_different_request_is_refused_with_422(world):
    client = Client()
    client.force_login(world.coordinator)
    _post(client, world, "k-1")
    response = _post(client, world, "k-1", title="Something else")
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()
    assert Meeting.objects.count() == 1


def test_keys_belong_to_their_user(world):
    coordinator, admin = Client(), Client()
    coordinator.force_login(world.coordinator)
    admin.force_login(world.admin)
    _post(coordinator, world, "shared-key")
    response = _post(admin, world, "shared-key")
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert Meeting.objects.count() == 2


def test_a_refused_write_is_not_remembered_so_the_corrected_retry_runs(world):
    client = Client()
    client.force_login(world.coordinator)
    bad = client.post(
        "/api/v1/meetings/", json.dumps({"title": ""}), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert bad.status_code == 400
    assert not IdempotencyRecord.objects.exists()


def test_a_key_older_than_a_day_is_forgotten(world):
    client = Client()
    client.force_login(world.coordinator)
    _post(client, world, "old")
    IdempotencyRecord.objects.update(created_at=timezone.now() - datetime.timedelta(days=1, minutes=1))
    response = _post(client, world, "old")
    assert "Idempotent-Replayed" not in response
    assert Meeting.objects.count() == 2


def test_a_write_that_fails_with_the_database_leaves_no_record_so_the_retry_runs(world, monkeypatch):
    client = Client()
    client.force_login(world.coordinator)
    with monkeypatch.context() as patch:
        patch.setattr(Participation.objects, "bulk_create", _unreachable)
        assert _post(client, world, "outage").status_code == 503
    assert not Meeting.objects.exists() and not IdempotencyRecord.objects.exists()
    assert _post(client, world, "outage").status_code == 201
    assert Meeting.objects.count() == 1


def test_an_overlong_key_is_refused(world):
    client = Client()
    client.force_login(world.coordinator)
    response = _post(client, world, "k" * 300)
    assert response.status_code == 400 and not Meeting.objects.exists()


# --- atomic multi-row writes -----------------------------------------------------------------


class Boom(Exception):
    pass


def _explode(*args, **kwargs):
    raise Boom("injected failure")


def test_a_meeting_whose_participations_fail_is_not_saved_at_all(world, monkeypatch):
    monkeypatch.setattr(Participation.objects, "bulk_create", _explode)
    meetings, history = Meeting.objects.count(), Meeting.history.count()
    with pytest.raises(Boom):
        meeting_create(
            actor=world.coordinator,
            participations=[ParticipationInput(world.org_a), ParticipationInput(world.org_b)],
            date=datetime.date(2024, 5, 2),
            kind="coalition_meeting",
            title="Half-way",
            coalition=world.coalition_a,
        )
    assert (Meeting.objects.count(), Meeting.history.count()) == (meetings, history)


def test_a_meeting_update_that_fails_half_way_keeps_the_old_participants_and_version(world, monkeypatch):
    from partners.services.meetings import meeting_update

    meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    before = sorted(Participation.objects.filter(meeting=meeting).values_list("organization_id", flat=True))
    monkeypatch.setattr(Participation.objects, "bulk_create", _explode)
    with pytest.raises(Boom):
        meeting_update(
            actor=world.coordinator,
            meeting=meeting,
            participations=[ParticipationInput(world.org_a), ParticipationInput(world.org_c)],
            title="Renamed",
        )
    meeting.refresh_from_db()
    assert meeting.title != "Renamed" and meeting.version == 1
    assert sorted(Participation.objects.filter(meeting=meeting).values_list("organization_id", flat=True)) == before


def _explode_bulk_create_of(monkeypatch, model) -> None:
    from django.db.models.query import QuerySet

    original = QuerySet.bulk_create

    def bulk_create(self, *args, **kwargs):
        if self.model is model:
            raise Boom("injected failure")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", bulk_create)


def test_an_organisation_whose_sectors_fail_is_not_saved(world, monkeypatch):
    _explode_bulk_create_of(monkeypatch, Organization.sectors.through)
    count = Organization.objects.count()
    with pytest.raises(Boom):
        organization_create(
            actor=world.admin, name="Half Org", primary_sector=f.sector(), country="US", sectors=[f.sector()]
        )
    assert Organization.objects.count() == count


def test_a_partnership_whose_members_fail_is_not_saved(world, monkeypatch):
    _explode_bulk_create_of(monkeypatch, Partnership.organizations.through)
    with pytest.raises(Boom):
        partnership_create(actor=world.admin, organizations=[world.org_a, world.org_b], title="Half", kind="mou")
    assert not Partnership.objects.exists()
