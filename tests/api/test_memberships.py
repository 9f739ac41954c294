"""/api/v1/memberships/: coordinators manage their coalition's memberships; spans never overlap."""

import datetime

import pytest

from partners.models import Membership
from tests import factories as f
from tests.api.conftest import state

pytestmark = pytest.mark.django_db
URL = "/api/v1/memberships/"


def new_membership(**overrides) -> dict:
    return {
        "organization": "org-d",
        "coalition": "coalition-a",
        "role": "member",
        "start_date": "2024-01-01",
        **overrides,
    }


def test_anonymous_caller_gets_401(world, client_as):
    assert client_as(None).get(URL).status_code == 401


def test_coordinator_adds_an_organisation_to_their_coalition(world, client_as):
    response = client_as(world.coordinator).post(URL, new_membership(), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["coalition_name"] == "Coalition A"
    assert Membership.objects.filter(organization=world.org_d, coalition=world.coalition_a).exists()


def test_coordinator_cannot_manage_another_coalitions_memberships(world, client_as):
    client = client_as(world.coordinator)
    assert client.post(URL, new_membership(coalition="coalition-b"), format="json").status_code == 403
    assert Membership.objects.count() == 3
    theirs = Membership.objects.get(coalition=world.coalition_b)
    before = state(theirs)
    assert client.patch(f"{URL}{theirs.pk}/", {"role": "lead"}, format="json").status_code == 403
    assert client.delete(f"{URL}{theirs.pk}/").status_code == 403
    assert state(theirs) == before


def test_coordinator_cannot_move_a_membership_into_a_coalition_they_do_not_coordinate(world, client_as):
    mine = Membership.objects.get(organization=world.org_b, coalition=world.coalition_a)
    before = state(mine)
    response = client_as(world.coordinator).patch(f"{URL}{mine.pk}/", {"coalition": "coalition-b"}, format="json")
    assert response.status_code == 403
    assert state(mine) == before


def test_member_cannot_change_memberships(world, client_as):
    client = client_as(world.member)
    own = Membership.objects.get(organization=world.org_a)
    before = state(own)
    assert client.post(URL, new_membership(), format="json").status_code == 403
    assert client.patch(f"{URL}{own.pk}/", {"role": "observer"}, format="json").status_code == 403
    assert state(own) == before
    assert Membership.objects.count() == 3


def test_overlapping_span_is_refused_naming_the_start_date(world, client_as):
    response = client_as(world.coordinator).post(
        URL, new_membership(organization="org-b", start_date="2023-05-01"), format="json"
    )
    assert response.status_code == 400
    assert "start_date" in response.json()
    assert "overlaps" in response.json()["start_date"][0]
    assert Membership.objects.filter(organization=world.org_b).count() == 1


def test_a_later_span_after_an_ended_one_is_accepted(world, client_as):
    Membership.objects.filter(organization=world.org_b).update(end_date=datetime.date(2022, 12, 31))
    response = client_as(world.coordinator).post(
        URL, new_membership(organization="org-b", start_date="2023-01-01"), format="json"
    )
    assert response.status_code == 201, response.json()


def test_bad_values_are_refused_naming_the_field(world, client_as):
    client = client_as(world.coordinator)
    for payload, field in [
        (new_membership(organization="no-such-org"), "organization"),
        (new_membership(coalition="no-such-coalition"), "coalition"),
        (new_membership(role="king"), "role"),
        (new_membership(start_date="2024-02-30"), "start_date"),
        (new_membership(end_date="2023-01-01"), "end_date"),
    ]:
        response = client.post(URL, payload, format="json")
        assert response.status_code == 400, payload
        assert field in response.json(), response.json()
    assert Membership.objects.count() == 3


def test_memberships_filter_by_coalition_role_and_current(world, client_as):
    Membership.objects.filter(organization=world.org_b).update(end_date=datetime.date(2021, 1, 1))
    client = client_as(world.member)

    def orgs(params):
        return [m["organization"] for m in client.get(URL, params).json()["results"]]

    assert orgs({"coalition": "coalition-a"}) == ["org-a", "org-b"]
    assert orgs({"role": "lead"}) == ["org-a"]
    assert orgs({"current": "true"}) == ["org-a", "org-c"]
    response = client.get(URL, {"role": "king"})
    assert response.status_code == 400 and "role" in response.json()


def test_list_runs_a_constant_number_of_queries(world, client_as, django_assert_max_num_queries):
    for i in range(5):
        f.membership(f.organization(f"Member {i}"), world.coalition_b)
    client = client_as(world.member)
    # 1 count, 2 page of memberships with organisations, sectors and coalitions.
    for size in (2, 50):
        with django_assert_max_num_queries(2):
            assert client.get(URL, {"page_size": size}).status_code == 200
