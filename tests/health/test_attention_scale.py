"""The needs-attention list costs the same number of queries for one coalition as for four."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from health.models import ComplementarySectorPair
from health.selectors.attention import attention_for_viewer
from health.services import quarter_start
from partners.choices import MeetingKind
from partners.models import Meeting, Partnership, Sector
from tests import factories as f
from tests.health.conftest import TODAY, ago, rate

pytestmark = pytest.mark.django_db


def _coalition(n: int):
    """A coalition with one case of every kind: an absent member, an introduction, and quiet,
    strained, renewal and check-in items."""
    c = f.coalition(f"Coalition {n}", quiet_after_days=90, absent_after_meetings=2)
    police = f.organization(f"Police {n}", sector_slug="law-enforcement")
    ngo = f.organization(f"NGO {n}", sector_slug="ngo-victim-services")
    bank = f.organization(f"Bank {n}", sector_slug="business")
    union = f.organization(f"Union {n}", sector_slug="labour-unions")
    for org in (police, ngo, bank, union):
        f.membership(org, c, start=ago(400))
    f.meeting([police, ngo, bank, union], date=ago(80), coalition=c)
    f.meeting([police, ngo, union], date=ago(50), coalition=c)
    f.meeting([police, ngo, union], date=ago(20), coalition=c)  # the bank missed the last two
    f.partnership([police, ngo], f"Quiet {n}", coalition=c, start_date=ago(400))
    strained = f.partnership([ngo, union], f"Strained {n}", coalition=c, start_date=ago(400), status="strained")
    f.meeting([ngo, union], date=ago(5), kind=MeetingKind.REFERRAL, coalition=c)
    f.partnership([police, union], f"Renewal {n}", coalition=c, start_date=ago(400), renewal_date=ago(-30))
    f.meeting([police, union], date=ago(5), kind=MeetingKind.OUTREACH, coalition=c)
    rate(strained, ngo, quarter_start(TODAY), 4)
    rate(strained, union, quarter_start(TODAY), 2)
    return c


@pytest.fixture
def coalitions(db):
    ComplementarySectorPair.objects.all().delete()
    sector = {s.slug: s for s in Sector.objects.all()}
    ComplementarySectorPair.objects.create(sector_a=sector["business"], sector_b=sector["labour-unions"])
    return [_coalition(n) for n in range(1, 5)]


def _measure(username: str) -> tuple[int, list]:
    viewer = get_user_model().objects.get(username=username)  # a fresh copy: no roles cached
    with CaptureQueriesContext(connection) as queries:
        items = attention_for_viewer(viewer=viewer, today=TODAY)
    return len(queries.captured_queries), items


def test_a_coordinator_of_four_coalitions_costs_the_same_queries_as_one_of_one(coalitions, django_assert_num_queries):
    f.user("one", coordinates=coalitions[:1])
    f.user("four", coordinates=coalitions)
    one_count, one = _measure("one")
    kinds = {i.kind for i in one}
    assert kinds == {
        "quiet",
        "strained",
        "renewal_due",
        "checkins_disagree",
        "absent_member",
        "introduction",
    }
    viewer = get_user_model().objects.get(username="four")
    with django_assert_num_queries(one_count):
        four = attention_for_viewer(viewer=viewer, today=TODAY)
    assert len(four) == 4 * len(one)
    assert [i.coalition.name for i in four if i.kind == "absent_member"] == [c.name for c in coalitions]


def test_an_admin_list_costs_the_same_queries_with_one_coalition_or_four(coalitions):
    f.user("admin", admin=True)
    four_count, four = _measure("admin")
    for c in coalitions[1:]:
        Partnership.objects.filter(coalition=c).delete()
        Meeting.objects.filter(coalition=c).delete()
        c.delete()
    one_count, one = _measure("admin")
    assert four_count == one_count
    assert len(four) == 4 * len(one)
