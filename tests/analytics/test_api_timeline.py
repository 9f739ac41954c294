"""/api/v1/analytics/timeline/: collaborative activities per month, in total and by kind.

By hand from the `activities` fixture: 2024-01 m1 (coalition meeting); 2024-02 m2 (case
coordination; m3 had one organisation); 2024-03 m4 (joint operation) and m5 (referral).
"""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/analytics/timeline/"


def test_anonymous_caller_gets_401(activities, client_as):
    assert client_as(None).get(URL).status_code == 401


def test_admin_sees_each_month_with_its_kinds(activities, client_as):
    assert client_as(activities.admin).get(URL).json()["months"] == [
        {"month": "2024-01", "count": 1, "by_kind": {"coalition_meeting": 1}},
        {"month": "2024-02", "count": 1, "by_kind": {"case_coordination": 1}},
        {"month": "2024-03", "count": 2, "by_kind": {"joint_operation": 1, "referral": 1}},
    ]


def test_a_participants_only_activity_never_counts_for_an_outsider(activities, client_as):
    assert client_as(activities.outsider).get(URL).json()["months"] == [
        {"month": "2024-03", "count": 1, "by_kind": {"referral": 1}}
    ]
    member_b = f.user("member-b", org=activities.org_b)
    assert [m["month"] for m in client_as(member_b).get(URL).json()["months"]] == ["2024-01", "2024-02"]


def test_filters_narrow_the_timeline(activities, client_as):
    client = client_as(activities.admin)
    assert client.get(URL, {"coalition": "coalition-a", "since": "2024-02-01"}).json()["months"] == [
        {"month": "2024-02", "count": 1, "by_kind": {"case_coordination": 1}},
        {"month": "2024-03", "count": 1, "by_kind": {"joint_operation": 1}},
    ]
    response = client.get(URL, {"since": "2024-02-30"})
    assert response.status_code == 400 and "since" in response.json()
