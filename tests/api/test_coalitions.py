"""/api/v1/coalitions/: signed-in users read; admins create and delete, coordinators edit theirs."""

import pytest

from partners.models import Coalition
from tests import factories as f
from tests.api.conftest import state

pytestmark = pytest.mark.django_db
URL = "/api/v1/coalitions/"


def test_anonymous_caller_gets_401(world, client_as):
    assert client_as(None).get(URL).status_code == 401
    assert client_as(None).get(f"{URL}coalition-a/").status_code == 401


def test_member_lists_coalitions_with_their_current_member_counts(world, client_as):
    rows = client_as(world.member).get(URL).json()["results"]
    assert [(c["slug"], c["member_count"]) for c in rows] == [("coalition-a", 2), ("coalition-b", 1)]


def test_admin_creates_a_coalition(world, client_as):
    response = client_as(world.admin).post(
        URL, {"name": "Valley Network", "kind": "network", "scope": "state", "countries": ["US", "CA"]}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == "valley-network"
    assert sorted(response.json()["countries"]) == ["CA", "US"]


def test_coordinator_cannot_create_or_delete_a_coalition(world, client_as):
    client = client_as(world.coordinator)
    assert client.post(URL, {"name": "Mine", "kind": "network", "scope": "local"}, format="json").status_code == 403
    assert client.delete(f"{URL}coalition-a/").status_code == 403
    assert Coalition.objects.count() == 2


def test_coordinator_edits_their_coalition_but_not_another(world, client_as):
    client = client_as(world.coordinator)
    response = client.patch(f"{URL}coalition-a/", {"quiet_after_days": 60}, format="json")
    assert response.status_code == 200
    assert response.json()["quiet_after_days"] == 60
    before = state(world.coalition_b)
    assert client.patch(f"{URL}coalition-b/", {"quiet_after_days": 30}, format="json").status_code == 403
    assert state(world.coalition_b) == before


def test_member_cannot_edit_a_coalition(world, client_as):
    before = state(world.coalition_a)
    assert client_as(world.member).patch(f"{URL}coalition-a/", {"name": "Ours"}, format="json").status_code == 403
    assert state(world.coalition_a) == before


def test_out_of_range_values_are_refused_naming_the_field(world, client_as):
    response = client_as(world.admin).patch(
        f"{URL}coalition-a/", {"quiet_after_days": 1, "kind": "club"}, format="json"
    )
    assert response.status_code == 400
    assert {"quiet_after_days", "kind"} <= set(response.json())


def test_unknown_slug_is_404(world, client_as):
    assert client_as(world.admin).get(f"{URL}no-such-coalition/").status_code == 404


def test_list_runs_a_constant_number_of_queries(world, client_as, django_assert_max_num_queries):
    for _ in range(4):
        f.coalition()
    client = client_as(world.member)
    # 1 count, 2 page of coalitions with their member counts.
    for size in (2, 50):
        with django_assert_max_num_queries(2):
            assert client.get(URL, {"page_size": size}).status_code == 200
