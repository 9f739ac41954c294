"""Equity figures, each checked against a value worked out by hand on a small coalition.

The coalition (period 2024): members A (law enforcement, lead), B (NGO, co-chair), D (NGO),
S (survivor-led), E (health care, observer), F (business, never takes part); G (legal aid) is a
guest, X left before the period. Activities in 2024: m1 host A with B, D; m2 host A with B, S;
m3 host B with D, G; m4 (participants only) host E with A. Outside: m5 (2023) and m6 (another
coalition).
"""

import datetime

import pytest

from health.selectors.equity import _suppress, coalition_equity, gini
from partners.choices import MeetingKind
from tests import factories as f

pytestmark = pytest.mark.django_db

SINCE, UNTIL = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)


@pytest.fixture
def coalition_data():
    c = f.coalition("Equity Coalition")
    other = f.coalition("Other Coalition")
    org = {}
    spec = {
        # key: (sector, role, staff, budget, survivor-led, women %, minority %)
        "A": ("law-enforcement", "lead", "500+", "over-10m", False, 20, 10),
        "B": ("ngo-victim-services", "co_chair", "6-20", "250k-1m", False, 80, 40),
        "D": ("ngo-victim-services", "member", "6-20", "50k-250k", False, 70, 30),
        "S": ("survivor-led", "member", "1-5", "under-50k", True, 90, 60),
        "E": ("health-care", "observer", "21-100", "1m-10m", False, 60, 20),
        "F": ("business", "member", "101-500", "over-10m", False, None, None),
    }
    for key, (sector, role, staff, budget, survivor, women, minority) in spec.items():
        org[key] = f.organization(
            f"Org {key}",
            sector_slug=sector,
            staff_size=staff,
            budget_band=budget,
            survivor_led=survivor,
            leadership_women_pct=women,
            leadership_minority_pct=minority,
        )
        f.membership(org[key], c, role=role)
    org["G"] = f.organization("Org G", sector_slug="legal-aid", staff_size="6-20", budget_band="50k-250k")
    org["X"] = f.organization("Org X", sector_slug="media")
    f.membership(org["X"], c, start=datetime.date(2020, 1, 1), end=datetime.date(2023, 6, 30))
    f.membership(org["A"], other)
    f.membership(org["B"], other)
    A, B, D, S, E, F, G = (org[k] for k in "ABDSEFG")
    f.meeting([A, B, D], date=datetime.date(2024, 2, 1), coalition=c, hosts=[A])
    f.meeting([A, B, S], date=datetime.date(2024, 3, 1), kind=MeetingKind.TRAINING, coalition=c, hosts=[A])
    f.meeting([B, D, G], date=datetime.date(2024, 4, 1), kind=MeetingKind.REFERRAL, coalition=c, hosts=[B])
    f.meeting(
        [E, A],
        date=datetime.date(2024, 5, 1),
        kind=MeetingKind.JOINT_OPERATION,
        coalition=c,
        hosts=[E],
        visibility="participants",
    )
    f.meeting([F, A], date=datetime.date(2023, 5, 1), coalition=c, hosts=[F])
    f.meeting([A, B], date=datetime.date(2024, 6, 1), coalition=other, hosts=[A])
    return c, org


def by_sector(equity):
    return {row["sector"]["slug"]: row for row in equity["sectors"]}


def test_gini_by_hand():
    # sorted 1,1,2,3,3: sum|xi-xj| over ordered pairs = 24; G = 24 / (2 * 5^2 * 2) = 0.24
    assert gini([3, 3, 2, 1, 1]) == 0.24
    assert gini([5, 5, 5]) == 0.0
    assert gini([0, 0, 0, 10]) == 0.75  # one of four holds everything: (n-1)/n
    assert gini([]) is None
    assert gini([0, 0]) is None


def test_admin_sees_shares_by_sector_worked_out_by_hand(coalition_data):
    c, _org = coalition_data
    admin = f.user("admin", admin=True)
    e = coalition_equity(viewer=admin, coalition=c, since=SINCE, until=UNTIL)
    assert e["totals"] == {"members": 6, "leaders": 2, "participations": 11, "hosted": 4, "meetings": 4}
    rows = by_sector(e)
    assert set(rows) == {
        "law-enforcement",
        "ngo-victim-services",
        "survivor-led",
        "health-care",
        "business",
        "legal-aid",
    }
    le, ngo = rows["law-enforcement"], rows["ngo-victim-services"]
    assert (le["members"], le["members_share"]) == (1, round(1 / 6, 4))
    assert (ngo["members"], ngo["members_share"]) == (2, round(2 / 6, 4))
    assert (le["leaders_share"], ngo["leaders_share"]) == (0.5, 0.5)
    assert (le["hosted"], le["hosted_share"]) == (2, 0.5)
    assert (ngo["hosted_share"], rows["health-care"]["hosted_share"]) == (0.25, 0.25)
    assert (le["participations"], le["participations_share"]) == (3, round(3 / 11, 4))
    assert (ngo["participations"], ngo["participations_share"]) == (5, round(5 / 11, 4))
    assert rows["legal-aid"]["members"] == 0 and rows["legal-aid"]["participations"] == 1  # a guest
    assert rows["business"]["participations"] == 0 and rows["business"]["members_share"] == round(1 / 6, 4)


def test_concentration_and_cross_sector_share_by_hand(coalition_data):
    c, _org = coalition_data
    admin = f.user("admin", admin=True)
    e = coalition_equity(viewer=admin, coalition=c, since=SINCE, until=UNTIL)
    # Counts over members and guests: A3 B3 D2 S1 E1 G1 F0 → sorted 0,1,1,1,2,3,3;
    # sum(i*x) = 58, n = 7, total = 11: G = 2*58/(7*11) - 8/7 = 0.363636...
    assert e["concentration"]["organizations"] == 7
    assert e["concentration"]["gini"] == 0.3636
    # Top five: 3+3+2+1+1 = 10 of 11.
    assert e["concentration"]["top_five_share"] == round(10 / 11, 4)
    assert [r["participations"] for r in e["concentration"]["top_five"]][:2] == [3, 3]
    # Pairs: m1 AB AD (cross) BD (within); m2 AB AS BS (cross); m3 BD (within) BG DG (cross); m4 EA (cross).
    assert e["cross_sector"] == {"collaborations": 10, "cross_sector": 8, "share": 0.8}


def test_resource_bands_of_hosts_and_leads_against_members(coalition_data):
    c, _org = coalition_data
    admin = f.user("admin", admin=True)
    e = coalition_equity(viewer=admin, coalition=c, since=SINCE, until=UNTIL)
    staff = {row["band"]: row for row in e["bands"]["staff_size"]}
    assert staff["500+"]["members"] == 1 and staff["500+"]["members_share"] == round(1 / 6, 4)
    assert staff["500+"]["leaders_share"] == 0.5 and staff["6-20"]["leaders_share"] == 0.5
    assert staff["500+"]["hosts_share"] == round(1 / 3, 4)  # hosts A, B, E
    assert staff["500+"]["hosted_share"] == 0.5  # A hosted 2 of 4
    # Large = more than 100 staff (A, F) or over $1M budget (A, E, F).
    assert e["large"]["staff_size"] == {
        "members": round(2 / 6, 4),
        "leaders": 0.5,
        "hosts": round(1 / 3, 4),
        "hosted": 0.5,
    }
    assert e["large"]["budget_band"] == {"members": 0.5, "leaders": 0.5, "hosts": round(2 / 3, 4), "hosted": 0.75}


def test_survivor_led_participation_hosting_and_leadership(coalition_data):
    c, _org = coalition_data
    admin = f.user("admin", admin=True)
    s = coalition_equity(viewer=admin, coalition=c, since=SINCE, until=UNTIL)["survivor_led"]
    assert (s["members"], s["members_share"]) == (1, round(1 / 6, 4))
    assert (s["leaders"], s["leaders_share"]) == (0, 0.0)
    assert (s["hosted"], s["hosted_share"]) == (0, 0.0)
    assert (s["participations"], s["participations_share"]) == (1, round(1 / 11, 4))


def test_participants_only_activity_the_viewer_may_not_see_does_not_count(coalition_data):
    c, org = coalition_data
    member_of_d = f.user("d-staff", org=org["D"])
    e = coalition_equity(viewer=member_of_d, coalition=c, since=SINCE, until=UNTIL)
    assert e["totals"]["participations"] == 9 and e["totals"]["hosted"] == 3 and e["totals"]["meetings"] == 3
    assert "health-care" not in {r["sector"]["slug"] for r in e["sectors"] if r["hosted"]}
    # Counts A2 B3 D2 S1 G1 E0 F0 → sorted 0,0,1,1,2,2,3: sum(i*x) = 50; G = 100/63 - 8/7 = 0.4444
    assert e["concentration"]["gini"] == 0.4444
    assert e["cross_sector"] == {"collaborations": 9, "cross_sector": 7, "share": round(7 / 9, 4)}


def test_leadership_composition_suppresses_groups_under_five(coalition_data):
    c, _org = coalition_data
    admin = f.user("admin", admin=True)
    comp = coalition_equity(viewer=admin, coalition=c, since=SINCE, until=UNTIL)["leadership_composition"]
    # Every sector and role group has fewer than five reporting organisations: all suppressed.
    assert all(row["women"] is None and row["women_suppressed"] for row in comp["by_sector"] if row["women_n"])
    business = next(row for row in comp["by_sector"] if row["slug"] == "business")
    assert business["women_n"] == 0 and business["women"] is None and not business["women_suppressed"]
    assert all(row["women"] is None and row["minority"] is None for row in comp["by_role"])
    # All members: five report: (20+80+70+90+60)/5 = 64.0 and (10+40+30+60+20)/5 = 32.0.
    overall = comp["overall"]
    assert (overall["women_n"], overall["women"], overall["minority"]) == (5, 64.0, 32.0)


def test_secondary_suppression_protects_a_small_group_from_subtraction():
    groups = [
        {"group": "NGO", "n": 6, "v": 70.0},
        {"group": "Shelters", "n": 5, "v": 80.0},
        {"group": "Police", "n": 2, "v": 20.0},
        {"group": "Nobody reported", "n": 0, "v": None},
    ]
    _suppress(groups, "n", "v")
    shown = {g["group"]: g["v"] for g in groups}
    # Police (2) alone could be worked out from the total; the next smallest (shelters) goes too.
    assert shown == {"NGO": 70.0, "Shelters": None, "Police": None, "Nobody reported": None}
    assert [g["v_suppressed"] for g in groups] == [False, True, True, False]


def test_no_secondary_suppression_when_the_hidden_groups_hold_five():
    groups = [
        {"group": "NGO", "n": 6, "v": 70.0},
        {"group": "Police", "n": 2, "v": 20.0},
        {"group": "Clinics", "n": 3, "v": 60.0},
    ]
    _suppress(groups, "n", "v")
    assert [g["v"] for g in groups] == [70.0, None, None]


def test_composition_by_sector_is_shown_for_five_or_more(db):
    c = f.coalition("Big Coalition")
    for n in range(5):
        f.membership(f.organization(f"NGO {n}", leadership_women_pct=60 + n * 5), c)
    for n in range(5):
        f.membership(f.organization(f"Shelter {n}", sector_slug="shelters-housing", leadership_women_pct=90), c)
    admin = f.user("admin", admin=True)
    rows = {
        r["slug"]: r
        for r in coalition_equity(viewer=admin, coalition=c, since=SINCE, until=UNTIL)["leadership_composition"][
            "by_sector"
        ]
    }
    assert rows["ngo-victim-services"]["women"] == 70.0  # (60+65+70+75+80)/5
    assert rows["shelters-housing"]["women"] == 90.0
    assert rows["ngo-victim-services"]["minority"] is None  # nobody reported
