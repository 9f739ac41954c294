"""One rule for a quiet partnership: the needs-attention list and the coalition report list the
same partnerships, including the cases where they once disagreed."""

from __future__ import annotations

import pytest

from health.selectors.attention import coalition_attention
from partners.choices import MeetingKind
from reports.selectors import Period, coalition_report
from tests import factories as f
from tests.health.conftest import TODAY, ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_cases(world):
    """Coalition A (quiet after 90 days) and its partnerships, each between two of A, B, C, D."""
    w = world
    c = w.coalition_a
    f.membership(w.org_c, c, start=ago(800))
    f.membership(w.org_d, c, start=ago(800))

    def partnership(title, orgs, **fields):
        fields.setdefault("start_date", ago(700))
        return f.partnership(orgs, title, coalition=c, **fields)

    # Quiet by any reading: last worked together 200 days ago.
    partnership("Plain quiet", [w.org_a, w.org_b])
    f.meeting([w.org_a, w.org_b], date=ago(200), kind=MeetingKind.TRAINING, coalition=c)
    # Dormant on purpose: the report once listed it, the attention list did not.
    partnership("Dormant", [w.org_a, w.org_c], status="dormant")
    # Worked together before the agreement started 30 days ago: not quiet yet (the report once
    # counted from the older activity).
    partnership("New agreement", [w.org_b, w.org_c], start_date=ago(30))
    f.meeting([w.org_b, w.org_c], date=ago(200), kind=MeetingKind.TRAINING, coalition=c)
    # A coalition meeting with only the two partners is joint work (the report once ignored it).
    partnership("Small plenary", [w.org_b, w.org_d])
    f.meeting([w.org_b, w.org_d], date=ago(10), kind=MeetingKind.COALITION_MEETING, coalition=c)
    # Its end date has passed though nobody marked it ended (the attention list once listed it).
    partnership("Past its end", [w.org_c, w.org_d], end_date=ago(5))
    return w


def test_the_attention_list_and_the_report_list_the_same_quiet_partnerships(quiet_cases):
    w = quiet_cases
    attention = coalition_attention(viewer=w.admin, coalition=w.coalition_a, today=TODAY)
    listed = [(i.partnership.title, i.days, i.date) for i in attention if i.kind == "quiet"]
    report = coalition_report(viewer=w.admin, coalition=w.coalition_a, period=Period(since=ago(364), until=TODAY))
    reported = [(q["partnership"].title, q["days"], q["last_activity"]) for q in report.partnerships["quiet"]]
    assert listed == reported == [("Plain quiet", 200, ago(200))]


def test_a_coordinator_and_a_member_see_the_same_on_both_doors(quiet_cases):
    w = quiet_cases
    for viewer in (w.coordinator, w.member):
        attention = coalition_attention(viewer=viewer, coalition=w.coalition_a, today=TODAY)
        report = coalition_report(viewer=viewer, coalition=w.coalition_a, period=Period(since=ago(364), until=TODAY))
        assert [i.partnership.title for i in attention if i.kind == "quiet"] == [
            q["partnership"].title for q in report.partnerships["quiet"]
        ]
