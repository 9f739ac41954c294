"""Pagination: a caller-chosen page size, capped; bad page parameters are 400s naming them."""

import pytest

from partners.api.pagination import MAX_PAGE_SIZE
from partners.models import Organization, Sector

pytestmark = pytest.mark.django_db
URL = "/api/v1/organizations/"


def test_a_huge_page_size_is_capped(world, client_as):
    sector = Sector.objects.get(slug="media")
    Organization.objects.bulk_create(
        [Organization(name=f"Bulk {i}", slug=f"bulk-{i}", primary_sector=sector, country="US") for i in range(505)]
    )
    body = client_as(world.member).get(URL, {"page_size": 10**9}).json()
    assert body["count"] == 509
    assert len(body["results"]) == MAX_PAGE_SIZE
    assert body["next"] is not None


def test_page_size_chooses_the_page_length(world, client_as):
    body = client_as(world.member).get(URL, {"page_size": 3}).json()
    assert len(body["results"]) == 3 and body["count"] == 4


def test_bad_page_parameters_are_400s_naming_them(world, client_as):
    client = client_as(world.member)
    for params, field in [
        ({"page_size": "lots"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "-5"}, "page_size"),
        ({"page": "two"}, "page"),
    ]:
        response = client.get(URL, params)
        assert response.status_code == 400, params
        assert field in response.json()


def test_a_page_past_the_end_is_404(world, client_as):
    assert client_as(world.member).get(URL, {"page": 99}).status_code == 404


def test_an_unknown_format_is_a_400_naming_it(world, client_as):
    response = client_as(world.member).get(URL, {"format": "xml"})
    assert response.status_code == 400
    assert "format" in response.json()
