"""Costly figures are computed once per change: a repeated request reads the cache, and any
write that changes the figures, any edit of an organisation, or another visibility class gets
fresh ones."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import Sector
from partners.services.meetings import ParticipationInput, meeting_create
from partners.services.organizations import organization_update
from tests import factories as f

pytestmark = pytest.mark.django_db
PAIRS = "/api/v1/analytics/collaborations/"
MATRIX = "/api/v1/analytics/sector-matrix/"


def rollup_reads(client, url) -> tuple[dict, int]:
    """The response body and how many of the request's queries read the pair rollup."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.json(), sum("analytics_pairday" in q["sql"] for q in queries.captured_queries)


def pair_counts(body) -> dict:
    return {(r["organization_a"]["slug"], r["organization_b"]["slug"]): r["count"] for r in body["results"]}


def test_a_repeated_pairs_request_reads_the_cache_and_a_new_activity_refreshes_it(activities, client_as):
    client = client_as(activities.admin)
    first, reads = rollup_reads(client, PAIRS)
    assert reads == 2  # the page with the total count in one read, then the kinds of its pairs
    again, reads_again = rollup_reads(client, PAIRS)
    assert again == first
    assert reads_again == 0  # all three from the cache; only the names are read per request
    w = activities
    meeting_create(
        actor=w.admin,
        title="Fresh joint training",
        kind="training",
        date=datetime.date(2024, 4, 1),
        coalition=w.coalition_b,
        participations=[ParticipationInput(organization=w.org_b), ParticipationInput(organization=w.org_d)],
    )
    fresh, reads_fresh = rollup_reads(client, PAIRS)
    assert reads_fresh == 2
    assert pair_counts(fresh)[("org-b", "org-d")] == 1
    assert first["count"] + 1 == fresh["count"]


def test_viewers_who_see_different_activities_never_share_cached_pairs(activities, client_as):
    w = activities
    # The outsider asks first and caches what they may see; the member of coalition A then
    # gets their own figures, and the outsider still gets only theirs.
    outsider = pair_counts(client_as(w.outsider).get(PAIRS).json())
    member = pair_counts(client_as(w.member).get(PAIRS).json())
    assert ("org-a", "org-b") in member and ("org-a", "org-b") not in outsider
    assert pair_counts(client_as(w.outsider).get(PAIRS).json()) == outsider
    assert pair_counts(client_as(w.admin).get(PAIRS).json()) != outsider


def test_each_page_and_ordering_is_cached_apart(activities, client_as):
    client = client_as(activities.admin)
    whole = client.get(PAIRS, {"page_size": 100}).json()["results"]
    assert len(whole) == 4
    pages = [client.get(PAIRS, {"page_size": 1, "page": n}).json() for n in (1, 2, 3, 4)]
    assert [p["results"][0] for p in pages] == whole
    assert {p["count"] for p in pages} == {4}
    assert [p["next"] is None for p in pages] == [False, False, False, True]
    # Pages of three: the last one holds the one remaining pair, and a page past the end is 404.
    assert client.get(PAIRS, {"page_size": 3, "page": 2}).json()["results"] == whole[3:]
    assert client.get(PAIRS, {"page_size": 3, "page": "last"}).json()["results"] == whole[3:]
    assert client.get(PAIRS, {"page_size": 3, "page": 3}).status_code == 404
    assert client.get(PAIRS, {"page_size": 3, "page": 1}).json()["results"] == whole[:3]
    oldest = client.get(PAIRS, {"ordering": "last_date", "page_size": 100}).json()["results"]
    assert [r["last_date"] for r in oldest] == sorted(r["last_date"] for r in whole)


def test_the_sector_matrix_follows_an_edit_of_a_primary_sector(activities, client_as):
    w = activities
    client = client_as(w.admin)
    before, _reads = rollup_reads(client, MATRIX)
    _again, reads = rollup_reads(client, MATRIX)
    assert reads == 0
    slugs = [s["slug"] for s in before["sectors"]]
    business = Sector.objects.get(slug="business")
    organization_update(actor=w.admin, organization=w.org_b, primary_sector=business)
    after, reads = rollup_reads(client, MATRIX)
    assert reads == 1
    law, ngo, biz = (slugs.index(s) for s in ("law-enforcement", "ngo-victim-services", "business"))
    # Org B's collaborations move from NGO to business: A-B (2) to law × business, B-C (1) to
    # health × business; the total stays.
    assert (before["matrix"][law][ngo], after["matrix"][law][ngo]) == (2, 0)
    assert after["matrix"][law][biz] == before["matrix"][law][biz] + 2
    assert after["total"] == before["total"]


def test_the_profile_pages_partners_follow_a_new_activity(activities, client):
    w = activities
    client.force_login(w.admin)
    url = f"/organizations/{w.org_d.slug}/"

    def partners():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        slugs = [c["organization"].slug for c in response.context["collaborators"]]
        return slugs, sum("analytics_pairday" in q["sql"] for q in queries.captured_queries)

    assert partners() == (["org-c"], 1)
    assert partners() == (["org-c"], 0)  # from the cache
    f.meeting([w.org_d, w.org_b], date=datetime.date(2024, 5, 2))
    f.meeting([w.org_d, w.org_b], date=datetime.date(2024, 5, 9))
    assert partners() == (["org-b", "org-c"], 1)


def test_the_timeline_is_read_once_per_change(activities, client_as):
    w = activities
    client = client_as(w.admin)
    url = "/api/v1/analytics/timeline/"

    def months():
        with CaptureQueriesContext(connection) as queries:
            body = client.get(url).json()
        reads = sum("analytics_activityday" in q["sql"] for q in queries.captured_queries)
        return {m["month"]: m["count"] for m in body["months"]}, reads

    before, reads = months()
    assert reads == 1
    assert months() == (before, 0)
    f.meeting([w.org_c, w.org_d], date=datetime.date(2024, 3, 20), kind="referral")
    after, reads = months()
    assert reads == 1
    assert after["2024-03"] == before["2024-03"] + 1


class Unreachable(ConnectionError):
    pass


def test_figures_are_still_served_when_the_cache_server_does_not_answer(activities, client_as, monkeypatch):
    """A shared cache that is down costs speed, never the answer."""
    from analytics import cache as figure_cache

    expected = client_as(activities.admin).get(PAIRS).json()
    figure_cache.cache.clear()

    def refuse(*args, **kwargs):
        raise Unreachable("connection refused")

    for name in ("get", "set", "set_many"):
        monkeypatch.setattr(figure_cache.cache, name, refuse)
    client = client_as(activities.admin)
    assert client.get(PAIRS).json() == expected
    network = f"/api/v1/analytics/network/?coalition={activities.coalition_a.slug}"
    for url in (MATRIX, "/api/v1/analytics/timeline/", network):
        assert client.get(url).status_code == 200, url
