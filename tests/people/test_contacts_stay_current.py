"""Members keep their own organisation's staff contacts current: add, edit, remove, confirm all
in one step (pages and API, the same rules); stale contacts are shown as such."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from partners.models import Contact
from partners.services.organizations import contact_update, contacts_confirm
from tests import factories as f

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 5, 4)


def contacts_url(org) -> str:
    return f"/organizations/{org.slug}/contacts/"


def state(org) -> list[tuple]:
    return list(
        Contact.objects.filter(organization=org)
        .order_by("pk")
        .values_list("pk", "name", "title", "email", "last_confirmed_on", "version")
    )


@pytest.fixture
def staff(world):
    world.alex = f.contact(world.org_a, "Alex Example", email="alex@example.org", last_confirmed_on=LONG_AGO)
    world.kim = f.contact(world.org_a, "Kim Current", last_confirmed_on=timezone.localdate())
    world.casey = f.contact(world.org_b, "Casey Contact", last_confirmed_on=LONG_AGO)
    return world


# --- services --------------------------------------------------------------------------------


def test_confirming_sets_today_on_every_contact_of_the_organisation_and_keeps_history(staff):
    assert contacts_confirm(actor=staff.member, organization=staff.org_a) == 2
    staff.alex.refresh_from_db()
    assert staff.alex.last_confirmed_on == timezone.localdate()
    assert staff.alex.version == 2
    assert staff.alex.history.latest("history_date").last_confirmed_on == timezone.localdate()
    staff.casey.refresh_from_db()
    assert staff.casey.last_confirmed_on == LONG_AGO  # another organisation's contact is untouched


def test_editing_a_contact_confirms_it(staff):
    contact_update(actor=staff.member, contact=staff.alex, title="Shelter coordinator")
    staff.alex.refresh_from_db()
    assert (staff.alex.title, staff.alex.last_confirmed_on) == ("Shelter coordinator", timezone.localdate())


def test_a_contact_is_due_when_not_confirmed_for_over_a_year_or_never(staff):
    today = timezone.localdate()
    assert Contact(last_confirmed_on=None).confirmation_due
    assert Contact(last_confirmed_on=today - datetime.timedelta(days=366)).confirmation_due
    assert not Contact(last_confirmed_on=today - datetime.timedelta(days=364)).confirmation_due


def test_member_of_another_organisation_cannot_confirm_and_nothing_changes(staff):
    from django.core.exceptions import PermissionDenied

    before = state(staff.org_b)
    with pytest.raises(PermissionDenied):
        contacts_confirm(actor=staff.member, organization=staff.org_b)
    assert state(staff.org_b) == before


# --- pages -----------------------------------------------------------------------------------


def test_member_sees_their_contacts_page_with_the_stale_one_marked(staff, client_as):
    response = client_as(staff.member).get(contacts_url(staff.org_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not confirmed since 4 May 2020" in html
    assert "Kim Current" in html and "Casey Contact" not in html


def test_member_confirms_all_contacts_in_one_step(staff, client_as):
    response = client_as(staff.member).post(contacts_url(staff.org_a))
    assert response.status_code == 302
    assert set(Contact.objects.filter(organization=staff.org_a).values_list("last_confirmed_on", flat=True)) == {
        timezone.localdate()
    }
    # Audited like any contact change: the history names who confirmed.
    assert staff.alex.history.latest("history_date").history_user == staff.member


def test_member_adds_edits_and_removes_a_contact_on_the_site(staff, client_as):
    client = client_as(staff.member)
    response = client.post(
        f"{contacts_url(staff.org_a)}new/", {"name": "Robin New", "title": "Liaison", "visibility": "coalitions"}
    )
    assert response.status_code == 302, response.content.decode()
    robin = Contact.objects.get(name="Robin New")
    assert (robin.organization, robin.last_confirmed_on) == (staff.org_a, timezone.localdate())

    response = client.post(
        f"{contacts_url(staff.org_a)}{staff.alex.pk}/edit/",
        {"name": "Alex Example", "email": "alex@new.example.org", "visibility": "signed_in", "version": 1},
    )
    assert response.status_code == 302
    staff.alex.refresh_from_db()
    assert (staff.alex.email, staff.alex.last_confirmed_on) == ("alex@new.example.org", timezone.localdate())

    response = client.post(f"{contacts_url(staff.org_a)}{robin.pk}/delete/", {"version": robin.version})
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=robin.pk).exists()


def test_bad_input_is_shown_beside_the_field(staff, client_as):
    response = client_as(staff.member).post(f"{contacts_url(staff.org_a)}new/", {"name": "", "email": "not-mail"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "name" in form.errors and "email" in form.errors
    assert Contact.objects.filter(organization=staff.org_a).count() == 2


def test_a_stale_edit_is_refused_with_409_and_changes_nothing(staff, client_as):
    contact_update(actor=staff.admin, contact=staff.alex, title="Changed meanwhile")
    before = state(staff.org_a)
    response = client_as(staff.member).post(
        f"{contacts_url(staff.org_a)}{staff.alex.pk}/edit/",
        {"name": "Old copy", "visibility": "coalitions", "version": 1},
    )
    assert response.status_code == 409
    assert state(staff.org_a) == before


@pytest.mark.parametrize("persona", ["outsider", "coordinator", "other_coordinator"])
def test_others_get_403_on_every_contacts_page_and_change_nothing(staff, client_as, persona):
    client = client_as(getattr(staff, persona))
    before = state(staff.org_a)
    base = contacts_url(staff.org_a)
    assert client.get(base).status_code == 403
    assert client.post(base).status_code == 403
    assert client.post(f"{base}new/", {"name": "Intruder", "visibility": "coalitions"}).status_code == 403
    assert client.post(f"{base}{staff.alex.pk}/edit/", {"name": "X", "visibility": "coalitions"}).status_code == 403
    assert client.post(f"{base}{staff.alex.pk}/delete/").status_code == 403
    assert state(staff.org_a) == before


def test_anonymous_visitor_is_sent_to_sign_in_or_404_and_nothing_changes(staff, client_as):
    before = state(staff.org_a)
    response = client_as(None).post(contacts_url(staff.org_a))
    assert response.status_code in (302, 403, 404)
    assert state(staff.org_a) == before


def test_a_contact_of_another_organisation_is_404_through_this_organisations_pages(staff, client_as):
    response = client_as(staff.member).get(f"{contacts_url(staff.org_a)}{staff.casey.pk}/edit/")
    assert response.status_code == 404


def test_profile_shows_a_stale_contact_as_not_confirmed_since(staff, client_as):
    html = client_as(staff.coordinator).get(f"/organizations/{staff.org_a.slug}/").content.decode()
    assert "Not confirmed since 4 May 2020" in html
    assert "Update or confirm contacts" not in html  # only the organisation's own members and admins
    html = client_as(staff.member).get(f"/organizations/{staff.org_a.slug}/").content.decode()
    assert "Update or confirm contacts" in html


def test_dashboard_prompts_a_member_whose_contacts_are_due(staff, client_as):
    html = client_as(staff.member).get("/").content.decode()
    assert 'id="contacts-due"' in html and contacts_url(staff.org_a) in html
    contacts_confirm(actor=staff.member, organization=staff.org_a)
    html = client_as(staff.member).get("/").content.decode()
    assert 'id="contacts-due"' not in html


def test_dashboard_has_no_prompt_for_users_without_an_organisation(staff, client_as):
    assert 'id="contacts-due"' not in client_as(staff.coordinator).get("/").content.decode()


# --- API -------------------------------------------------------------------------------------


def test_api_shows_last_confirmed_on_read_only(staff, client_as):
    client = client_as(staff.member)
    row = client.get(f"/api/v1/contacts/{staff.alex.pk}/").json()
    assert row["last_confirmed_on"] == "2020-05-04"
    response = client.patch(
        f"/api/v1/contacts/{staff.alex.pk}/", {"last_confirmed_on": "2030-01-01", "title": "Lead"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["last_confirmed_on"] == timezone.localdate().isoformat()


def test_api_member_confirms_their_organisations_contacts(staff, client_as):
    response = client_as(staff.member).post("/api/v1/contacts/confirm/", {"organization": "org-a"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["confirmed"] == 2
    staff.alex.refresh_from_db()
    assert staff.alex.last_confirmed_on == timezone.localdate()


def test_api_member_cannot_confirm_another_organisations_contacts_and_nothing_changes(staff, client_as):
    before = state(staff.org_b)
    response = client_as(staff.member).post("/api/v1/contacts/confirm/", {"organization": "org-b"}, format="json")
    assert response.status_code == 403
    assert state(staff.org_b) == before


def test_api_confirm_names_the_field_on_bad_input(staff, client_as):
    response = client_as(staff.member).post("/api/v1/contacts/confirm/", {"organization": "nope"}, format="json")
    assert response.status_code == 400
    assert "organization" in response.json()


def test_organisations_with_contacts_due_are_listed_with_their_count(staff):
    from partners.selectors.contacts import organizations_with_contacts_due

    f.contact(staff.org_c, "Never Confirmed")
    rows = {o.slug: o.contacts_due for o in organizations_with_contacts_due()}
    assert rows == {"org-a": 1, "org-b": 1, "org-c": 1}
    contacts_confirm(actor=staff.member, organization=staff.org_a)
    assert "org-a" not in {o.slug for o in organizations_with_contacts_due()}
