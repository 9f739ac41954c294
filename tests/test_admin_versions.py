"""The Django admin refuses a save made on a stale copy, as the pages and the API do."""

import pytest

from partners.models import Organization
from partners.services.organizations import organization_update

pytestmark = pytest.mark.django_db


def _form_data(org, **changes):
    data = {
        "name": org.name,
        "slug": org.slug,
        "acronym": org.acronym,
        "primary_sector": org.primary_sector_id,
        "sectors": [s.pk for s in org.sectors.all()],
        "country": org.country.code,
        "visibility": org.visibility,
        "is_active": "on",
        "opened_version": org.version,
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_admin_edit_raises_the_version(world, client):
    client.force_login(world.admin)
    org = world.org_a
    response = client.post(f"/admin/partners/organization/{org.pk}/change/", _form_data(org, city="Millbrook"))
    assert response.status_code == 302, response.content[:2000]
    org.refresh_from_db()
    assert (org.city, org.version) == ("Millbrook", 2)


def test_admin_save_on_a_stale_copy_is_refused_naming_the_changed_field(world, client):
    client.force_login(world.admin)
    stale = Organization.objects.get(pk=world.org_a.pk)
    organization_update(actor=world.admin, organization=world.org_a, city="Eastvale")
    response = client.post(f"/admin/partners/organization/{stale.pk}/change/", _form_data(stale, acronym="ZZZ"))
    assert response.status_code == 200
    assert b"Someone else changed this record" in response.content
    assert b"city" in response.content
    current = Organization.objects.get(pk=stale.pk)
    assert (current.city, current.acronym, current.version) == ("Eastvale", "", 2)
