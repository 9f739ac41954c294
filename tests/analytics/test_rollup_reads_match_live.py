"""Every viewer's figures read from the rollups equal the same figures computed from the live
activities, on random small data sets, for every persona and filter."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import figures as a
from analytics import live, reads
from analytics.network import network_cache_key
from partners.choices import MeetingKind, MeetingVisibility
from partners.models import Sector
from partners.permissions import FigureViewer
from tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date
FUTURE = timezone.localdate() + datetime.timedelta(days=30)
DATES = [D(2024, 1, 10), D(2024, 1, 31), D(2024, 3, 5), D(2025, 6, 1), FUTURE]
KINDS = [MeetingKind.COALITION_MEETING, MeetingKind.TRAINING, MeetingKind.REFERRAL]

meetings = st.lists(
    st.tuples(
        st.lists(st.integers(0, 4), min_size=1, max_size=5, unique=True),
        st.sampled_from(DATES),
        st.sampled_from(KINDS),
        st.sampled_from([None, 0, 1]),
        st.sampled_from(list(MeetingVisibility.values)),
    ),
    min_size=1,
    max_size=10,
)


@pytest.fixture
def cast(world):
    """The world's personas plus: a member of org B, a member of org C (coalition B), a
    signed-in user without an organisation, a coordinator of A who works at org D, anonymous."""
    w = world
    w.org_e = f.organization("Org E", sector_slug="health-care")
    w.orgs = [w.org_a, w.org_b, w.org_c, w.org_d, w.org_e]
    w.coalitions = [w.coalition_a, w.coalition_b]
    w.viewers = {
        "admin": w.admin,
        "coordinator": w.coordinator,
        "member": w.member,
        "outsider": w.outsider,
        "other_coordinator": w.other_coordinator,
        "member_b": f.user("member-b", org=w.org_b),
        "member_c": f.user("member-c", org=w.org_c),
        "no_org": f.user("no-org"),
        "coordinator_at_d": f.user("coordinator-d", org=w.org_d, coordinates=[w.coalition_a]),
        "anonymous": AnonymousUser(),
    }
    return w


def filter_sets(w):
    health = Sector.objects.get(slug="health-care")
    return [
        a.FigureFilters(),
        a.FigureFilters(coalition=w.coalition_a),
        a.FigureFilters(sector=health),
        a.FigureFilters(kinds=("referral", "training")),
        a.FigureFilters(since=D(2024, 1, 20), until=D(2025, 1, 1)),
    ]


def assert_same_figures(w) -> None:
    sets = filter_sets(w)
    for name, viewer in w.viewers.items():
        for filters in sets:
            where = f"{name} {filters}"
            rolled = list(a.collaboration_pairs(viewer=viewer, filters=filters))
            assert rolled == list(live.collaboration_pairs(viewer=viewer, filters=filters)), where
            assert a.describe_pairs(rolled, viewer=viewer, filters=filters) == live.describe_pairs(
                rolled, viewer=viewer, filters=filters
            ), where
            assert a.collaboration_timeline(viewer=viewer, filters=filters) == live.collaboration_timeline(
                viewer=viewer, filters=filters
            ), where
            matrix, by_live = (
                a.sector_matrix(viewer=viewer, filters=filters),
                live.sector_matrix(viewer=viewer, filters=filters),
            )
            assert (matrix["matrix"], matrix["total"]) == (by_live["matrix"], by_live["total"]), where
            if filters not in (sets[0], sets[2]):
                continue  # one organisation's figures: without filters and with the sector one
            for org in (w.org_a, w.org_c):
                assert list(a.collaborators_of(viewer=viewer, organization=org, filters=filters)) == list(
                    live.collaborators_of(viewer=viewer, organization=org, filters=filters)
                ), f"{where} {org}"
                assert a.monthly_collaborations_of(
                    viewer=viewer, organization=org, filters=filters
                ) == live.monthly_collaborations_of(viewer=viewer, organization=org, filters=filters), f"{where} {org}"


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=meetings)
def test_every_viewers_rollup_figures_equal_the_live_computation(cast, data):
    w = cast
    # Each example rolls its writes back, so the change stamps repeat from one example to the
    # next: figures cached by the previous example must not answer for this one.
    cache.clear()
    with transaction.atomic():
        for orgs, date, kind, coalition, visibility in data:
            f.meeting(
                [w.orgs[i] for i in orgs],
                date=date,
                kind=kind,
                coalition=None if coalition is None else w.coalitions[coalition],
                visibility=visibility,
            )
        assert_same_figures(w)
        transaction.set_rollback(True)


def test_a_participants_only_activity_reaches_only_its_participants_and_coordinators(cast):
    w = cast
    f.meeting([w.org_a, w.org_b, w.org_e], date=DATES[0], coalition=w.coalition_a, visibility="participants")

    def pairs(name):
        return {(r["org_a"], r["org_b"]): r["count"] for r in a.collaboration_pairs(viewer=w.viewers[name])}

    everyone = {(w.org_a.pk, w.org_b.pk): 1, (w.org_a.pk, w.org_e.pk): 1, (w.org_b.pk, w.org_e.pk): 1}
    assert pairs("member_b") == pairs("member") == pairs("coordinator") == pairs("admin") == everyone
    assert pairs("member_c") == pairs("outsider") == pairs("no_org") == pairs("anonymous") == {}
    assert a.collaboration_timeline(viewer=w.viewers["member_c"]) == []
    assert a.sector_matrix(viewer=w.viewers["member_c"])["total"] == 0
    assert_same_figures(w)


def test_rollup_reads_never_touch_the_participations(cast):
    w = cast
    f.meeting([w.org_a, w.org_b], date=DATES[0], coalition=w.coalition_a)
    f.meeting([w.org_a, w.org_b, w.org_c], date=DATES[2], visibility="participants")
    viewer = w.viewers["member_b"]
    assert not reads.needs_live_pairs(FigureViewer.of(viewer), a.NO_FILTERS)
    with CaptureQueriesContext(connection) as queries:
        list(a.collaboration_pairs(viewer=viewer))
        a.sector_matrix(viewer=viewer)
        a.collaboration_timeline(viewer=viewer)
        list(a.collaborators_of(viewer=viewer, organization=w.org_a))
        a.monthly_collaborations_of(viewer=viewer, organization=w.org_a)
    assert not [q["sql"] for q in queries if "partners_participation" in q["sql"]]


def test_network_is_computed_once_until_the_coalitions_activities_change(cast, django_assert_max_num_queries):
    w = cast
    filters = a.FigureFilters(coalition=w.coalition_a)
    f.meeting([w.org_a, w.org_b], date=DATES[0], coalition=w.coalition_a)
    first = a.collaboration_network(viewer=w.coordinator, filters=filters)
    assert first["summary"]["edges"] == 1
    # Cached: only the key's look-ups run (stamp, visibility, organisations).
    with CaptureQueriesContext(connection) as queries:
        assert a.collaboration_network(viewer=w.coordinator, filters=filters) == first
    assert not [q for q in queries if "analytics_pairday" in q["sql"]]
    # An admin sees the same activities of coalition A as its coordinator: same cache entry.
    assert network_cache_key(viewer=w.admin, filters=filters) == network_cache_key(
        viewer=w.coordinator, filters=filters
    )
    # A member of org C sees none of coalition A's activities: another entry.
    assert network_cache_key(viewer=w.viewers["member_c"], filters=filters) != network_cache_key(
        viewer=w.coordinator, filters=filters
    )
    f.meeting([w.org_a, w.org_c], date=DATES[0], coalition=w.coalition_a)
    assert a.collaboration_network(viewer=w.coordinator, filters=filters)["summary"]["edges"] == 2
    # An activity of another coalition leaves coalition A's entry alone.
    key = network_cache_key(viewer=w.coordinator, filters=filters)
    f.meeting([w.org_c, w.org_d], date=DATES[0], coalition=w.coalition_b)
    assert network_cache_key(viewer=w.coordinator, filters=filters) == key
