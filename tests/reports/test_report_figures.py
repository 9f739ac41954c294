"""The coalition report's figures, checked against the hand-worked history in conftest.py."""

import pytest

from analytics import figures
from analytics.pages import coalition_figures
from partners.figures import percentage, share
from reports.selectors import Period, _trimmed_matrix, coalition_report
from tests.reports.conftest import SINCE, UNTIL, D

pytestmark = pytest.mark.django_db


def build(viewer, w, since=SINCE, until=UNTIL):
    return coalition_report(viewer=viewer, coalition=w.coalition_a, period=Period(since=since, until=until))


def by_sector(rows, key="sector"):
    return {r[key].slug: r for r in rows}


def test_members_at_the_end_of_the_period_by_sector_and_role(history):
    r = build(history.admin, history)
    rows = {row["sector"].slug: row["cells"] for row in r.members["rows"]}
    # roles in order: lead, co-chair, member, observer
    assert rows == {
        "law-enforcement": [1, 0, 0, 0],
        "ngo-victim-services": [0, 0, 1, 0],
        "health-care": [0, 0, 0, 1],
    }
    assert r.members["total"] == 3
    assert r.members["column_totals"] == [1, 0, 1, 1]


def test_joiners_and_leavers_are_the_memberships_starting_or_ending_in_the_period(history):
    r = build(history.admin, history)
    assert [(m.organization.name, m.start_date) for m in r.joiners] == [("Org C", D(2024, 2, 1))]
    assert [(m.organization.name, m.end_date) for m in r.leavers] == [("Org D", D(2024, 4, 15))]


def test_activities_per_month_and_kind_keep_empty_months(history):
    r = build(history.admin, history)
    months = {m["key"]: m["total"] for m in r.activity["months"]}
    assert months == {
        "2024-01": 1,
        "2024-02": 1,
        "2024-03": 2,
        "2024-04": 0,
        "2024-05": 0,
        "2024-06": 1,
    }
    kinds = {k["value"]: total for k, total in zip(r.activity["kinds"], r.activity["kind_totals"], strict=True)}
    assert kinds == {
        "coalition_meeting": 1,
        "training": 1,
        "case_coordination": 1,
        "joint_operation": 1,
        "referral": 1,
    }
    assert r.activity["total"] == 5


def test_participation_by_sector_counts_attendances_and_hostings(history):
    r = build(history.admin, history)
    rows = by_sector(r.participation["rows"])
    figures = {
        slug: (row["members"], row["organisations"], row["attendances"], row["hosted"]) for slug, row in rows.items()
    }
    assert figures == {
        "law-enforcement": (1, 1, 4, 4),
        "ngo-victim-services": (1, 1, 4, 1),
        "health-care": (1, 1, 2, 0),
        "business": (0, 1, 1, 0),
    }
    assert rows["law-enforcement"]["attendance_share"] == 36.4  # 4 of 11
    assert rows["law-enforcement"]["hosting_share"] == 80.0  # 4 of 5
    assert rows["business"]["attendance_share"] == 9.1  # 1 of 11
    assert (r.participation["attendances"], r.participation["hosted"], r.participation["organisations"]) == (11, 5, 4)


def test_pairs_matrix_and_network(history):
    w = history
    r = build(w.admin, w)
    assert [(p["organization_a"].name, p["organization_b"].name, p["count"]) for p in r.pairs][0] == (
        "Org A",
        "Org B",
        3,
    )
    assert sorted(p["count"] for p in r.pairs) == [1, 1, 1, 1, 3]
    cells = {
        (row["sector"].slug, col.slug): n
        for row in r.matrix["rows"]
        for col, n in zip(r.matrix["sectors"], row["cells"], strict=True)
    }
    assert cells[("law-enforcement", "ngo-victim-services")] == 3
    assert cells[("ngo-victim-services", "law-enforcement")] == 3
    assert cells[("law-enforcement", "health-care")] == 1
    assert cells[("business", "ngo-victim-services")] == 1
    assert cells[("law-enforcement", "law-enforcement")] == 0
    assert r.matrix["total"] == 7
    assert (r.network["nodes"], r.network["edges"]) == (4, 5)


def test_partnerships_started_ended_quiet_and_due(history):
    w = history
    r = build(w.admin, w)
    parts = r.partnerships
    assert [p.title for p in parts["started"]] == ["Referral MOU"]
    assert [p.title for p in parts["ended"]] == ["Old protocol"]
    # P3's organisations last worked together at the training on 2024-03-20: 102 days before
    # 2024-06-30. P1 met on 2024-06-10 (a linked activity), 20 days before: not quiet.
    assert [(q["partnership"].title, q["last_activity"], q["days"]) for q in parts["quiet"]] == [
        ("Quiet data sharing", D(2024, 3, 20), 102)
    ]
    assert [(i["partnership"].title, i["overdue"]) for i in parts["renewals"]] == [("Referral MOU", True)]
    assert parts["active_count"] == 2


def test_sitting_in_the_same_plenary_does_not_keep_a_partnership_alive(history):
    w = history
    # Only a coalition meeting with B and C after the training: P3 is still quiet.
    from tests import factories as f

    f.meeting([w.org_a, w.org_b, w.org_c], date=D(2024, 6, 1), coalition=w.coalition_a)
    quiet = build(w.admin, w).partnerships["quiet"]
    assert [q["partnership"].title for q in quiet] == ["Quiet data sharing"]


def test_headline_figures(history):
    r = build(history.admin, history)
    assert r.headline == {
        "members": 3,
        "member_sectors": 3,
        "joined": 1,
        "left": 1,
        "activities": 5,
        "planned": 0,
        "organisations_taking_part": 4,
        "collaborating_pairs": 5,
        "partnerships_active": 2,
    }


def test_participants_only_activity_is_left_out_of_an_outsiders_report(history):
    w = history
    r = build(w.outsider, w)
    assert r.activity["total"] == 4
    assert "joint_operation" not in {k["value"] for k in r.activity["kinds"]}
    assert r.participation["attendances"] == 9  # m3's two attendances gone
    names = {(p["organization_a"].name, p["organization_b"].name) for p in r.pairs}
    assert ("Org A", "Org C") not in names
    assert r.network["edges"] == 4
    assert not r.viewer_is_admin


def test_a_participant_of_the_restricted_activity_sees_it(history):
    r = build(history.member, history)  # member of org A, which took part in m3
    assert r.activity["total"] == 5


def test_shares_are_rounded_and_empty_wholes_give_the_stated_default():
    assert share(1, 6) == round(1 / 6, 4) and share(0, 0) is None
    assert percentage(4, 11) == 36.4 and percentage(3, 0) == 0.0


def test_the_report_and_the_coalition_page_trim_the_matrix_to_the_same_sectors(history):
    page = coalition_figures(viewer=history.admin, coalition=history.coalition_a)["matrix"]
    filters = figures.FigureFilters(coalition=history.coalition_a)
    report = _trimmed_matrix(figures.sector_matrix(viewer=history.admin, filters=filters))
    assert [s.slug for s in page["columns"]] == [s.slug for s in report["sectors"]]
    assert [[c["value"] for c in row["cells"]] for row in page["rows"]] == [row["cells"] for row in report["rows"]]
    assert all(any(row["cells"]) for row in report["rows"])
