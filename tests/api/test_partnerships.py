"""/api/v1/partnerships/: partner organisations' members, coordinators and admins manage them."""

import pytest

from partners.models import Partnership
from tests import factories as f
from tests.api.conftest import state

pytestmark = pytest.mark.django_db
URL = "/api/v1/partnerships/"


def test_anonymous_caller_gets_401(world, client_as):
    assert client_as(None).get(URL).status_code == 401


def test_member_creates_a_partnership_of_their_organisation(world, client_as):
    response = client_as(world.member).post(
        URL, {"title": "Referral MOU", "kind": "mou", "organizations": ["org-a", "org-c"]}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert sorted(response.json()["organizations"]) == ["org-a", "org-c"]
    assert response.json()["status"] == "active"


def test_member_cannot_create_a_partnership_between_other_organisations(world, client_as):
    response = client_as(world.member).post(
        URL, {"title": "Not ours", "kind": "mou", "organizations": ["org-b", "org-c"]}, format="json"
    )
    assert response.status_code == 403
    assert not Partnership.objects.exists()


def test_outsider_cannot_edit_or_delete_a_partnership_they_are_not_in(world, client_as):
    p = f.partnership([world.org_a, world.org_b], title="A and B")
    before = state(p)
    client = client_as(world.outsider)
    assert client.get(f"{URL}{p.pk}/").status_code == 200  # visible to every signed-in user
    assert client.patch(f"{URL}{p.pk}/", {"status": "ended"}, format="json").status_code == 403
    assert client.delete(f"{URL}{p.pk}/").status_code == 403
    assert state(p) == before


def test_member_cannot_hand_their_partnership_over_to_others(world, client_as):
    p = f.partnership([world.org_a, world.org_b], title="A and B")
    response = client_as(world.member).patch(f"{URL}{p.pk}/", {"organizations": ["org-b", "org-c"]}, format="json")
    assert response.status_code == 403
    assert sorted(p.organizations.values_list("slug", flat=True)) == ["org-a", "org-b"]


def test_fewer_than_two_organisations_is_refused_naming_the_field(world, client_as):
    client = client_as(world.member)
    for orgs in (["org-a"], ["org-a", "org-a"]):
        response = client.post(URL, {"title": "Solo", "kind": "mou", "organizations": orgs}, format="json")
        assert response.status_code == 400
        assert "organizations" in response.json()
    assert not Partnership.objects.exists()


def test_dates_out_of_order_are_refused_naming_the_field(world, client_as):
    response = client_as(world.member).post(
        URL,
        {
            "title": "Backwards",
            "kind": "mou",
            "organizations": ["org-a", "org-b"],
            "start_date": "2024-05-01",
            "end_date": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "end_date" in response.json()


def test_partnerships_filter_by_kind_status_organisation_and_renewal(world, client_as):
    import datetime

    f.partnership([world.org_a, world.org_b], title="MOU AB", renewal_date=datetime.date(2024, 6, 1))
    f.partnership([world.org_c, world.org_d], title="Data CD", kind="data_sharing", status="strained")
    client = client_as(world.member)

    def titles(params):
        return [p["title"] for p in client.get(URL, params).json()["results"]]

    assert titles({"kind": "data_sharing"}) == ["Data CD"]
    assert titles({"status": "strained"}) == ["Data CD"]
    assert titles({"organization": "org-a"}) == ["MOU AB"]
    assert titles({"renewal_before": "2024-12-31"}) == ["MOU AB"]
    for params, field in [({"renewal_before": "soon"}, "renewal_before"), ({"kind": "marriage"}, "kind")]:
        response = client.get(URL, params)
        assert response.status_code == 400 and field in response.json()


def test_list_runs_a_constant_number_of_queries(world, client_as, django_assert_max_num_queries):
    orgs = [world.org_a, world.org_b, world.org_c, world.org_d]
    for i in range(6):
        f.partnership(orgs[i % 3 : i % 3 + 2], title=f"P{i}")
    client = client_as(world.member)
    # 1 count, 2 page of partnerships with coalitions, 3 prefetch organisations with sectors.
    for size in (2, 50):
        with django_assert_max_num_queries(3):
            assert client.get(URL, {"page_size": size}).status_code == 200
