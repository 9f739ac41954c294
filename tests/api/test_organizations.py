"""/api/v1/organizations/: public profiles for anonymous callers, members edit their own."""

import pytest

from partners.models import Organization, Sector
from tests import factories as f
from tests.api.conftest import state

pytestmark = pytest.mark.django_db
URL = "/api/v1/organizations/"


def slugs(response) -> list[str]:
    return [row["slug"] for row in response.json()["results"]]


def test_anonymous_caller_sees_only_public_profiles(world, client_as):
    response = client_as(None).get(URL)
    assert response.status_code == 200
    assert slugs(response) == ["org-a", "org-c", "org-d"]


def test_anonymous_caller_gets_404_for_a_members_only_profile(world, client_as):
    assert client_as(None).get(f"{URL}org-b/").status_code == 404
    assert client_as(world.member).get(f"{URL}org-b/").status_code == 200


def test_anonymous_caller_cannot_create_an_organisation(world, client_as):
    response = client_as(None).post(URL, {"name": "New", "primary_sector": "media", "country": "US"}, format="json")
    assert response.status_code == 401
    assert Organization.objects.count() == 4


def test_member_sees_every_profile_with_its_vocabularies_by_slug(world, client_as):
    world.org_a.sectors.add(f.sector("prosecution-courts"))
    response = client_as(world.member).get(f"{URL}org-a/")
    assert response.status_code == 200
    body = response.json()
    assert body["primary_sector"] == "law-enforcement"
    assert sorted(body["sectors"]) == ["law-enforcement", "prosecution-courts"]
    assert body["areas_of_work"] == [] and body["trafficking_forms"] == [] and body["populations"] == []
    assert slugs(client_as(world.member).get(URL)) == ["org-a", "org-b", "org-c", "org-d"]


def test_leadership_figures_are_never_shown_for_one_organisation(world, client_as):
    Organization.objects.filter(pk=world.org_a.pk).update(leadership_women_pct=40)
    body = client_as(world.admin).get(f"{URL}org-a/").json()
    assert "leadership_women_pct" not in body and "leadership_minority_pct" not in body


def test_member_edits_their_own_organisation(world, client_as):
    response = client_as(world.member).patch(
        f"{URL}org-a/", {"city": "Port Aurora", "areas_of_work": ["prevention"]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["city"] == "Port Aurora"
    assert response.json()["areas_of_work"] == ["prevention"]
    assert response.json()["version"] == 2
    assert response["ETag"] == '"2"'


def test_member_cannot_edit_another_organisation(world, client_as):
    before = state(world.org_c)
    response = client_as(world.member).patch(f"{URL}org-c/", {"city": "Elsewhere"}, format="json")
    assert response.status_code == 403
    assert state(world.org_c) == before


def test_member_cannot_create_or_delete_organisations(world, client_as):
    client = client_as(world.member)
    assert (
        client.post(URL, {"name": "New", "primary_sector": "media", "country": "US"}, format="json").status_code == 403
    )
    assert client.delete(f"{URL}org-a/").status_code == 403
    assert Organization.objects.count() == 4


def test_coordinator_creates_an_organisation_with_a_slug_from_its_name(world, client_as):
    response = client_as(world.coordinator).post(
        URL,
        {"name": "Harbor Legal Aid", "primary_sector": "legal-aid", "country": "US", "sectors": ["media"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "harbor-legal-aid"
    assert sorted(body["sectors"]) == ["legal-aid", "media"]  # the primary sector is always included
    assert body["version"] == 1
    assert response["ETag"] == '"1"'


def test_admin_deletes_an_organisation(world, client_as):
    assert client_as(world.admin).delete(f"{URL}org-d/").status_code == 204
    assert not Organization.objects.filter(slug="org-d").exists()


def test_read_only_fields_sent_back_are_ignored(world, client_as):
    response = client_as(world.member).patch(
        f"{URL}org-a/",
        {"id": 999, "created_at": "2000-01-01T00:00:00Z", "updated_at": "2000-01-01T00:00:00Z", "city": "X"},
        format="json",
    )
    assert response.status_code == 200
    assert Organization.objects.get(slug="org-a").pk == world.org_a.pk


def test_a_field_the_resource_does_not_have_is_refused_by_name(world, client_as):
    before = state(world.org_a)
    response = client_as(world.member).patch(f"{URL}org-a/", {"is_superuser": True, "city": "X"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"is_superuser": ["Unknown field."]}
    assert state(world.org_a) == before


def test_the_slug_cannot_be_changed_but_may_be_echoed(world, client_as):
    client = client_as(world.member)
    assert client.patch(f"{URL}org-a/", {"slug": "org-a", "city": "Y"}, format="json").status_code == 200
    before = state(world.org_a)
    response = client.patch(f"{URL}org-a/", {"slug": "taken-over"}, format="json")
    assert response.status_code == 400
    assert "slug" in response.json()
    assert state(world.org_a) == before


def test_bad_values_are_refused_naming_the_field(world, client_as):
    client = client_as(world.coordinator)
    response = client.post(URL, {"name": "N", "primary_sector": "no-such-sector", "country": "ZZ"}, format="json")
    assert response.status_code == 400
    assert {"primary_sector", "country"} <= set(response.json())
    response = client_as(world.member).patch(f"{URL}org-a/", {"founded_year": 1500}, format="json")
    assert response.status_code == 400
    assert "founded_year" in response.json()


def test_organisations_filter_by_sector_search_and_survivor_led(world, client_as):
    Organization.objects.filter(pk=world.org_d.pk).update(survivor_led=True, description="Hotel chain")
    client = client_as(world.member)
    assert slugs(client.get(URL, {"sector": "health-care"})) == ["org-c"]
    assert slugs(client.get(URL, {"sector": ["health-care", "business"]})) == ["org-c", "org-d"]
    assert slugs(client.get(URL, {"q": "hotel"})) == ["org-d"]
    assert slugs(client.get(URL, {"survivor_led": "true"})) == ["org-d"]
    assert slugs(client.get(URL, {"coalition": "coalition-a"})) == ["org-a", "org-b"]
    assert slugs(client.get(URL, {"ordering": "-name"})) == ["org-d", "org-c", "org-b", "org-a"]


def test_an_organisation_in_several_chosen_sectors_is_listed_once(world, client_as):
    world.org_c.sectors.add(Sector.objects.get(slug="business"))
    world.org_c.sectors.add(Sector.objects.get(slug="law-enforcement"))
    response = client_as(world.member).get(URL, {"sector": ["health-care", "business", "law-enforcement"]})
    listed = slugs(response)
    assert listed.count("org-c") == 1
    assert response.json()["count"] == len(listed)


def test_country_filter_ignores_case(world, client_as):
    Organization.objects.filter(pk=world.org_a.pk).update(country="CA")
    client = client_as(world.member)
    assert slugs(client.get(URL, {"country": "ca"})) == ["org-a"]
    assert slugs(client.get(URL, {"country": " CA "})) == ["org-a"]


def test_unknown_filter_values_are_refused_naming_the_parameter(world, client_as):
    client = client_as(world.member)
    for params, field in [
        ({"sector": "no-such-sector"}, "sector"),
        ({"coalition": "no-such-coalition"}, "coalition"),
        ({"staff_size": "huge"}, "staff_size"),
        ({"ordering": "secret"}, "ordering"),
    ]:
        response = client.get(URL, params)
        assert response.status_code == 400, params
        assert field in response.json()


def test_filters_do_not_hide_a_record_on_its_detail_url(world, client_as):
    response = client_as(world.member).get(f"{URL}org-a/", {"sector": "health-care"})
    assert response.status_code == 200


def test_unknown_slug_is_404(world, client_as):
    assert client_as(world.admin).get(f"{URL}no-such-org/").status_code == 404


def test_list_runs_a_constant_number_of_queries(world, client_as, django_assert_max_num_queries):
    for i in range(6):
        org = f.organization(f"Extra {i}", visibility="public")
        org.areas_of_work.add(1)
    client = client_as(world.member)
    # 1 count, 2 page of organisations with primary sectors, 3-6 prefetch sectors, areas of
    # work, forms of trafficking and populations.
    for size in (2, 50):
        with django_assert_max_num_queries(6):
            response = client.get(URL, {"page_size": size})
        assert response.status_code == 200


def test_a_slug_already_taken_is_refused_naming_the_slug(world, client_as):
    response = client_as(world.admin).post(
        URL, {"name": "Copy", "slug": "org-a", "primary_sector": "media", "country": "US"}, format="json"
    )
    assert response.status_code == 400
    assert "slug" in response.json()
    assert Organization.objects.count() == 4
