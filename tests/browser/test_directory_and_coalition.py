"""The directory's filters in the URL, the coalition's network and matrix, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from analytics import figures as analytics
from tests import factories as f

pytestmark = pytest.mark.browser


def result_names(page) -> list[str]:
    return page.locator("#results .result-list h3 a").all_inner_texts()


def test_coordinator_filters_by_sector_and_country_and_a_reload_shows_the_same(world, page, url, sign_in):
    f.organization("Org E", sector_slug="law-enforcement", country="MX")
    f.organization("Org F", sector_slug="law-enforcement", country="US")
    sign_in(world.coordinator)
    page.goto(url("/organizations/"))
    expect(page.locator("#result-count")).to_have_text("6 organisations")
    page.evaluate("window.__noReload = true")

    page.locator("summary", has_text="Sector").click()
    page.get_by_label("Law enforcement").check()
    expect(page.locator("#result-count")).to_have_text("3 organisations")
    page.get_by_label("Country").select_option("US")
    expect(page.locator("#result-count")).to_have_text("2 organisations")
    expect(page).to_have_url(re.compile(r"sector=law-enforcement"))
    expect(page).to_have_url(re.compile(r"country=US"))
    assert page.evaluate("window.__noReload === true")  # htmx swapped the results in place
    names = result_names(page)
    assert names == ["Org A", "Org F"]

    page.reload()
    expect(page.locator("#result-count")).to_have_text("2 organisations")
    assert result_names(page) == names
    expect(page.get_by_label("Law enforcement")).to_be_checked()
    expect(page.get_by_label("Country")).to_have_value("US")


def test_directory_filters_work_without_javascript(world, browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/organizations/")
    page.locator("summary", has_text="Sector").click()
    page.get_by_label("Health care").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"sector=health-care"))
    assert result_names(page) == ["Org C"]
    context.close()


def test_coalition_network_has_a_node_per_collaborating_member_and_the_matrix_matches(world, page, url, sign_in):
    org_e = f.organization("Org E", sector_slug="health-care")
    f.membership(org_e, world.coalition_a)  # a member that never took part: no node
    org_g = f.organization("Org G", sector_slug="legal-aid")
    f.membership(org_g, world.coalition_a)
    f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    f.meeting([world.org_a, world.org_b, org_g], coalition=world.coalition_a)
    f.meeting([world.org_c, world.org_d], coalition=world.coalition_b)  # another coalition
    sign_in(world.coordinator)
    page.goto(url("/coalitions/coalition-a/"))

    network = page.locator("#network")
    expect(network).to_have_attribute("data-node-count", "3")
    labels = sorted(page.evaluate("document.getElementById('network').cy.nodes().map(n => n.data('label'))"))
    assert labels == ["Org A", "Org B", "Org G"]
    widths = page.evaluate(
        "Object.fromEntries(document.getElementById('network').cy.edges().map("
        "e => [[e.source().data('label'), e.target().data('label')].sort().join('+'), e.data('weight')]))"
    )
    assert widths == {"Org A+Org B": 2, "Org A+Org G": 1, "Org B+Org G": 1}

    expected = analytics.sector_matrix(
        viewer=world.coordinator, filters=analytics.FigureFilters(coalition=world.coalition_a)
    )
    expect(page.locator("#matrix-total")).to_have_text(str(expected["total"]))
    shown = page.evaluate(
        """() => Array.from(document.querySelectorAll('#sector-matrix tbody tr')).map(tr => [
             tr.querySelector('th').textContent.trim(),
             Array.from(tr.querySelectorAll('td')).map(td => Number(td.textContent.trim()))])"""
    )
    index = {sector.name: i for i, sector in enumerate(expected["sectors"])}
    order = [name for name, _cells in shown]  # rows and columns list the same sectors
    for name, cells in shown:
        assert cells == [expected["matrix"][index[name]][index[col]] for col in order]
    upper_triangle = sum(cells[j] for i, (_name, cells) in enumerate(shown) for j in range(i, len(cells)))
    assert upper_triangle == expected["total"] == 4  # A–B twice, A–G once, B–G once

    # Selecting a node shows its figures beside the picture, with a link to its profile.
    page.evaluate("document.getElementById('network').cy.nodes().filter(n => n.data('label') === 'Org G').emit('tap')")
    page.locator("#network-details").get_by_role("link", name="Open the profile").click()
    page.wait_for_url(re.compile(r"/organizations/org-g/$"))
    expect(page.get_by_role("heading", name="Org G")).to_be_visible()
