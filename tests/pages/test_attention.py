"""The dashboard's needs-attention list: renewals due within 60 days (or past) and partnerships gone quiet."""

import datetime

import pytest
from django.utils import timezone

from health.selectors.attention import attention_for_dashboard
from partners.choices import MeetingVisibility
from tests import factories as f


@pytest.fixture
def today():
    return timezone.localdate()


def kinds_by_title(items):
    return {(i["partnership"].title, i["kind"]) for i in items}


def test_renewal_within_sixty_days_or_past_needs_attention_but_later_does_not(world, today):
    start = today - datetime.timedelta(days=400)
    f.meeting([world.org_a, world.org_b], date=today, coalition=world.coalition_a)  # keep them all active
    for title, days in (("Due soon", 60), ("Overdue", -5), ("Later", 61)):
        f.partnership(
            [world.org_a, world.org_b],
            title=title,
            start_date=start,
            renewal_date=today + datetime.timedelta(days=days),
            coalition=world.coalition_a,
        )
    items = attention_for_dashboard(viewer=world.member)
    assert kinds_by_title(items) == {("Due soon", "renewal_due"), ("Overdue", "renewal_overdue")}
    overdue = next(i for i in items if i["kind"] == "renewal_overdue")
    assert overdue["days"] == -5
    assert overdue["date"] == today - datetime.timedelta(days=5)
    assert items[0]["partnership"].title == "Overdue"  # most urgent first


def test_partnership_goes_quiet_after_its_coalitions_quiet_after_days(world, today):
    world.coalition_a.quiet_after_days = 30
    world.coalition_a.save()
    start = today - datetime.timedelta(days=300)
    f.partnership([world.org_a, world.org_b], title="Quiet pair", start_date=start, coalition=world.coalition_a)
    f.meeting([world.org_a, world.org_b], date=today - datetime.timedelta(days=31), coalition=world.coalition_a)
    items = attention_for_dashboard(viewer=world.coordinator)
    assert kinds_by_title(items) == {("Quiet pair", "quiet")}
    assert items[0]["days"] == 31
    assert items[0]["date"] == today - datetime.timedelta(days=31)


def test_a_joint_or_linked_activity_within_the_window_keeps_a_partnership_off_the_list(world, today):
    start = today - datetime.timedelta(days=300)
    joint = f.partnership([world.org_a, world.org_b], title="Joint", start_date=start, coalition=world.coalition_a)
    linked = f.partnership([world.org_a, world.org_c], title="Linked", start_date=start)
    f.meeting([world.org_a, world.org_b], date=today - datetime.timedelta(days=5), coalition=world.coalition_a)
    f.meeting([world.org_a], date=today - datetime.timedelta(days=5), kind="training", partnership=linked)
    assert joint and attention_for_dashboard(viewer=world.admin) == []


def test_an_activity_of_only_one_partner_does_not_count_as_joint(world, today):
    start = today - datetime.timedelta(days=300)
    f.partnership([world.org_a, world.org_b], title="One-sided", start_date=start, coalition=world.coalition_a)
    f.meeting([world.org_a, world.org_c], date=today - datetime.timedelta(days=1))
    assert kinds_by_title(attention_for_dashboard(viewer=world.admin)) == {("One-sided", "quiet")}


def test_members_see_only_their_organisations_partnerships_and_anonymous_nothing(world, today):
    start = today - datetime.timedelta(days=300)
    f.partnership([world.org_c, world.org_d], title="Not ours", start_date=start)
    f.partnership([world.org_a, world.org_c], title="Ours", start_date=start)
    assert kinds_by_title(attention_for_dashboard(viewer=world.member)) == {("Ours", "quiet")}
    assert attention_for_dashboard(viewer=None) == []


def test_an_invisible_activity_does_not_keep_a_partnership_active_for_the_viewer(world, today):
    start = today - datetime.timedelta(days=300)
    f.partnership([world.org_c, world.org_d], title="C and D", start_date=start)
    f.meeting(
        [world.org_c, world.org_d],
        date=today - datetime.timedelta(days=2),
        visibility=MeetingVisibility.PARTICIPANTS,
        coalition=world.coalition_b,
    )
    assert kinds_by_title(attention_for_dashboard(viewer=world.admin)) == set()
    assert kinds_by_title(attention_for_dashboard(viewer=world.other_coordinator)) == set()


def test_ended_partnerships_never_need_attention(world, today):
    start = today - datetime.timedelta(days=300)
    f.partnership([world.org_a, world.org_b], title="Ended", start_date=start, status="ended", renewal_date=today)
    assert attention_for_dashboard(viewer=world.admin) == []
