"""The role rules in partners.permissions, and services refusing what the rules forbid."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from partners import permissions as perms
from partners.models import Meeting, Membership, Organization
from partners.services.coalitions import membership_create
from partners.services.meetings import ParticipationInput, meeting_create, meeting_update
from partners.services.organizations import organization_update
from tests import factories as f

pytestmark = pytest.mark.django_db
ANON = AnonymousUser()


def test_anonymous_sees_only_public_profiles_and_nothing_else(world):
    assert set(perms.organizations_visible_to(ANON)) == {world.org_a, world.org_c, world.org_d}
    assert not perms.contacts_visible_to(ANON).exists()
    assert not perms.coalitions_visible_to(ANON).exists()
    f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    assert not perms.meetings_visible_to(ANON).exists()


def test_signed_in_members_see_members_only_profiles_and_contacts(world):
    f.contact(world.org_b)  # seen by coalition A only, by default
    f.contact(world.org_b, "Open Contact", visibility="signed_in")
    assert world.org_b in perms.organizations_visible_to(world.outsider)
    assert perms.contacts_visible_to(world.outsider).count() == 1
    assert perms.contacts_visible_to(world.member).count() == 2


def test_coalition_meeting_is_seen_by_members_of_that_coalition_only(world):
    m = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    assert m in perms.meetings_visible_to(world.member)
    assert m in perms.meetings_visible_to(world.coordinator)
    assert m in perms.meetings_visible_to(world.admin)
    assert m not in perms.meetings_visible_to(world.outsider)
    assert m not in perms.meetings_visible_to(world.other_coordinator)


def test_participants_only_meeting_is_seen_by_participants_and_coordinators(world):
    member_b = f.user("member-b", org=world.org_b)
    m = f.meeting([world.org_a, world.org_c], coalition=world.coalition_a, visibility="participants")
    assert m in perms.meetings_visible_to(world.member)  # org A took part
    assert m in perms.meetings_visible_to(world.coordinator)
    assert m not in perms.meetings_visible_to(member_b)  # org B is in the coalition but did not take part
    assert m not in perms.meetings_visible_to(world.outsider)


def test_meeting_without_coalition_is_seen_by_every_signed_in_user(world):
    m = f.meeting([world.org_c, world.org_d])
    assert m in perms.meetings_visible_to(world.member)
    assert m not in perms.meetings_visible_to(ANON)


def test_visible_meetings_are_not_duplicated_by_the_joins(world):
    f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    assert perms.meetings_visible_to(world.member).count() == 1


def test_member_edits_their_own_organisation_only(world):
    assert perms.can_edit_organization(world.member, world.org_a)
    assert not perms.can_edit_organization(world.member, world.org_b)
    with pytest.raises(PermissionDenied):
        organization_update(actor=world.member, organization=world.org_b, city="Elsewhere")
    assert Organization.objects.get(pk=world.org_b.pk).city == ""


def test_member_logs_only_activities_their_organisation_took_part_in(world):
    with pytest.raises(PermissionDenied):
        meeting_create(
            actor=world.member,
            participations=[ParticipationInput(world.org_b), ParticipationInput(world.org_c)],
            date=datetime.date(2024, 1, 1),
            kind="referral",
            title="Not ours",
        )
    assert Meeting.objects.count() == 0
    meeting_create(
        actor=world.member,
        participations=[ParticipationInput(world.org_a), ParticipationInput(world.org_b)],
        date=datetime.date(2024, 1, 1),
        kind="referral",
        title="Ours",
    )
    assert Meeting.objects.count() == 1


def test_coordinator_manages_their_own_coalitions_memberships_only(world):
    membership_create(
        actor=world.coordinator,
        coalition=world.coalition_a,
        organization=world.org_d,
        start_date=datetime.date(2024, 1, 1),
    )
    with pytest.raises(PermissionDenied):
        membership_create(
            actor=world.coordinator,
            coalition=world.coalition_b,
            organization=world.org_d,
            start_date=datetime.date(2024, 1, 1),
        )
    assert not Membership.objects.filter(coalition=world.coalition_b, organization=world.org_d).exists()


def test_member_cannot_open_a_participants_only_meeting_to_the_coalition(world):
    m = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, visibility="participants")
    with pytest.raises(PermissionDenied):
        meeting_update(actor=world.member, meeting=m, visibility="coalition")
    assert Meeting.objects.get(pk=m.pk).visibility == "participants"
    meeting_update(actor=world.coordinator, meeting=m, visibility="coalition")
    assert Meeting.objects.get(pk=m.pk).visibility == "coalition"


def test_member_cannot_drop_their_own_organisation_from_a_meeting(world):
    m = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    with pytest.raises(PermissionDenied):
        meeting_update(
            actor=world.member,
            meeting=m,
            participations=[ParticipationInput(world.org_b), ParticipationInput(world.org_c)],
        )
    assert set(m.participations.values_list("organization_id", flat=True)) == {world.org_a.pk, world.org_b.pk}


def test_inactive_users_have_no_role(world):
    world.admin.is_active = False
    world.admin.save()
    assert not perms.is_admin(world.admin)
    assert not perms.organizations_visible_to(world.admin).filter(visibility="members").exists()


def test_outsider_cannot_edit_a_meeting_they_did_not_attend(world):
    m = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    with pytest.raises(PermissionDenied):
        meeting_update(actor=world.outsider, meeting=m, title="Hijacked")
    assert Meeting.objects.get(pk=m.pk).title != "Hijacked"


def test_imports_restores_and_the_directory_export_follow_the_roles(world):
    assert perms.can_import(world.admin) and perms.can_import(world.coordinator)
    assert not perms.can_import(world.member) and not perms.can_import(ANON)
    assert perms.can_restore_records(world.admin) and perms.can_export_directory(world.admin)
    for user in (world.coordinator, world.member, ANON):
        assert not perms.can_restore_records(user) and not perms.can_export_directory(user)


def test_anonymous_downloads_only_the_directory_list(world):
    assert perms.can_download_list(ANON, "organizations")
    assert not perms.can_download_list(ANON, "contacts")
    assert not perms.can_download_list(world.member, "contacts")  # personal data in bulk
    assert perms.can_download_list(world.member, "meetings")
    assert perms.can_download_list(world.coordinator, "contacts")


def test_the_two_factor_setting_names_the_roles_that_need_it(world, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = ["coordinator"]
    assert perms.two_factor_required(world.coordinator)
    assert not perms.two_factor_required(world.admin) and not perms.two_factor_required(world.member)
    settings.TWO_FACTOR_REQUIRED_FOR = ["admin"]
    assert perms.two_factor_required(world.admin) and not perms.two_factor_required(world.coordinator)
