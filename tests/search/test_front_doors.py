"""The one search behind every front door: the directory page (and its CSV), the organisations
API, the stand-alone export and the type-ahead; bounded, visible-only, in a constant number of
queries."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests import factories as f
from tests.search.conftest import SHELTERS_RANKED

pytestmark = pytest.mark.django_db

RANKED = [*SHELTERS_RANKED, "St. Brigid Outreach"]
HIDDEN = "Refugio Escondido Shelter"
# Signed-in people also see the members-only shelter, ranked by the same rules (name, sector and
# description match; ties by name).
RANKED_SIGNED_IN = ["Harbor House Shelter", HIDDEN, *SHELTERS_RANKED[1:], "St. Brigid Outreach"]


def names_on_page(response) -> list[str]:
    return re.findall(r'<h3><a href="/organizations/[^"]+/">([^<]+)</a>', response.content.decode())


def names_in_csv(response) -> list[str]:
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    return [row["name"] for row in rows]


def names_in_api(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


def test_directory_page_lists_the_best_matches_first(directory, page_as):
    response = page_as(None).get("/organizations/", {"q": "shelter"})
    assert response.status_code == 200
    assert names_on_page(response) == RANKED
    assert "6 organisations" in response.content.decode()


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_signed_in_people_find_the_members_only_shelter_as_the_directory_shows_it(directory, world, page_as, persona):
    assert names_on_page(page_as(getattr(world, persona)).get("/organizations/", {"q": "shelter"})) == RANKED_SIGNED_IN


def test_a_chosen_sort_order_replaces_the_ranking(directory, page_as):
    response = page_as(None).get("/organizations/", {"q": "shelter", "ordering": "name"})
    assert names_on_page(response) == sorted(RANKED)


def test_search_combines_with_the_other_filters(directory, page_as):
    response = page_as(None).get("/organizations/", {"q": "shelter", "country": "GT"})
    assert names_on_page(response) == ["Albergue Santa Ana"]


def test_directory_csv_is_the_searched_list_in_the_same_order(directory, page_as):
    response = page_as(None).get("/organizations/", {"q": "shelter", "format": "csv"})
    assert response.status_code == 200
    assert names_in_csv(response) == RANKED


def test_stand_alone_export_searches_the_same_way_and_hides_what_anonymous_may_not_see(directory, page_as):
    response = page_as(None).get("/imports/exports/organizations.csv", {"q": "shelter"})
    assert response.status_code == 200
    assert names_in_csv(response) == RANKED


def test_api_searches_with_q_and_ranks_the_same_way(directory, api_as):
    response = api_as(None).get("/api/v1/organizations/", {"q": "shelter"})
    assert response.status_code == 200
    assert names_in_api(response) == RANKED
    assert names_in_api(api_as(None).get("/api/v1/organizations/", {"q": "CAFE"})) == [
        "Cafe Libre",
        "Café Solidario",
        "CAFÉ UNIDO",
    ]


def test_api_shows_the_members_only_shelter_to_an_outsider_only_when_signed_in(directory, world, api_as):
    assert HIDDEN not in names_in_api(api_as(None).get("/api/v1/organizations/", {"q": "refugio"}))
    assert names_in_api(api_as(world.outsider).get("/api/v1/organizations/", {"q": "refugio"})) == [HIDDEN]


def test_type_ahead_uses_the_same_search_and_visibility(directory, world, page_as):
    anonymous = page_as(None).get("/organizations/search/", {"q": "cafe"}).json()["results"]
    assert [row["name"] for row in anonymous] == ["Cafe Libre", "Café Solidario", "CAFÉ UNIDO"]
    assert page_as(None).get("/organizations/search/", {"q": "refugio"}).json() == {"results": []}
    signed_in = page_as(world.outsider).get("/organizations/search/", {"q": "refugio"}).json()["results"]
    assert [row["name"] for row in signed_in] == [HIDDEN]


TOO_LONG = "shelter " + "x" * 300


def test_a_too_long_query_gets_a_message_beside_the_search_box(directory, page_as):
    response = page_as(None).get("/organizations/", {"q": TOO_LONG})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_q_errors id_q_helptext"' in html
    assert re.search(r'<ul class="errorlist" id="id_q_errors"><li>Search with at most 200 characters', html)
    assert 'maxlength="200"' in html


def test_a_too_long_query_is_a_400_naming_q_on_the_api_and_the_export(directory, api_as, page_as):
    response = api_as(None).get("/api/v1/organizations/", {"q": TOO_LONG})
    assert response.status_code == 400
    assert "200 characters" in response.json()["q"][0]
    export = page_as(None).get("/imports/exports/organizations.csv", {"q": TOO_LONG})
    assert export.status_code == 400
    assert "q" in export.json()["errors"]


def test_the_longest_allowed_query_is_answered(directory, api_as, page_as):
    query = ("shelter " * 30)[:200]
    assert api_as(None).get("/api/v1/organizations/", {"q": query}).status_code == 200
    assert page_as(None).get("/organizations/", {"q": query}).status_code == 200


def _many_shelters(count: int = 30) -> None:
    for i in range(count):
        org = f.organization(f"Bulk Shelter {i:02d}", sector_slug="shelters-housing", visibility="public")
        org.sectors.add(f.sector("ngo-victim-services"))


def test_directory_search_runs_a_constant_number_of_queries(directory, world, page_as, django_assert_max_num_queries):
    _many_shelters()
    client = page_as(world.member)
    client.get("/organizations/")  # warm the session
    # As without a search (tests/pages/test_directory.py): session, user, coordinator roles (nav),
    # distinct countries, distinct regions, the choices of sector, coalition, area and form,
    # count, page, and 4 prefetches (sectors, areas, forms, populations): 15 at both page sizes.
    with django_assert_max_num_queries(15):
        response = client.get("/organizations/", {"q": "shelter housing", "page_size": 10})
    assert len(names_on_page(response)) == 10
    with django_assert_max_num_queries(15):
        response = client.get("/organizations/", {"q": "shelter housing", "page_size": 100})
    assert len(names_on_page(response)) == 36


def test_api_search_runs_a_constant_number_of_queries(directory, api_as, django_assert_max_num_queries):
    _many_shelters()
    client = api_as(None)
    # count, page, and 4 prefetches (sectors, areas, forms, populations): 6 at both page sizes.
    with django_assert_max_num_queries(6) as small:
        response = client.get("/api/v1/organizations/", {"q": "shelter", "page_size": 5})
    assert len(names_in_api(response)) == 5
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/api/v1/organizations/", {"q": "shelter", "page_size": 100})
    assert len(names_in_api(response)) == 36


@pytest.mark.parametrize(
    "query",
    [
        "'",
        "\\",
        "%",
        "_",
        "a:b",
        "x & y | !z",
        "(shelter",
        "东京 Zürich",
        "straße",
        "🙂",
        "--",
        "a" * 200,
        "1 2 3 4 5 6 7 8 9",
    ],
)
def test_odd_queries_are_answered_never_a_500(directory, api_as, query):
    response = api_as(None).get("/api/v1/organizations/", {"q": query})
    assert response.status_code == 200, response.content
