"""One definition of a current membership: started on or before the day and not ended before it.

Every door that counts current members agrees on it: the coalition page, the coalition list and
API (`member_count`), the membership filter (`?current=true`), the report, the attention list
and the dashboard. The coalition count once counted only memberships with no end date, so a
membership ending next year was left out and one starting next year was counted.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from partners.models import Membership
from reports.selectors import Period, coalition_report
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def spans(world):
    """Coalition A: org A and org B since 2020 (open); org C and org D until next year; org E
    from next month."""
    today = timezone.localdate()
    f.membership(world.org_c, world.coalition_a, end=today + datetime.timedelta(days=365))
    f.membership(world.org_d, world.coalition_a, end=today + datetime.timedelta(days=365))
    f.membership(f.organization("Org E"), world.coalition_a, start=today + datetime.timedelta(days=30))
    return world


def test_current_means_started_on_or_before_the_day_and_not_ended_before_it(spans):
    today = timezone.localdate()
    current = Membership.objects.filter(coalition=spans.coalition_a).current()
    assert sorted(m.organization.name for m in current) == ["Org A", "Org B", "Org C", "Org D"]
    next_year = today + datetime.timedelta(days=366)
    later = Membership.objects.filter(coalition=spans.coalition_a).current(next_year)
    assert sorted(m.organization.name for m in later) == ["Org A", "Org B", "Org E"]
    ending = Membership.objects.get(organization=spans.org_c, coalition=spans.coalition_a)
    assert ending in Membership.objects.current(ending.end_date)  # the last day still counts


def test_every_door_counts_the_same_current_members(spans, client_as, api):
    expected = 4  # A, B, C and D (they end next year); not E (starts next month)
    page = client_as(spans.coordinator).get(f"/coalitions/{spans.coalition_a.slug}/")
    assert page.context["member_count"] == expected
    api.force_authenticate(spans.coordinator)
    assert api.get(f"/api/v1/coalitions/{spans.coalition_a.slug}/").json()["member_count"] == expected
    listed = {c["slug"]: c["member_count"] for c in api.get("/api/v1/coalitions/").json()["results"]}
    assert listed[spans.coalition_a.slug] == expected
    filtered = api.get("/api/v1/memberships/", {"coalition": spans.coalition_a.slug, "current": "true"}).json()
    assert filtered["count"] == expected
    today = timezone.localdate()
    report = coalition_report(
        viewer=spans.coordinator, coalition=spans.coalition_a, period=Period(since=today, until=today)
    )
    assert report.members["total"] == expected
