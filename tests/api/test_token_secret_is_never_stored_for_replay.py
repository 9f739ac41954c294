"""A token's secret is shown once: never written to the idempotency store, never replayed."""

import pytest

from partners.models import ApiToken, IdempotencyRecord

pytestmark = pytest.mark.django_db
URL = "/api/v1/tokens/"


def test_creating_a_token_with_an_idempotency_key_stores_no_plaintext_key(world, client_as):
    client = client_as(world.member)
    response = client.post(URL, {"name": "sync"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 201, response.content
    key = response.json()["key"]
    record = IdempotencyRecord.objects.get(user=world.member, key="k-1")
    assert key.encode() not in bytes(record.content or b"")
    assert key not in str(record.headers)


def test_a_replayed_token_creation_does_not_reveal_the_secret_and_creates_nothing(world, client_as):
    client = client_as(world.member)
    first = client.post(URL, {"name": "sync"}, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    key = first.json()["key"]
    replay = client.post(URL, {"name": "sync"}, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert replay.status_code == 409
    assert key not in replay.content.decode()
    assert "cannot be shown again" in replay.json()["detail"]
    assert ApiToken.objects.filter(user=world.member).count() == 1
