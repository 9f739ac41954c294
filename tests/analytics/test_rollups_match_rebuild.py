"""After any sequence of writes through the services, the rollup tables equal a fresh rebuild."""

import datetime

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.rebuild import rebuild_rollups
from partners.choices import MeetingKind, MeetingVisibility
from partners.models import Meeting
from partners.services.coalitions import coalition_delete
from partners.services.meetings import ParticipationInput, meeting_create, meeting_delete, meeting_update
from partners.services.organizations import organization_delete
from tests import factories as f

pytestmark = pytest.mark.django_db

TABLES = {
    "analytics_pairday": "org_a_id, org_b_id, date, kind, coalition, visibility, via, activities",
    "analytics_orgday": "organization_id, date, kind, coalition, visibility, activities",
    "analytics_activityday": "date, kind, coalition, visibility, activities",
}


def snapshot() -> dict[str, list[tuple]]:
    rows = {}
    with connection.cursor() as cursor:
        for table, columns in TABLES.items():
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {columns}")
            rows[table] = [tuple(str(v) for v in r) for r in cursor.fetchall()]
    return rows


def assert_matches_rebuild() -> None:
    maintained = snapshot()
    rebuild_rollups()
    assert maintained == snapshot()


DATES = [datetime.date(2024, 1, 10), datetime.date(2024, 1, 31), datetime.date(2024, 2, 1), datetime.date(2025, 6, 1)]
KINDS = [MeetingKind.COALITION_MEETING, MeetingKind.TRAINING, MeetingKind.REFERRAL]
VISIBILITIES = list(MeetingVisibility.values)

org_sets = st.lists(st.integers(0, 4), min_size=1, max_size=5, unique=True)
create = st.tuples(
    st.just("create"),
    org_sets,
    st.sampled_from(DATES),
    st.sampled_from(KINDS),
    st.sampled_from([None, 0, 1]),
    st.sampled_from(VISIBILITIES),
)
update_key = st.tuples(
    st.just("update"),
    st.integers(0, 20),
    st.sampled_from(DATES),
    st.sampled_from(KINDS),
    st.sampled_from([None, 0, 1]),
    st.sampled_from(VISIBILITIES),
)
update_orgs = st.tuples(st.just("regroup"), st.integers(0, 20), org_sets)
delete = st.tuples(st.just("delete"), st.integers(0, 20))
operations = st.lists(st.one_of(create, create, update_key, update_orgs, delete), min_size=1, max_size=12)


@pytest.fixture
def cast(world):
    w = world
    w.orgs = [w.org_a, w.org_b, w.org_c, w.org_d, f.organization("Org E", sector_slug="media")]
    w.coalitions = [w.coalition_a, w.coalition_b]
    return w


def _participations(w, indexes, kind):
    if kind != MeetingKind.TRAINING and len(indexes) < 2:
        indexes = [*indexes, (indexes[0] + 1) % len(w.orgs)]
    return [ParticipationInput(organization=w.orgs[i]) for i in indexes]


def _apply(w, op) -> None:
    meetings = list(Meeting.objects.order_by("pk"))
    if op[0] == "create":
        _, orgs, date, kind, coalition, visibility = op
        meeting_create(
            actor=w.admin,
            participations=_participations(w, orgs, kind),
            title="Activity",
            date=date,
            kind=kind,
            coalition=None if coalition is None else w.coalitions[coalition],
            visibility=visibility,
        )
    elif meetings and op[0] == "update":
        _, i, date, kind, coalition, visibility = op
        meeting = meetings[i % len(meetings)]
        meeting_update(
            actor=w.admin,
            meeting=meeting,
            participations=_participations(w, [0, 1], kind),
            date=date,
            kind=kind,
            coalition=None if coalition is None else w.coalitions[coalition],
            visibility=visibility,
        )
    elif meetings and op[0] == "regroup":
        _, i, orgs = op
        meeting = meetings[i % len(meetings)]
        meeting_update(actor=w.admin, meeting=meeting, participations=_participations(w, orgs, meeting.kind))
    elif meetings and op[0] == "delete":
        meeting_delete(actor=w.admin, meeting=meetings[op[1] % len(meetings)])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_rollups_equal_a_rebuild_after_any_sequence_of_meeting_writes(cast, ops):
    with transaction.atomic():
        for op in ops:
            _apply(cast, op)
            assert_matches_rebuild()
        transaction.set_rollback(True)


def test_deleting_an_organisation_takes_its_collaborations_out(cast):
    w = cast
    f.meeting([w.org_a, w.org_b, w.org_c], date=DATES[0])
    f.meeting([w.org_a, w.org_b], date=DATES[0])
    organization_delete(actor=w.admin, organization=w.org_b)
    assert_matches_rebuild()
    assert snapshot()["analytics_activityday"] == [("2024-01-10", "coalition_meeting", "0", "coalition", "1")]


def test_deleting_a_coalition_moves_its_activities_to_no_coalition(cast):
    w = cast
    f.meeting([w.org_a, w.org_b], date=DATES[0], coalition=w.coalition_a)
    coalition_delete(actor=w.admin, coalition=w.coalition_a)
    assert_matches_rebuild()
    assert [r[4] for r in snapshot()["analytics_pairday"]] == ["0"]


def test_bulk_inserted_participations_count_each_pair_once(cast):
    w = cast
    f.meeting(w.orgs, date=DATES[0])  # one multi-row insert of five participations
    rows = snapshot()
    assert len(rows["analytics_pairday"]) == 10 and {r[-1] for r in rows["analytics_pairday"]} == {"1"}
    assert len(rows["analytics_orgday"]) == 5
    assert rows["analytics_activityday"] == [("2024-01-10", "coalition_meeting", "0", "coalition", "1")]
    assert_matches_rebuild()
