"""organizations_matching: what a query finds and in which order, on PostgreSQL and SQLite alike.

Run on both databases: `pytest tests/search` and, with
DATABASE_URL=postgres://postgres@127.0.0.1/ct_search, again on PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.db import connection

from partners.selectors.directory import organization_list
from partners.selectors.search import SEARCH_MAX_LENGTH, organizations_matching, search_words
from tests.search.conftest import SHELTERS_RANKED

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="typo matching needs PostgreSQL's pg_trgm"
)


def search(text: str, viewer=None) -> list[str]:
    """The names an anonymous visitor (or `viewer`) finds for `text`, best first."""
    return [org.name for org in organizations_matching(queryset=organization_list(viewer=viewer), text=text)]


def test_shelter_finds_the_five_shelters_of_the_sector_and_a_description_that_mentions_one(directory):
    # Before: "shelter" matched the name or description only, so two of the five shelters.
    assert search("shelter") == [*SHELTERS_RANKED, "St. Brigid Outreach"]


def test_case_and_accents_of_the_query_do_not_matter(directory):
    expected = search("shelter")
    assert search("SHELTER") == expected
    assert search("  Shéltér ") == expected


def test_cafe_finds_cafe_with_and_without_accents_and_in_capitals(directory):
    assert search("cafe") == ["Cafe Libre", "Café Solidario", "CAFÉ UNIDO"]
    assert search("CAFÉ") == search("café") == search("cafe")


def test_accents_in_the_data_are_ignored_in_cities_too(directory):
    assert search("mazatlan") == ["Café Solidario"]


def test_a_word_matches_the_start_of_a_longer_word(directory):
    assert search("quetzal") == ["Albergue Santa Ana"]
    assert search("caf") == ["Cafe Libre", "Café Solidario", "CAFÉ UNIDO"]


def test_a_word_of_one_or_two_letters_must_be_a_whole_word(world):
    assert search("org c", viewer=world.member) == ["Org C"]


def test_every_word_must_be_found_but_each_may_be_in_another_field(directory):
    assert search("shelter millbrook") == ["Haven Transitional Housing"]  # sector and city
    assert search("youth port") == ["Safe Harbor Youth Shelter"]  # name and city
    assert search("shelter mazatlan") == []


def test_name_matches_rank_above_city_and_sector_matches(directory):
    # The police unit has both words in its name; the shelters have them in city and description.
    assert search("port aurora") == [
        "Port Aurora Police Department – Human Trafficking Unit",
        "Harbor House Shelter",
        "Safe Harbor Youth Shelter",
    ]
    assert search("housing") == [
        "Haven Transitional Housing",  # name, sector and description
        "Albergue Santa Ana",  # the sector "Shelters and housing" only, then by name
        "Casa Esperanza",
        "Harbor House Shelter",
        "Safe Harbor Youth Shelter",
    ]


def test_an_exact_acronym_or_name_comes_first(directory):
    assert search("SHYS") == ["Safe Harbor Youth Shelter"]
    assert search("papd") == ["Port Aurora Police Department – Human Trafficking Unit"]
    assert search("harbor house shelter")[0] == "Harbor House Shelter"


def test_sector_names_are_searched(directory):
    assert search("faith") == ["St. Brigid Outreach"]
    assert search("law enforcement") == ["Org A", "Port Aurora Police Department – Human Trafficking Unit"]


def test_an_empty_or_punctuation_only_query_leaves_the_list_as_it_is(directory):
    everything = [org.name for org in organization_list(viewer=None)]
    assert search("") == everything
    assert search(" ,;!- ") == everything


def test_the_query_is_bounded_in_length_and_words():
    assert len(search_words("word " * 500)) == 1
    assert len(search_words(" ".join(f"w{i}" for i in range(50)))) == 8
    long_query = "shelter " + "x" * 500
    assert search_words(long_query[:SEARCH_MAX_LENGTH]) == ["shelter", "x" * (SEARCH_MAX_LENGTH - 8)]


def test_a_members_only_organisation_never_reaches_an_anonymous_search(directory, world):
    assert "Refugio Escondido Shelter" not in search("shelter")
    assert search("refugio escondido") == []
    # Signed-in people see members-only profiles: the rules of the directory, unchanged.
    assert "Refugio Escondido Shelter" in search("shelter", viewer=world.outsider)


@postgresql_only
def test_a_typo_finds_the_shelters_on_postgresql(directory):
    # No organisation has the word "shleter": the search takes it for a typo of "shelter(s)",
    # found in two names (ranked first: the closer match) and in the sector of all five.
    assert search("shleter") == SHELTERS_RANKED
    assert search("polise") == ["Port Aurora Police Department – Human Trafficking Unit"]
    assert search("quetzaltenago") == ["Albergue Santa Ana"]


@postgresql_only
def test_a_word_that_finds_something_is_not_taken_for_a_typo(directory):
    # "shelte" is found as the start of "shelter": no typo matches are added to those results.
    assert search("shelte") == search("shelter")


@postgresql_only
def test_a_typo_of_a_hidden_name_still_finds_nothing_hidden(directory):
    assert search("refugo") == []


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite has no trigram similarity")
def test_typos_find_nothing_on_sqlite(directory):
    assert search("shleter") == []


@postgresql_only
def test_the_full_text_match_can_use_the_index_of_migration_0010(directory, world):
    # The expression the selector matches must be the one migration 0010 indexes, or every search
    # reads every description. With sequential scans off, the planner shows whether it can.
    # (As an admin, so no visibility index competes with it on these few rows.)
    queryset = organizations_matching(queryset=organization_list(viewer=world.admin), text="port aurora")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "partners_organization_search" in plan, plan
