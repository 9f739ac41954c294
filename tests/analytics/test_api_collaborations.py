"""/api/v1/analytics/collaborations/: pairs of organisations and how often they worked together.

Expected figures, worked out by hand from the `activities` fixture (see tests/api/conftest.py):
    A-B  m1, m2      count 2  2024-01-10 .. 2024-02-05  coalition meeting 1, case coordination 1
    A-C  m1, m4      count 2  2024-01-10 .. 2024-03-01  coalition meeting 1, joint operation 1
    B-C  m1          count 1  2024-01-10
    C-D  m5          count 1  2024-03-15                referral 1
m3 (one organisation) and m6 (planned) count for nobody; m4 is participants-only (A and C).
"""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/analytics/collaborations/"


def pairs(response) -> dict:
    assert response.status_code == 200, response.json()
    return {
        (r["organization_a"]["slug"], r["organization_b"]["slug"]): (r["count"], r["first_date"], r["last_date"])
        for r in response.json()["results"]
    }


def test_anonymous_caller_gets_401(activities, client_as):
    assert client_as(None).get(URL).status_code == 401


def test_admin_sees_every_pair_with_counts_dates_and_kinds(activities, client_as):
    response = client_as(activities.admin).get(URL)
    assert pairs(response) == {
        ("org-a", "org-b"): (2, "2024-01-10", "2024-02-05"),
        ("org-a", "org-c"): (2, "2024-01-10", "2024-03-01"),
        ("org-b", "org-c"): (1, "2024-01-10", "2024-01-10"),
        ("org-c", "org-d"): (1, "2024-03-15", "2024-03-15"),
    }
    kinds = {(r["organization_a"]["slug"], r["organization_b"]["slug"]): r["kinds"] for r in response.json()["results"]}
    assert kinds[("org-a", "org-b")] == {"coalition_meeting": 1, "case_coordination": 1}
    assert kinds[("org-a", "org-c")] == {"coalition_meeting": 1, "joint_operation": 1}
    assert kinds[("org-c", "org-d")] == {"referral": 1}
    first = response.json()["results"][0]
    assert first["organization_a"] == {"slug": "org-a", "name": "Org A", "primary_sector": "law-enforcement"}
    assert response.json()["count"] == 4


def test_a_participants_only_activity_never_counts_for_an_outsider(activities, client_as):
    # The outsider (org D) sees only the referral it took part in.
    assert pairs(client_as(activities.outsider).get(URL)) == {("org-c", "org-d"): (1, "2024-03-15", "2024-03-15")}
    # A member of org B sees coalition A's activities but not the joint operation of A and C.
    member_b = f.user("member-b", org=activities.org_b)
    assert pairs(client_as(member_b).get(URL)) == {
        ("org-a", "org-b"): (2, "2024-01-10", "2024-02-05"),
        ("org-a", "org-c"): (1, "2024-01-10", "2024-01-10"),
        ("org-b", "org-c"): (1, "2024-01-10", "2024-01-10"),
    }


def test_default_order_is_most_frequent_then_most_recent(activities, client_as):
    order = list(pairs(client_as(activities.admin).get(URL)))
    assert order == [("org-a", "org-c"), ("org-a", "org-b"), ("org-c", "org-d"), ("org-b", "org-c")]


def test_pairs_sort_by_count_and_by_last_date(activities, client_as):
    client = client_as(activities.admin)
    assert list(pairs(client.get(URL, {"ordering": "count"}))) == [
        ("org-b", "org-c"),
        ("org-c", "org-d"),
        ("org-a", "org-b"),
        ("org-a", "org-c"),
    ]
    assert list(pairs(client.get(URL, {"ordering": "-last_date"})))[:2] == [("org-c", "org-d"), ("org-a", "org-c")]
    assert list(pairs(client.get(URL, {"ordering": "last_date"})))[0] == ("org-b", "org-c")


def test_min_count_keeps_the_frequent_pairs(activities, client_as):
    assert set(pairs(client_as(activities.admin).get(URL, {"min_count": 2}))) == {
        ("org-a", "org-b"),
        ("org-a", "org-c"),
    }


def test_filters_narrow_the_pairs(activities, client_as):
    client = client_as(activities.admin)
    assert pairs(client.get(URL, {"kind": "case_coordination"})) == {
        ("org-a", "org-b"): (1, "2024-02-05", "2024-02-05")
    }
    assert pairs(client.get(URL, {"since": "2024-02-01"})) == {
        ("org-a", "org-b"): (1, "2024-02-05", "2024-02-05"),
        ("org-a", "org-c"): (1, "2024-03-01", "2024-03-01"),
        ("org-c", "org-d"): (1, "2024-03-15", "2024-03-15"),
    }
    assert set(pairs(client.get(URL, {"until": "2024-01-31"}))) == {
        ("org-a", "org-b"),
        ("org-a", "org-c"),
        ("org-b", "org-c"),
    }
    assert set(pairs(client.get(URL, {"coalition": "coalition-b"}))) == {("org-c", "org-d")}
    # sector: pairs in which at least one organisation belongs to it.
    assert set(pairs(client.get(URL, {"sector": "health-care"}))) == {
        ("org-a", "org-c"),
        ("org-b", "org-c"),
        ("org-c", "org-d"),
    }


def test_bad_parameters_are_400s_naming_them(activities, client_as):
    client = client_as(activities.admin)
    for params, field in [
        ({"since": "2024-03-01", "until": "2024-01-01"}, "since"),
        ({"since": "2024-13-01"}, "since"),
        ({"until": "soon"}, "until"),
        ({"kind": "party"}, "kind"),
        ({"coalition": "no-such-coalition"}, "coalition"),
        ({"sector": "no-such-sector"}, "sector"),
        ({"ordering": "name"}, "ordering"),
        ({"min_count": "many"}, "min_count"),
        ({"min_count": "0"}, "min_count"),
        ({"page_size": "x"}, "page_size"),
    ]:
        response = client.get(URL, params)
        assert response.status_code == 400, params
        assert field in response.json(), response.json()


def test_pairs_are_paginated(activities, client_as):
    body = client_as(activities.admin).get(URL, {"page_size": 1, "page": 2}).json()
    assert body["count"] == 4
    assert [(r["organization_a"]["slug"], r["organization_b"]["slug"]) for r in body["results"]] == [("org-a", "org-b")]


def test_list_runs_a_constant_number_of_queries(activities, client_as, django_assert_max_num_queries):
    w = activities
    extra = [f.organization(f"Partner {i}") for i in range(4)]
    f.meeting([w.org_a, *extra], coalition=w.coalition_a)
    client = client_as(w.member)
    # 1 the member's organisation, 2 the coalitions they coordinate; then for the pairs and
    # again for their description, 3-4 and 7-8 the visibility look-ups of the analytics reads
    # (memberships, any coalition-wide activity elsewhere); 5 count of pairs, 6 page of pairs,
    # 9 organisations named on the page, 10 kinds per pair on the page; and the cache key of
    # the count and page: the change stamp, the organisations' last edit and the viewer's
    # visibility class (memberships, own activity outside them).
    for size in (2, 50):
        with django_assert_max_num_queries(15):
            assert client.get(URL, {"page_size": size}).status_code == 200
