"""The coordinator's "what changed" figures, computed here from the rows the test writes and
compared with analytics.trends.coalition_trends and the dashboard that shows them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from analytics.figures import coalition_trends
from analytics.trends import quarter_start
from partners.choices import MeetingVisibility
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(world):
    today = timezone.localdate()
    start = quarter_start(today)
    previous = quarter_start(start - datetime.timedelta(days=1))
    w = world
    w.org_e = f.organization("Org E", sector_slug="law-enforcement")  # same sector as org A
    w.quiet = f.organization("Org Quiet", sector_slug="health-care")
    f.membership(w.org_e, w.coalition_a)
    f.membership(w.quiet, w.coalition_a)
    f.membership(f.organization("Org Left"), w.coalition_a, end=today - datetime.timedelta(days=400))
    # This quarter: A–B on its first day and today (cross-sector), A–E today (within a sector),
    # a participants-only A–B–C and a solo activity (not joint: no collaboration).
    f.meeting([w.org_a, w.org_b], coalition=w.coalition_a, date=start)
    f.meeting([w.org_a, w.org_b], coalition=w.coalition_a, date=today)
    f.meeting([w.org_a, w.org_e], coalition=w.coalition_a, date=today)
    f.meeting(
        [w.org_a, w.org_b, w.org_c], coalition=w.coalition_a, date=today, visibility=MeetingVisibility.PARTICIPANTS
    )
    f.meeting([w.org_b], coalition=w.coalition_a, date=today, kind="outreach")
    # Last quarter, on its first day: A–B once. Another coalition's activity never counts.
    f.meeting([w.org_a, w.org_b], coalition=w.coalition_a, date=previous)
    f.meeting([w.org_c, w.org_d], coalition=w.coalition_b, date=today)
    f.partnership([w.org_a, w.org_b], coalition=w.coalition_a, status="active")
    f.partnership([w.org_a, w.org_e], coalition=w.coalition_a, status="active")
    f.partnership([w.org_b, w.org_e], coalition=w.coalition_a, status="strained")
    f.partnership([w.org_c, w.org_d], coalition=w.coalition_b, status="active")
    w.start, w.previous, w.today = start, previous, today
    return w


def test_the_figures_count_what_the_coordinator_sees(busy):
    t = coalition_trends(viewer=busy.coordinator, coalition=busy.coalition_a)
    assert t["quarter_start"] == busy.start
    # Joint activities this quarter: A–B twice, A–E, A–B–C (the coordinator sees participants-only ones).
    assert t["this_quarter"] == 4
    assert t["last_quarter_same_days"] == 1
    assert sum(m["count"] for m in t["months"]) == 5 and len(t["months"]) == 12
    assert t["months"][-1]["month"] == busy.today.strftime("%Y-%m")
    assert {r["status"]: r["count"] for r in t["partnerships_by_status"]} == {"active": 2, "strained": 1}
    # Current members: A, B, E, Quiet (Org Left left); Quiet took part in nothing.
    assert (t["members"], t["members_not_seen"]) == (4, 1)
    # Collaborations this quarter: A–B ×2, A–E, and A–B, A–C, B–C at the participants-only one:
    # all cross-sector except A–E (both law enforcement): 5 of 6.
    assert t["cross_sector"][-1]["collaborations"] == 6
    assert t["cross_sector"][-1]["share"] == pytest.approx(5 / 6)
    assert t["cross_sector"][-2]["share"] == pytest.approx(1.0)  # last quarter: A–B only


def test_a_member_counts_only_what_they_see(busy):
    member_of_e = f.user("member-e", org=busy.org_e)
    view = coalition_trends(viewer=member_of_e, coalition=busy.coalition_a)
    assert view["this_quarter"] == 3  # not the participants-only activity E took no part in
    assert coalition_trends(viewer=busy.outsider, coalition=busy.coalition_a)["this_quarter"] == 0


def test_the_coordinators_dashboard_opens_with_what_changed_and_a_member_does_not_see_it(busy, client):
    client.force_login(busy.coordinator)
    html = client.get("/").content.decode()
    assert "What changed" in html
    section = html.split('id="trends-h"')[1].split("</section>")[0]
    assert 'class="trend-value">4<' in section
    assert "by the same day last quarter" in section and "1 by the same day" in section
    assert f"?coalition={busy.coalition_a.slug}&amp;status=strained" in section
    assert 'role="img"' in section and "Joint activities per month" in section  # the trend line's text
    client.force_login(busy.member)
    assert "What changed" not in client.get("/").content.decode()


def test_the_dashboard_costs_a_bounded_number_of_queries(busy, client, django_assert_max_num_queries):
    client.force_login(busy.coordinator)
    client.get("/")  # fills the figure cache
    with django_assert_max_num_queries(60):
        assert client.get("/").status_code == 200
