"""Analytics figures on a small hand-made data set, with the expected numbers worked out by hand.

Organisations (world fixture): A law enforcement, B NGO, C health care, D business.
    m1 2024-01-10 coalition A  coalition meeting     A, B, C
    m2 2024-02-05 coalition A  case coordination     A, B
    m3 2024-02-20 no coalition training              A            (one organisation: not collaboration)
    m4 2024-03-01 coalition A  joint operation       A, C         (participants only)
    m5 2024-03-15 coalition B  referral              C, D
    m6 next year  coalition A  coalition meeting     A, B         (planned: not collaboration yet)
"""

import datetime

import pytest
from django.utils import timezone

from analytics import figures as a
from partners.models import Sector
from tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def data(world):
    w = world
    f.meeting([w.org_a, w.org_b, w.org_c], date=D(2024, 1, 10), coalition=w.coalition_a, hosts=[w.org_a])
    f.meeting([w.org_a, w.org_b], date=D(2024, 2, 5), kind="case_coordination", coalition=w.coalition_a)
    f.meeting([w.org_a], date=D(2024, 2, 20), kind="training")
    f.meeting(
        [w.org_a, w.org_c],
        date=D(2024, 3, 1),
        kind="joint_operation",
        coalition=w.coalition_a,
        visibility="participants",
    )
    f.meeting([w.org_c, w.org_d], date=D(2024, 3, 15), kind="referral", coalition=w.coalition_b)
    f.meeting([w.org_a, w.org_b], date=timezone.localdate() + datetime.timedelta(days=365), coalition=w.coalition_a)
    return w


def pairs(viewer, **filters):
    return {
        (r["org_a"], r["org_b"]): (r["count"], r["first_date"], r["last_date"])
        for r in a.collaboration_pairs(viewer=viewer, filters=a.FigureFilters(**filters))
    }


def test_admin_sees_every_pair_with_counts_and_dates(data):
    w = data
    assert pairs(w.admin) == {
        (w.org_a.pk, w.org_b.pk): (2, D(2024, 1, 10), D(2024, 2, 5)),
        (w.org_a.pk, w.org_c.pk): (2, D(2024, 1, 10), D(2024, 3, 1)),
        (w.org_b.pk, w.org_c.pk): (1, D(2024, 1, 10), D(2024, 1, 10)),
        (w.org_c.pk, w.org_d.pk): (1, D(2024, 3, 15), D(2024, 3, 15)),
    }


def test_participants_only_activity_is_left_out_of_a_non_participants_figures(data):
    w = data
    member_b = f.user("member-b", org=w.org_b)
    # B's user sees m1 and m2 (coalition A) but not m4 (participants only, B absent) nor m5.
    assert pairs(member_b) == {
        (w.org_a.pk, w.org_b.pk): (2, D(2024, 1, 10), D(2024, 2, 5)),
        (w.org_a.pk, w.org_c.pk): (1, D(2024, 1, 10), D(2024, 1, 10)),
        (w.org_b.pk, w.org_c.pk): (1, D(2024, 1, 10), D(2024, 1, 10)),
    }
    # The outsider (org D) sees only the referral it took part in.
    assert pairs(w.outsider) == {(w.org_c.pk, w.org_d.pk): (1, D(2024, 3, 15), D(2024, 3, 15))}


def test_filters_narrow_the_pairs(data):
    w = data
    assert pairs(w.admin, kinds=("case_coordination",)) == {(w.org_a.pk, w.org_b.pk): (1, D(2024, 2, 5), D(2024, 2, 5))}
    assert set(pairs(w.admin, since=D(2024, 2, 1))) == {
        (w.org_a.pk, w.org_b.pk),
        (w.org_a.pk, w.org_c.pk),
        (w.org_c.pk, w.org_d.pk),
    }
    assert pairs(w.admin, since=D(2024, 2, 1))[(w.org_a.pk, w.org_c.pk)][0] == 1
    health = Sector.objects.get(slug="health-care")
    assert {k: v[0] for k, v in pairs(w.admin, sector=health).items()} == {
        (w.org_a.pk, w.org_c.pk): 2,
        (w.org_b.pk, w.org_c.pk): 1,
        (w.org_c.pk, w.org_d.pk): 1,
    }
    assert set(pairs(w.admin, coalition=w.coalition_a)) == {
        (w.org_a.pk, w.org_b.pk),
        (w.org_a.pk, w.org_c.pk),
        (w.org_b.pk, w.org_c.pk),
    }


def test_pairs_sort_by_count_then_last_date_and_honour_min_count(data):
    w = data
    rows = list(a.collaboration_pairs(viewer=w.admin, ordering="-count", min_count=2))
    assert [(r["org_a"], r["org_b"]) for r in rows] == [(w.org_a.pk, w.org_c.pk), (w.org_a.pk, w.org_b.pk)]
    rows = list(a.collaboration_pairs(viewer=w.admin, ordering="-last_date"))
    assert rows[0]["org_b"] == w.org_d.pk


def test_describe_pairs_names_both_sides_and_counts_kinds(data):
    w = data
    rows = list(a.collaboration_pairs(viewer=w.admin))
    described = {
        (d["organization_a"].name, d["organization_b"].name): d["kinds"] for d in a.describe_pairs(rows, viewer=w.admin)
    }
    assert described[("Org A", "Org B")] == {"coalition_meeting": 1, "case_coordination": 1}
    assert described[("Org A", "Org C")] == {"coalition_meeting": 1, "joint_operation": 1}


def test_collaborators_of_an_organisation(data):
    w = data
    rows = list(a.collaborators_of(viewer=w.admin, organization=w.org_a))
    assert [(r["partner"], r["count"], r["last_date"]) for r in rows] == [
        (w.org_c.pk, 2, D(2024, 3, 1)),
        (w.org_b.pk, 2, D(2024, 2, 5)),
    ]
    assert a.monthly_collaborations_of(viewer=w.admin, organization=w.org_a) == [
        {"month": "2024-01", "count": 1},
        {"month": "2024-02", "count": 1},
        {"month": "2024-03", "count": 1},
    ]


def test_timeline_counts_collaborative_activities_per_month_and_kind(data):
    assert a.collaboration_timeline(viewer=data.admin) == [
        {"month": "2024-01", "count": 1, "by_kind": {"coalition_meeting": 1}},
        {"month": "2024-02", "count": 1, "by_kind": {"case_coordination": 1}},
        {"month": "2024-03", "count": 2, "by_kind": {"joint_operation": 1, "referral": 1}},
    ]


def test_sector_matrix_is_symmetric_and_sums_to_the_collaborations(data):
    result = a.sector_matrix(viewer=data.admin)
    index = {s.slug: i for i, s in enumerate(result["sectors"])}
    m = result["matrix"]

    def cell(x, y):
        return m[index[x]][index[y]]

    assert cell("law-enforcement", "ngo-victim-services") == cell("ngo-victim-services", "law-enforcement") == 2
    assert cell("law-enforcement", "health-care") == 2
    assert cell("ngo-victim-services", "health-care") == 1
    assert cell("health-care", "business") == 1
    assert cell("law-enforcement", "law-enforcement") == 0
    assert result["total"] == 6


def test_network_measures(data):
    w = data
    net = a.collaboration_network(viewer=w.admin)
    assert net["summary"] == {
        "nodes": 4,
        "edges": 4,
        "density": round(4 / 6, 6),
        "components": 1,
        "average_clustering": round((1 + 1 + 1 / 3 + 0) / 4, 6),
        "cross_sector_edge_share": 1.0,
    }
    nodes = {n["name"]: n for n in net["nodes"]}
    assert (nodes["Org C"]["degree"], nodes["Org C"]["weighted_degree"]) == (3, 4)
    # Distances are 1/count. C lies on every shortest path from D; A on one of two D–B paths
    # and one of two B–C paths. Normalised by (n-1)(n-2)/2 = 3.
    assert nodes["Org C"]["betweenness"] == round(2 / 3, 6)
    assert nodes["Org A"]["betweenness"] == round(1 / 3, 6)
    assert nodes["Org B"]["betweenness"] == nodes["Org D"]["betweenness"] == 0
    assert nodes["Org C"]["eigenvector"] > nodes["Org D"]["eigenvector"]


def test_network_files_open_in_gephi(data):
    graphml = a.network_file(viewer=data.admin, fmt="graphml")
    assert graphml.count("<node ") == 4 and graphml.count("<edge ") == 4
    gexf = a.network_file(viewer=data.admin, fmt="gexf")
    assert 'id="org-a"' in gexf and "<edges>" in gexf


def test_empty_network_has_zero_figures(world):
    assert a.collaboration_network(viewer=world.admin)["summary"]["nodes"] == 0
