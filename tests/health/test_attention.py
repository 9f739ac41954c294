"""The needs-attention list picks up each of its cases and nothing else."""

import pytest

from health.selectors.attention import attention_for_viewer, coalition_attention, organization_attention
from tests.health.conftest import TODAY

pytestmark = pytest.mark.django_db


def summary(items):
    return {
        (i.kind, i.partnership.title if i.partnership else " + ".join(o.name for o in i.organizations)) for i in items
    }


EVERY_CASE = {
    ("quiet", "Quiet"),
    ("renewal_due", "Renewal"),
    ("strained", "Strained"),
    ("checkins_falling", "Falling"),
    ("checkins_disagree", "Disagree"),
    ("reported_vs_actual", "High but inactive"),
    ("absent_member", "Bank"),
    ("introduction", "Bank + Union"),
}
CHECKIN_KINDS = {"checkins_falling", "checkins_disagree", "reported_vs_actual"}


def test_coordinator_sees_each_case_once_and_nothing_else(task_force):
    items = coalition_attention(viewer=task_force.coordinator, coalition=task_force.coalition, today=TODAY)
    assert summary(items) == EVERY_CASE
    assert len(items) == len(EVERY_CASE)


def test_items_are_ordered_by_kind_and_explain_themselves(task_force):
    items = coalition_attention(viewer=task_force.admin, coalition=task_force.coalition, today=TODAY)
    assert [i.kind for i in items][:2] == ["strained", "checkins_falling"]
    by_kind = {i.kind: i for i in items}
    assert "120 days" in by_kind["quiet"].reason and "90 days" in by_kind["quiet"].reason
    assert by_kind["renewal_due"].reason == "Renewal due in 30 days."
    assert "3.50 to 2.75" in by_kind["checkins_falling"].reason
    assert "2.00 to 4.00" in by_kind["checkins_disagree"].reason
    assert "last 2 meetings" in by_kind["absent_member"].reason and by_kind["absent_member"].days == 80
    assert (
        "share 1 partner: Shelter." in by_kind["introduction"].reason
        and "Supply chains." in by_kind["introduction"].reason
    )
    assert all(i.links for i in items)
    assert by_kind["quiet"].links[0][1] == f"/partnerships/{task_force.quiet.pk}/health/"


def test_members_outside_a_partnership_never_see_its_check_in_flags(task_force):
    items = coalition_attention(viewer=task_force.bank_staff, coalition=task_force.coalition, today=TODAY)
    assert summary(items) == {case for case in EVERY_CASE if case[0] not in CHECKIN_KINDS}


def test_a_partner_sees_the_check_in_flags_of_its_own_partnerships_only(task_force):
    items = coalition_attention(viewer=task_force.ngo_staff, coalition=task_force.coalition, today=TODAY)
    flags = {case for case in summary(items) if case[0] in CHECKIN_KINDS}
    assert flags == {("checkins_falling", "Falling"), ("reported_vs_actual", "High but inactive")}


def test_organisation_scope_keeps_its_own_partnerships_absences_and_introductions(task_force):
    bank = organization_attention(viewer=task_force.admin, organization=task_force.bank, today=TODAY)
    assert summary(bank) == {("absent_member", "Bank"), ("introduction", "Bank + Union")}
    ngo = organization_attention(viewer=task_force.admin, organization=task_force.ngo, today=TODAY)
    assert summary(ngo) == {
        ("renewal_due", "Renewal"),
        ("strained", "Strained"),
        ("checkins_falling", "Falling"),
        ("reported_vs_actual", "High but inactive"),
    }


def test_recent_member_is_not_absent_and_coalition_meetings_are_not_joint_work(task_force):
    items = coalition_attention(viewer=task_force.admin, coalition=task_force.coalition, today=TODAY)
    absent = {o.name for i in items if i.kind == "absent_member" for o in i.organizations}
    assert absent == {"Bank"}  # the clinic joined after the meetings it missed
    quiet = next(i for i in items if i.kind == "quiet")
    assert quiet.days == 120  # the coalition meetings 20 and 50 days ago do not count


def test_anonymous_gets_nothing(task_force):
    from django.contrib.auth.models import AnonymousUser

    assert coalition_attention(viewer=AnonymousUser(), coalition=task_force.coalition) == []


def test_dashboard_list_for_a_coordinator_covers_the_coalition(task_force):
    assert summary(attention_for_viewer(viewer=task_force.coordinator, today=TODAY)) == EVERY_CASE


def test_dashboard_adapter_keeps_its_shape(task_force):
    from health.selectors.attention import attention_for_dashboard

    items = attention_for_dashboard(viewer=task_force.coordinator)
    assert items and {"kind", "partnership", "date", "days", "message"} <= set(items[0])
