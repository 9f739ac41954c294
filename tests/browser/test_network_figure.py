"""The coalition's network in a real browser: drawn from the server's layout, a node per row of
the table, the sector filter hides nodes, the buttons zoom and move, and choosing an organisation
with the keyboard highlights its partners and shows its figures; no console errors, on a laptop
and on a 390 px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from analytics import figures
from tests import factories as f
from tests.browser.helpers import axe_violations, tab_to

pytestmark = pytest.mark.browser

CY = "document.getElementById('network').cy"


def build_network(world):
    """Coalition A: A–B 2, A–C 1, B–C 1, A–E 1, E–G 1 (C health care, E legal aid, G media)."""
    w = world
    org_e = f.organization("Org E Legal Services Without An Acronym", sector_slug="legal-aid")
    org_g = f.organization("Org G", sector_slug="media", acronym="OG")
    for org in (org_e, org_g):
        f.membership(org, w.coalition_a)
    f.meeting([w.org_a, w.org_b], coalition=w.coalition_a)
    f.meeting([w.org_a, w.org_b, w.org_c], coalition=w.coalition_a)
    f.meeting([w.org_a, org_e], coalition=w.coalition_a)
    f.meeting([org_e, org_g], coalition=w.coalition_a)
    return org_e, org_g


def watch_console(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_network_draws_filters_zooms_and_shows_a_chosen_organisations_figures(world, page, url, sign_in):
    org_e, org_g = build_network(world)
    problems = watch_console(page)
    sign_in(world.coordinator)
    page.goto(url("/coalitions/coalition-a/"))

    network = page.locator("#network")
    expect(network.locator("canvas").first).to_be_attached()
    rows = page.locator("#network-nodes tbody tr")
    expect(network).to_have_attribute("data-node-count", str(rows.count()))
    assert rows.count() == 5

    # Positions are the server's layout, as in the GEXF/GraphML files and the report.
    layout = figures.collaboration_network(
        viewer=world.coordinator, filters=figures.FigureFilters(coalition=world.coalition_a)
    )
    drawn = page.evaluate(
        f"Object.fromEntries({CY}.nodes().map(n => "
        "[n.data('name'), [n.position('x'), n.position('y'), n.data('shape')]]))"
    )
    assert drawn == {n["name"]: [n["x"], n["y"], n["shape"]] for n in layout["nodes"]}
    assert page.evaluate(f"{CY}.nodes().filter(n => n.data('name') === 'Org G')[0].data('label')") == "OG"
    # Nothing is cut off at the default zoom: every node and label lies inside the picture.
    box = page.evaluate(f"{CY}.elements().renderedBoundingBox()")
    size = network.bounding_box()
    assert box["x1"] >= 0 and box["y1"] >= 0 and box["x2"] <= size["width"] and box["y2"] <= size["height"]

    # The sector filter hides the health-care node (and its lines); checking it again shows it.
    page.locator(".js-sector-filter[value='health-care']").uncheck()
    expect(network).to_have_attribute("data-visible-nodes", "4")
    assert page.evaluate(f"{CY}.nodes().filter(n => n.data('name') === 'Org C')[0].visible()") is False
    page.locator(".js-sector-filter[value='health-care']").check()
    expect(network).to_have_attribute("data-visible-nodes", "5")

    # Zoom and move with buttons.
    zoom = page.evaluate(f"{CY}.zoom()")
    page.get_by_role("button", name="Zoom in").click()
    assert page.evaluate(f"{CY}.zoom()") > zoom
    pan = page.evaluate(f"{CY}.pan().x")
    page.get_by_role("button", name="Move right").click()
    assert page.evaluate(f"{CY}.pan().x") < pan
    page.get_by_role("button", name="Fit").click()

    # Keyboard only: Tab to the list of organisations and choose one by typing its name.
    tab_to(page, "#network-pick")
    page.keyboard.type("Org B")
    details = page.locator("#network-details")
    expect(details.get_by_role("heading", name="Org B")).to_be_visible()
    expect(details.locator(".js-degree")).to_have_text("2")  # partners A and C
    expect(details.locator(".js-weighted")).to_have_text("3")  # A–B 2 + B–C 1
    expect(details.locator(".js-sector")).to_have_text("NGOs and victim-service providers")
    table_row = page.locator("#network-nodes tbody tr[data-node='org-b'] td")
    assert table_row.nth(1).text_content() == "2" and table_row.nth(2).text_content() == "3"
    assert details.locator(".js-partners li").all_inner_texts() == ["Org A (2)", "Org C (1)"]
    highlighted = page.evaluate(f"{CY}.nodes('.partner').map(n => n.data('name')).sort()")
    assert highlighted == ["Org A", "Org C"]
    assert page.evaluate(f"{CY}.nodes('.faded').map(n => n.data('name')).sort()") == [org_e.name, "Org G"]

    # With the panel filled and a sector hidden, the page still has no serious accessibility problem.
    page.locator(".js-sector-filter[value='media']").uncheck()
    assert axe_violations(page, url("")) == []
    page.locator(".js-sector-filter[value='media']").check()

    # Tapping a node in the picture selects it too; its profile is one link away.
    page.evaluate(f"{CY}.nodes().filter(n => n.data('name') === 'Org G').emit('tap')")
    expect(details.get_by_role("heading", name="Org G")).to_be_visible()
    expect(page.locator("#network-pick")).to_have_value(str(org_g.pk))
    details.get_by_role("link", name="Open the profile").click()
    page.wait_for_url(url("/organizations/org-g/"))
    assert problems == []


def test_network_works_on_a_390_px_phone(world, browser, live_server):
    build_network(world)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    from django.test import Client

    client = Client()
    client.force_login(world.coordinator)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    problems = watch_console(page)
    page.goto(live_server.url + "/coalitions/coalition-a/")
    network = page.locator("#network")
    expect(network).to_have_attribute("data-node-count", "5")
    assert network.bounding_box()["width"] <= 390
    box = page.evaluate(f"{CY}.elements().renderedBoundingBox()")
    size = network.bounding_box()
    assert box["x1"] >= 0 and box["x2"] <= size["width"] and box["y2"] <= size["height"]
    page.locator("#network-pick").select_option(label="Org A")
    expect(page.locator("#network-details").get_by_role("heading", name="Org A")).to_be_visible()
    page.locator(".js-sector-filter[value='media']").uncheck()
    expect(network).to_have_attribute("data-visible-nodes", "4")
    # Nothing of the network's section is wider than the phone (its tables scroll in their own box).
    widest = page.evaluate(
        """() => Math.max(...Array.from(document.querySelectorAll('.network-section *'))
             .filter(e => !e.closest('.table-scroll') && e.getClientRects().length)
             .map(e => e.getBoundingClientRect().right))"""
    )
    assert widest <= 390
    assert problems == []
    context.close()


def test_without_javascript_only_the_table_shows(world, browser, live_server):
    build_network(world)
    context = browser.new_context(java_script_enabled=False)
    from django.test import Client

    client = Client()
    client.force_login(world.coordinator)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/coalitions/coalition-a/")
    expect(page.locator(".network-layout")).to_be_hidden()
    page.locator("summary", has_text="Show the network as a table").click()
    expect(page.locator("#network-nodes tbody tr")).to_have_count(5)
    context.close()
