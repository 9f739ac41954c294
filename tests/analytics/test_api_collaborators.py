"""/api/v1/organizations/{slug}/collaborators/: one organisation's partners and monthly counts.

By hand from the `activities` fixture, for org A:
    partner C  m1, m4  count 2  2024-01-10 .. 2024-03-01  coalition meeting 1, joint operation 1
    partner B  m1, m2  count 2  2024-01-10 .. 2024-02-05  coalition meeting 1, case coordination 1
    months: 2024-01 m1, 2024-02 m2 (m3 had A alone), 2024-03 m4 → 1 each.
"""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/organizations/org-a/collaborators/"
QUERIES = 28


def partners(body) -> list[tuple]:
    return [(c["organization"]["slug"], c["count"], c["first_date"], c["last_date"]) for c in body["collaborators"]]


def test_anonymous_caller_gets_401_even_for_a_public_organisation(activities, client_as):
    assert client_as(None).get(URL).status_code == 401


def test_admin_sees_the_partners_with_figures_kinds_and_months(activities, client_as):
    body = client_as(activities.admin).get(URL).json()
    assert body["organization"]["slug"] == "org-a"
    assert body["partner_count"] == 2
    assert partners(body) == [
        ("org-c", 2, "2024-01-10", "2024-03-01"),
        ("org-b", 2, "2024-01-10", "2024-02-05"),
    ]
    assert [c["kinds"] for c in body["collaborators"]] == [
        {"coalition_meeting": 1, "joint_operation": 1},
        {"coalition_meeting": 1, "case_coordination": 1},
    ]
    assert body["monthly"] == [
        {"month": "2024-01", "count": 1},
        {"month": "2024-02", "count": 1},
        {"month": "2024-03", "count": 1},
    ]


def test_a_participants_only_activity_never_counts_for_an_outsider(activities, client_as):
    body = client_as(activities.outsider).get(URL).json()
    assert body["collaborators"] == [] and body["monthly"] == []
    member_b = f.user("member-b", org=activities.org_b)
    body = client_as(member_b).get(URL).json()
    assert partners(body) == [("org-b", 2, "2024-01-10", "2024-02-05"), ("org-c", 1, "2024-01-10", "2024-01-10")]
    assert [m["month"] for m in body["monthly"]] == ["2024-01", "2024-02"]


def test_filters_apply_to_the_partners_and_the_months(activities, client_as):
    client = client_as(activities.admin)
    body = client.get(URL, {"kind": "case_coordination"}).json()
    assert partners(body) == [("org-b", 1, "2024-02-05", "2024-02-05")]
    assert body["monthly"] == [{"month": "2024-02", "count": 1}]
    body = client.get(URL, {"since": "2024-02-15"}).json()
    assert partners(body) == [("org-c", 1, "2024-03-01", "2024-03-01")]


def test_unknown_slug_is_404_and_bad_filters_are_400s(activities, client_as):
    client = client_as(activities.admin)
    assert client.get("/api/v1/organizations/no-such-org/collaborators/").status_code == 404
    response = client.get(URL, {"since": "2024-05-01", "until": "2024-01-01"})
    assert response.status_code == 400 and "since" in response.json()


def test_sector_keeps_the_partners_in_that_sector(activities, client_as):
    # Of A's partners only C is in health care: m1 and m4, in January and March.
    body = client_as(activities.admin).get(URL, {"sector": "health-care"}).json()
    assert partners(body) == [("org-c", 2, "2024-01-10", "2024-03-01")]
    assert body["monthly"] == [{"month": "2024-01", "count": 1}, {"month": "2024-03", "count": 1}]


def test_the_number_of_queries_does_not_grow_with_the_partners(activities, client_as, django_assert_max_num_queries):
    w = activities
    client = client_as(w.member)
    # 1-5 the organisation with its four vocabularies; 6-7 the viewer's organisation and
    # coordinated coalitions; then the analytics reads, each with its visibility look-ups
    # (memberships; coalition-wide activity elsewhere): the partners, their organisations, the
    # kinds per partner and the months, each behind its cache key (the change stamp, the
    # organisations' last edit, the viewer's visibility class). Two partners, then eight.
    with django_assert_max_num_queries(QUERIES):
        assert client.get(URL).json()["partner_count"] == 2
    for i in range(6):
        f.meeting([w.org_a, f.organization(f"Partner {i}")], coalition=w.coalition_a)
    with django_assert_max_num_queries(QUERIES):
        assert client.get(URL).json()["partner_count"] == 8
