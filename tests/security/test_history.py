"""Each object's history, field by field, for those who may see it; admins restore versions and deleted records."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from audit.history import object_history, record_restore
from audit.models import AuditAction, AuditEvent
from partners.exceptions import StaleObjectError
from partners.models import Contact, Meeting, Organization, Participation, Partnership
from partners.services.meetings import ParticipationInput, meeting_create, meeting_delete, meeting_update
from partners.services.organizations import organization_delete, organization_update
from partners.services.partnerships import partnership_create, partnership_delete
from tests import factories as f

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _meeting(world, visibility="participants"):
    return meeting_create(
        actor=world.coordinator,
        participations=[ParticipationInput(world.org_a), ParticipationInput(world.org_b)],
        date=datetime.date(2024, 5, 2),
        kind="coalition_meeting",
        title="Operation planning",
        coalition=world.coalition_a,
        visibility=visibility,
    )


def test_the_history_lists_who_changed_which_field_from_what_to_what(world):
    org = world.org_a
    org._history_user = world.member  # what the request middleware does on the pages and the API
    organization_update(actor=world.member, organization=org, city="Harbor City")
    org._history_user = world.admin
    organization_update(actor=world.admin, organization=org, city="Port Town", acronym="OA")
    entries = object_history(viewer=world.member, obj=org)
    assert [e.kind for e in entries] == ["changed", "changed", "created"]
    newest = entries[0]
    assert newest.who == "admin" and newest.version == 3
    assert {(c.label, c.old, c.new) for c in newest.changes} == {
        ("city", "Harbor City", "Port Town"),
        ("acronym", "—", "OA"),
    }


def test_anonymous_visitors_see_no_history_even_of_a_public_profile(world):
    assert object_history(viewer=None, obj=world.org_a) == []
    response = client_for(None).get(f"/history/organization/{world.org_a.pk}/")
    assert response.status_code == 302


def test_the_history_page_of_a_participants_only_activity_is_404_for_those_who_cannot_see_it(world):
    meeting = _meeting(world)
    assert client_for(world.member).get(f"/history/meeting/{meeting.pk}/").status_code == 200
    assert client_for(world.outsider).get(f"/history/meeting/{meeting.pk}/").status_code == 404
    assert client_for(world.other_coordinator).get(f"/history/meeting/{meeting.pk}/").status_code == 404


def test_the_history_page_shows_the_changes(world):
    meeting = _meeting(world)
    meeting._history_user = world.coordinator
    meeting_update(actor=world.coordinator, meeting=meeting, title="Operation debrief")
    html = client_for(world.member).get(f"/history/meeting/{meeting.pk}/").content.decode()
    assert "Operation planning → Operation debrief" in html and "coordinator" in html


def test_an_unknown_model_name_is_404(world):
    assert client_for(world.admin).get("/history/user/1/").status_code == 404


def test_an_admin_restores_a_deleted_meeting_with_its_participations(world):
    meeting = _meeting(world)
    pk = meeting.pk
    meeting_delete(actor=world.coordinator, meeting=meeting)
    assert not Meeting.objects.filter(pk=pk).exists()
    listing = client_for(world.admin).get("/audit/deleted/")
    assert listing.status_code == 200 and "Operation planning" in listing.content.decode()
    deletion = Meeting.history.get(id=pk, history_type="-")
    response = client_for(world.admin).post(f"/audit/deleted/partners.meeting/{deletion.history_id}/restore/")
    assert response.status_code == 302
    restored = Meeting.objects.get(pk=pk)
    assert restored.title == "Operation planning" and restored.version == deletion.version + 1
    assert set(Participation.objects.filter(meeting=restored).values_list("organization_id", flat=True)) == {
        world.org_a.pk,
        world.org_b.pk,
    }
    assert AuditEvent.objects.filter(action=AuditAction.RESTORE, actor=world.admin).exists()


def test_a_restored_organisation_gets_its_contacts_back(world):
    org = f.organization("Doomed Org")
    org_pk, contact_pk = org.pk, f.contact(org, "Pat Staff").pk
    organization_delete(actor=world.admin, organization=org)
    deletion = Organization.history.get(id=org_pk, history_type="-")
    record_restore(actor=world.admin, model=Organization, history_id=deletion.history_id)
    assert Organization.objects.filter(pk=org_pk, name="Doomed Org").exists()
    assert Contact.objects.filter(pk=contact_pk, organization_id=org_pk).exists()


def test_a_restored_partnership_gets_its_partners_back(world):
    partnership = partnership_create(
        actor=world.admin, organizations=[world.org_a, world.org_c], title="Referral MOU", kind="mou"
    )
    pk = partnership.pk
    partnership_delete(actor=world.admin, partnership=partnership)
    deletion = Partnership.history.get(id=pk, history_type="-")
    restored = record_restore(actor=world.admin, model=Partnership, history_id=deletion.history_id)
    assert set(restored.organizations.values_list("pk", flat=True)) == {world.org_a.pk, world.org_c.pk}


def test_only_admins_may_restore_and_a_refused_restore_changes_nothing(world):
    meeting = _meeting(world)
    pk = meeting.pk
    meeting_delete(actor=world.coordinator, meeting=meeting)
    deletion = Meeting.history.get(id=pk, history_type="-")
    for user in (world.coordinator, world.member):
        assert client_for(user).get("/audit/deleted/").status_code == 403
        response = client_for(user).post(f"/audit/deleted/partners.meeting/{deletion.history_id}/restore/")
        assert response.status_code == 403
    assert client_for(None).post(f"/audit/deleted/partners.meeting/{deletion.history_id}/restore/").status_code == 302
    assert not Meeting.objects.filter(pk=pk).exists()


def test_an_admin_restores_a_previous_version_as_a_new_version(world):
    org = world.org_a
    organization_update(actor=world.member, organization=org, city="Harbor City")
    organization_update(actor=world.member, organization=org, city="Wrong Town")
    first_change = org.history.get(version=2)
    response = client_for(world.admin).post(f"/history/organization/{org.pk}/restore/{first_change.history_id}/")
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.city == "Harbor City" and org.version == 4
    # A copy read at version 3 is now stale: the restore does not reopen old versions.
    stale = Organization.objects.get(pk=org.pk)
    stale.version = 3
    with pytest.raises(StaleObjectError):
        organization_update(actor=world.member, organization=stale, city="Elsewhere", expected_version=3)


def test_non_admins_cannot_restore_versions(world):
    org = world.org_a
    organization_update(actor=world.member, organization=org, city="Harbor City")
    first = org.history.get(version=1)
    response = client_for(world.member).post(f"/history/organization/{org.pk}/restore/{first.history_id}/")
    assert response.status_code == 403
    org.refresh_from_db()
    assert org.city == "Harbor City" and org.version == 2


def test_the_admin_revert_of_simple_history_moves_the_version_forward(world):
    org = world.org_a
    organization_update(actor=world.member, organization=org, city="Harbor City")
    old = org.history.get(version=1).instance
    old.save()
    org.refresh_from_db()
    assert org.version == 3 and org.city == ""


def test_accounts_have_a_history_without_their_password(world):
    from django.contrib.auth.models import User

    world.member.is_active = False
    world.member.save()
    latest = User.history.filter(id=world.member.pk).latest("history_date")
    assert latest.is_active is False
    assert not hasattr(latest, "password")


def test_partnership_check_ins_and_repair_entries_have_a_history():
    from health.models import CheckIn, RepairLogEntry

    assert hasattr(CheckIn, "history") and hasattr(RepairLogEntry, "history")


def test_an_objects_page_loads_its_recent_changes_as_a_fragment(world):
    for n in range(7):
        organization_update(actor=world.member, organization=world.org_a, city=f"Town {n}")
    response = client_for(world.member).get(f"/history/organization/{world.org_a.pk}/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.count("<li>\n      <time") == 5 and "Full history" in html
    assert (
        client_for(world.outsider).get(f"/history/organization/{world.org_b.pk}/", HTTP_HX_REQUEST="true").status_code
        == 200
    )


def test_detail_pages_load_their_history_for_signed_in_viewers_only(world):
    meeting = _meeting(world, visibility="coalition")
    partnership = f.partnership([world.org_a, world.org_b], coalition=world.coalition_a)
    pages = {
        f"/organizations/{world.org_a.slug}/": f"/history/organization/{world.org_a.pk}/",
        f"/meetings/{meeting.pk}/": f"/history/meeting/{meeting.pk}/",
        f"/partnerships/{partnership.pk}/": f"/history/partnership/{partnership.pk}/",
    }
    member = client_for(world.member)
    for page, history in pages.items():
        assert f'hx-get="{history}"' in member.get(page).content.decode(), page
    public_profile = client_for(None).get(f"/organizations/{world.org_a.slug}/").content.decode()
    assert "/history/" not in public_profile


def test_leadership_composition_changes_are_shown_to_admins_only(world):
    org = world.org_a
    organization_update(actor=world.admin, organization=org, leadership_women_pct=77)
    organization_update(actor=world.admin, organization=org, leadership_women_pct=83, city="Port Town")
    organization_update(actor=world.admin, organization=org, leadership_minority_pct=20)

    member_entries = object_history(viewer=world.member, obj=org)
    member_labels = {c.label for e in member_entries for c in e.changes}
    assert "city" in member_labels
    assert not {label for label in member_labels if "leadership" in label}
    # The edits that touched only a restricted field are not listed at all for a non-admin.
    assert [e.kind for e in member_entries] == ["changed", "created"]
    page = client_for(world.member).get(f"/history/organization/{org.pk}/").content.decode()
    assert "leadership" not in page and "→ 83" not in page and "→ 77" not in page and "Port Town" in page

    admin_entries = object_history(viewer=world.admin, obj=org)
    assert [e.kind for e in admin_entries] == ["changed", "changed", "changed", "created"]
    admin_changes = {(c.old, c.new) for e in admin_entries for c in e.changes if "women" in c.label}
    assert admin_changes == {("—", "77"), ("77", "83")}


def test_a_participants_only_meetings_fields_stay_in_its_history_for_those_who_see_it(world):
    meeting = _meeting(world)
    meeting_update(actor=world.coordinator, meeting=meeting, title="Operation review")
    entries = object_history(viewer=world.member, obj=meeting)
    assert ("title", "Operation planning", "Operation review") in {
        (c.label, c.old, c.new) for e in entries for c in e.changes
    }
