"""Organisation profile and edit pages: visibility, collaborators, contacts, edit rights and stale saves."""

import datetime

from partners.models import Organization
from partners.services.organizations import organization_update
from tests import factories as f


def edit_data(org, **changes):
    data = {
        "name": org.name,
        "acronym": org.acronym,
        "primary_sector": org.primary_sector_id,
        "sectors": [s.pk for s in org.sectors.all()],
        "country": str(org.country),
        "visibility": org.visibility,
        "version": org.version,
        "is_active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_profile_shows_collaborators_ranked_with_count_and_last_date(world, client_as):
    f.meeting([world.org_a, world.org_b], date=datetime.date(2024, 1, 10))
    f.meeting([world.org_a, world.org_b], date=datetime.date(2024, 2, 10))
    f.meeting([world.org_a, world.org_c], date=datetime.date(2024, 3, 10))
    html = client_as(world.member).get("/organizations/org-a/").content.decode()
    b, c = html.index('data-partner="org-b"'), html.index('data-partner="org-c"')
    assert b < c  # most frequent first
    assert "10 Feb 2024" in html
    assert 'id="monthly-data"' in html  # chart data, with a table equivalent
    assert "Show the figures as a table" in html


def test_contacts_are_shown_to_members_only(world, client_as):
    f.contact(world.org_a, name="Dana Contact", email="dana@example.org", visibility="signed_in")
    f.contact(world.org_a, name="Kit Coalition", email="kit@example.org")  # its coalitions only
    assert "Dana Contact" in client_as(world.outsider).get("/organizations/org-a/").content.decode()
    assert "Kit Coalition" not in client_as(world.outsider).get("/organizations/org-a/").content.decode()
    assert "Kit Coalition" in client_as(world.coordinator).get("/organizations/org-a/").content.decode()
    anonymous = client_as(None).get("/organizations/org-a/")
    assert anonymous.status_code == 200
    assert "Dana Contact" not in anonymous.content.decode()


def test_members_only_profile_is_404_for_anonymous_visitors(world, client_as):
    assert client_as(None).get("/organizations/org-b/").status_code == 404
    assert client_as(None).get("/organizations/no-such-org/").status_code == 404
    assert client_as(world.outsider).get("/organizations/org-b/").status_code == 200


def test_profile_collaborators_never_count_activities_the_viewer_may_not_see(world, client_as):
    f.meeting([world.org_a, world.org_c], visibility="participants", coalition=world.coalition_b)
    assert 'data-partner="org-c"' in client_as(world.member).get("/organizations/org-a/").content.decode()
    assert 'data-partner="org-a"' not in client_as(world.outsider).get("/organizations/org-c/").content.decode()


def test_edit_link_only_for_those_allowed(world, client_as):
    assert "/organizations/org-a/edit/" in client_as(world.member).get("/organizations/org-a/").content.decode()
    assert "/organizations/org-a/edit/" not in client_as(world.outsider).get("/organizations/org-a/").content.decode()


def test_member_edits_their_organisation_through_the_service(world, client_as):
    response = client_as(world.member).post("/organizations/org-a/edit/", edit_data(world.org_a, name="Org A renamed"))
    assert response.status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.name == "Org A renamed"
    assert world.org_a.version == 2


def test_outsider_gets_403_and_the_profile_is_unchanged(world, client_as):
    client = client_as(world.outsider)
    assert client.get("/organizations/org-a/edit/").status_code == 403
    response = client.post("/organizations/org-a/edit/", edit_data(world.org_a, name="Hijacked"))
    assert response.status_code == 403
    world.org_a.refresh_from_db()
    assert world.org_a.name == "Org A"


def test_anonymous_gets_404_for_members_only_edit_page(world, client_as):
    assert client_as(None).get("/organizations/org-b/edit/").status_code == 404
    response = client_as(None).post("/organizations/org-a/edit/", edit_data(world.org_a, name="Hijacked"))
    assert response.status_code == 403
    assert Organization.objects.get(pk=world.org_a.pk).name == "Org A"


def test_stale_save_names_the_fields_changed_meanwhile_and_saves_nothing(world, client_as):
    stale = edit_data(world.org_a, name="My rename")
    organization_update(actor=world.admin, organization=Organization.objects.get(pk=world.org_a.pk), city="Springfield")
    response = client_as(world.member).post("/organizations/org-a/edit/", stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved changes" in html
    assert "city" in html
    world.org_a.refresh_from_db()
    assert world.org_a.name == "Org A" and world.org_a.city == "Springfield"
    assert 'name="version" value="2"' in html  # a second save is on purpose


def test_bad_input_is_shown_beside_the_field(world, client_as):
    response = client_as(world.member).post(
        "/organizations/org-a/edit/", edit_data(world.org_a, founded_year="1700", website="not a url")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert 'aria-invalid="true"' in html
    world.org_a.refresh_from_db()
    assert world.org_a.founded_year is None


def test_service_validation_error_is_shown_beside_the_field(world, client_as):
    response = client_as(world.member).post("/organizations/org-a/edit/", edit_data(world.org_a, founded_year="1801"))
    assert response.status_code == 302
    response = client_as(world.member).post(
        "/organizations/org-a/edit/", edit_data(Organization.objects.get(pk=world.org_a.pk), founded_year="1799")
    )
    assert "Enter a year between 1800 and this year." in response.content.decode()
    assert Organization.objects.get(pk=world.org_a.pk).founded_year == 1801
