"""The directory page: shared FilterSet in the URL, search, sorting, pagination, htmx partials."""

import re

from tests import factories as f


def names_in(response) -> list[str]:
    return re.findall(r'<h3><a href="/organizations/[^"]+/">([^<]+)</a>', response.content.decode())


def test_directory_filters_by_sector_and_country_from_the_url(world, client_as):
    f.organization("Org E", sector_slug="law-enforcement", country="MX", visibility="public")
    response = client_as(world.coordinator).get("/organizations/?sector=law-enforcement&country=US")
    assert response.status_code == 200
    assert names_in(response) == ["Org A"]
    assert "1 organisation" in response.content.decode()


def test_directory_text_search_and_sorting(world, client_as):
    client = client_as(world.member)
    assert names_in(client.get("/organizations/?q=org+c")) == ["Org C"]
    assert names_in(client.get("/organizations/?ordering=-name")) == ["Org D", "Org C", "Org B", "Org A"]


def test_anonymous_directory_lists_public_profiles_and_no_coalition_choices(world, client_as):
    response = client_as(None).get("/organizations/")
    assert names_in(response) == ["Org A", "Org C", "Org D"]
    html = response.content.decode()
    assert "coalition-a" not in html  # the coalition dropdown lists what the visitor may see: nothing


def test_country_choices_only_list_countries_of_visible_organisations(world, client_as):
    f.organization("Hidden in Mexico", country="MX", visibility="members")
    anonymous = client_as(None).get("/organizations/").content.decode()
    member = client_as(world.member).get("/organizations/").content.decode()
    assert 'value="MX"' not in anonymous
    assert 'value="MX"' in member


def test_htmx_request_gets_only_the_results_partial(world, client_as):
    response = client_as(world.member).get("/organizations/?sector=health-care", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert names_in(response) == ["Org C"]
    assert "HX-Request" in response["Vary"]


def test_history_restore_request_gets_the_full_page(world, client_as):
    response = client_as(world.member).get(
        "/organizations/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_pagination_and_bad_page_numbers_never_fail(world, client_as):
    for i in range(12):
        f.organization(f"Extra {i:02d}")
    client = client_as(world.member)
    first = client.get("/organizations/?page_size=10")
    assert len(names_in(first)) == 10
    assert "Page 1 of 2" in first.content.decode()
    assert len(names_in(client.get("/organizations/?page_size=10&page=2"))) == 6
    assert client.get("/organizations/?page=abc").status_code == 200
    assert len(names_in(client.get("/organizations/?page_size=10&page=99"))) == 6
    assert client.get("/organizations/?page_size=7").status_code == 200  # unknown size: the default


def test_invalid_filter_value_is_shown_beside_the_field_not_a_500(world, client_as):
    response = client_as(world.member).get("/organizations/?sector=no-such-sector")
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_directory_runs_a_constant_number_of_queries(world, client_as, django_assert_max_num_queries):
    for i in range(30):
        org = f.organization(f"Bulk {i:02d}")
        org.sectors.add(f.sector("health-care"))
    client = client_as(world.member)
    client.get("/organizations/")  # warm the session
    # session, user, coordinator roles (nav), distinct countries, distinct regions, the choices of
    # sector, coalition, area and form, count, page, and 4 prefetches (sectors, areas, forms,
    # populations): 15 at both page sizes.
    with django_assert_max_num_queries(15):
        client.get("/organizations/?page_size=10")
    with django_assert_max_num_queries(15):
        client.get("/organizations/?page_size=100")


def test_type_ahead_search_returns_only_visible_organisations(world, client_as):
    anonymous = client_as(None).get("/organizations/search/?q=org").json()["results"]
    member = client_as(world.member).get("/organizations/search/?q=org").json()["results"]
    assert [r["slug"] for r in anonymous] == ["org-a", "org-c", "org-d"]
    assert [r["slug"] for r in member] == ["org-a", "org-b", "org-c", "org-d"]
    assert member[0] == {"slug": "org-a", "name": "Org A", "acronym": "", "sector": "Law enforcement"}
    assert client_as(world.member).get("/organizations/search/?q=").json() == {"results": []}
