"""Leadership composition cannot be worked out for one organisation: it is computed over today's
members whatever the period, suppressed under five reporting organisations, and shown only to
the coalition's coordinators and admins (page, API and report alike)."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from health.selectors.equity import coalition_equity
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SUPPRESSED = "Too few organisations reported to show this without revealing one."
WITHHELD = "shown to the coalition&#x27;s coordinators and admins only"


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


def build(reporting: int, *, joiner: bool):
    """A coalition of `reporting` organisations reporting 50 % women and 20 % minority leaders,
    members for years; with `joiner`, one more (90 % and 80 %) joined 10 days ago."""
    c = f.coalition(f"Composition {reporting} {joiner}")
    for i in range(reporting):
        org = f.organization(f"Steady {reporting}-{i}", leadership_women_pct=50, leadership_minority_pct=20)
        f.membership(org, c, role="lead" if i == 0 else "member", start=datetime.date(2020, 1, 1))
    if joiner:
        org = f.organization(f"Joiner {reporting}", leadership_women_pct=90, leadership_minority_pct=80)
        f.membership(org, c, start=days_ago(10))
    return c


def composition(result: dict) -> tuple:
    lc = result["leadership_composition"]
    overall = lc["overall"]
    return (overall["women"], overall["minority"], overall["women_n"], lc["by_role"], lc["by_sector"])


def test_two_adjacent_periods_whose_members_differ_by_one_organisation_give_identical_composition():
    c = build(6, joiner=True)
    admin = f.user("admin", admin=True)
    before = coalition_equity(viewer=admin, coalition=c, since=days_ago(400), until=days_ago(30))
    after = coalition_equity(viewer=admin, coalition=c, since=days_ago(370), until=TODAY)
    assert before["totals"]["members"] == 6 and after["totals"]["members"] == 7  # the periods' members differ
    assert composition(before) == composition(after)  # ... and no difference reveals the joiner
    assert before["leadership_composition"]["overall"]["women_n"] == 7  # today's members, both times


def test_a_figure_from_fewer_than_five_reporting_organisations_is_suppressed_on_the_page():
    c = build(4, joiner=False)
    admin = f.user("admin", admin=True)
    lc = coalition_equity(viewer=admin, coalition=c)["leadership_composition"]
    assert lc["overall"]["women"] is None and lc["overall"]["women_suppressed"]
    assert lc["overall"]["minority"] is None and lc["overall"]["minority_suppressed"]
    client = Client()
    client.force_login(admin)
    body = client.get(f"/coalitions/{c.slug}/equity/").content.decode()
    assert SUPPRESSED in body
    assert "50.0%" not in body


@pytest.mark.parametrize(
    ("persona", "sees"), [("member", False), ("outsider", False), ("coordinator", True), ("admin", True)]
)
def test_only_coordinators_and_admins_see_composition_on_the_page_the_api_and_the_report(persona, sees):
    c = build(6, joiner=False)
    users = {
        "member": f.user("member", org=f.organization("Member Org")),
        "outsider": f.user("outsider"),
        "coordinator": f.user("coordinator", coordinates=[c]),
        "admin": f.user("admin", admin=True),
    }
    f.membership(users["member"].profile.organization, c, start=datetime.date(2020, 1, 1))
    client = Client()
    client.force_login(users[persona])

    page = client.get(f"/coalitions/{c.slug}/equity/")
    assert page.status_code == 200
    body = page.content.decode()
    assert ("50.0%" in body) is sees
    assert (WITHHELD in body) is not sees

    api = client.get("/api/v1/analytics/equity/", {"coalition": c.slug})
    assert api.status_code == 200
    lc = api.json()["leadership_composition"]
    assert lc["shown"] is sees
    if sees:
        assert lc["overall"]["women"] == 50.0
    else:
        assert lc["overall"] is None and lc["by_role"] == [] and lc["by_sector"] == []
        assert "coordinators and admins" in lc["explanation"]
        assert "50.0" not in api.content.decode()

    report = client.get(f"/coalitions/{c.slug}/report/")
    assert report.status_code == 200
    assert ("50.0%" in report.content.decode()) is sees
