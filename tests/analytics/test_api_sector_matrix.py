"""/api/v1/analytics/sector-matrix/: collaborations counted by the two organisations' primary sectors.

By hand from the `activities` fixture (A law enforcement, B NGO, C health care, D business):
    law × NGO 2 (A-B), law × health 2 (A-C), NGO × health 1 (B-C), health × business 1 (C-D);
    total 6; every other cell 0.
"""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/analytics/sector-matrix/"


def cells(body) -> dict:
    slugs = [s["slug"] for s in body["sectors"]]
    return {
        (slugs[i], slugs[j]): n
        for i, row in enumerate(body["matrix"])
        for j, n in enumerate(row)
        if n  # non-zero
    }


def test_anonymous_caller_gets_401(activities, client_as):
    assert client_as(None).get(URL).status_code == 401


def test_admin_sees_the_symmetric_matrix_counted_by_hand(activities, client_as):
    body = client_as(activities.admin).get(URL).json()
    assert len(body["sectors"]) == 14 and all(len(row) == 14 for row in body["matrix"])
    law, ngo, health, business = "law-enforcement", "ngo-victim-services", "health-care", "business"
    assert cells(body) == {
        (law, ngo): 2,
        (ngo, law): 2,
        (law, health): 2,
        (health, law): 2,
        (ngo, health): 1,
        (health, ngo): 1,
        (health, business): 1,
        (business, health): 1,
    }
    assert body["total"] == 6


def test_a_participants_only_activity_never_counts_for_an_outsider(activities, client_as):
    body = client_as(activities.outsider).get(URL).json()
    assert cells(body) == {("health-care", "business"): 1, ("business", "health-care"): 1}
    assert body["total"] == 1


def test_filters_narrow_the_matrix(activities, client_as):
    body = client_as(activities.admin).get(URL, {"kind": "joint_operation"}).json()
    assert cells(body) == {("law-enforcement", "health-care"): 1, ("health-care", "law-enforcement"): 1}
    response = client_as(activities.admin).get(URL, {"kind": "party"})
    assert response.status_code == 400 and "kind" in response.json()
