"""/api/v1/sectors/: the sector vocabulary, public and read-only."""

import pytest

from partners.models import Sector
from partners.vocabularies import SECTORS

pytestmark = pytest.mark.django_db
URL = "/api/v1/sectors/"


def test_anyone_lists_the_sectors_in_their_order(world, client_as):
    response = client_as(None).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 14
    assert body["results"][0] == {
        "slug": "law-enforcement",
        "url": "http://testserver/api/v1/sectors/law-enforcement/",
        "name": "Law enforcement",
        "description": "Police and other law-enforcement units.",
        "colour": {slug: colour for slug, _name, _text, colour in SECTORS}["law-enforcement"],
        "position": body["results"][0]["position"],
    }


def test_a_sector_is_read_by_slug_and_an_unknown_one_is_404(world, client_as):
    assert client_as(None).get(f"{URL}health-care/").json()["name"] == "Health care"
    assert client_as(None).get(f"{URL}no-such-sector/").status_code == 404


def test_sectors_cannot_be_changed_through_the_api(world, client_as):
    for user in (None, world.member, world.admin):
        client = client_as(user)
        assert client.post(URL, {"slug": "x", "name": "X"}, format="json").status_code == 405
        assert client.patch(f"{URL}media/", {"name": "Press"}, format="json").status_code == 405
        assert client.delete(f"{URL}media/").status_code == 405
    assert Sector.objects.get(slug="media").name == "Media"
    assert Sector.objects.count() == 14


def test_list_runs_a_constant_number_of_queries(world, client_as, django_assert_max_num_queries):
    client = client_as(None)
    # 1 count, 2 page of sectors.
    for size in (2, 50):
        with django_assert_max_num_queries(2):
            assert client.get(URL, {"page_size": size}).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/sectors/No%20such%20sector./", "/api/v1/no-such-list/", "/api/nothing"])
def test_a_path_no_api_route_matches_answers_json_404(world, client_as, path):
    response = client_as(world.member).get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_a_page_that_does_not_exist_is_still_the_html_404_page(world, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
