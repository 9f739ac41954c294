"""The directory's search box in a real browser, on a phone-sized screen: typing finds "Café" for
"cafe" and ranks the shelters, without a reload; a too-long query is explained beside the box."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.search.conftest import SHELTERS_RANKED

pytestmark = pytest.mark.browser


def result_names(page) -> list[str]:
    return page.locator("#results .result-list h3 a").all_inner_texts()


def test_typing_in_the_search_box_finds_accented_names_and_ranks_the_shelters(directory, page, url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url("/organizations/"))
    page.evaluate("window.__noReload = true")
    box = page.get_by_role("searchbox", name="Search")
    if not box.is_visible():  # on a phone the filters start folded
        page.locator("summary", has_text="Filters").click()
    box.fill("cafe")
    expect(page.locator("#result-count")).to_have_text("3 organisations")
    assert result_names(page) == ["Cafe Libre", "Café Solidario", "CAFÉ UNIDO"]
    box.fill("shelter")
    expect(page.locator("#result-count")).to_have_text("6 organisations")
    assert result_names(page) == [*SHELTERS_RANKED, "St. Brigid Outreach"]
    expect(page).to_have_url(re.compile(r"q=shelter"))
    assert page.evaluate("window.__noReload === true")  # htmx swapped the results in place
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_too_long_query_is_explained_beside_the_box(directory, page, url):
    page.goto(url("/organizations/?q=" + "x" * 250))
    box = page.get_by_role("searchbox", name="Search")
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_q_errors")).to_contain_text("Search with at most 200 characters (this has 250).")
    assert "id_q_errors" in box.get_attribute("aria-describedby")
