"""axe-core finds no serious or critical problem on the main pages; phones need no sideways scrolling."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.browser.helpers import axe_violations, has_horizontal_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def busy_world(world):
    """Enough activity for the charts, the network and the matrix to be drawn."""
    contact_org = world.org_a
    f.contact(contact_org, name="Alex Example", email="alex@example.org")
    f.partnership([world.org_a, world.org_b], title="A–B referral protocol", coalition=world.coalition_a)
    f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, hosts=[world.org_a])
    f.meeting([world.org_a, world.org_b, world.org_d], coalition=world.coalition_a, kind="training")
    return world


def test_axe_finds_no_serious_or_critical_violation_on_the_main_pages(busy_world, page, url, live_server, sign_in):
    page.goto(url("/"))  # the anonymous landing page
    assert axe_violations(page, live_server.url) == []
    sign_in(busy_world.coordinator)
    for path in (
        "/",
        "/organizations/",
        "/organizations/org-a/",
        "/coalitions/coalition-a/",
        "/meetings/new/",
    ):
        page.goto(url(path))
        page.wait_for_load_state("load")
        assert axe_violations(page, live_server.url) == [], path


def test_axe_finds_nothing_serious_with_the_type_ahead_open(busy_world, page, url, live_server, sign_in):
    sign_in(busy_world.member)
    page.goto(url("/meetings/new/"))
    page.locator("#participant-search").press_sequentially("org", delay=20)
    page.locator("#participant-listbox [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert axe_violations(page, live_server.url) == []


@pytest.mark.parametrize("path", ["/organizations/", "/meetings/new/"])
def test_phone_sized_pages_need_no_horizontal_scrolling(busy_world, browser, live_server, path):
    from django.test import Client

    client = Client()
    client.force_login(busy_world.member)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + path)
    page.wait_for_load_state("load")
    assert not has_horizontal_scroll(page)
    if path == "/meetings/new/":
        # Picking organisations keeps the form within the screen too.
        page.locator("#participant-search").press_sequentially("org", delay=20)
        page.locator("#participant-listbox [role=option]").first.wait_for()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        assert page.locator("#participant-list li").count() == 2
        assert not has_horizontal_scroll(page)
    context.close()


def test_main_pages_break_no_content_security_policy_rule(busy_world, page, url, sign_in):
    """No inline script or style, so the strict policy blocks nothing and the charts still draw."""
    messages = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    sign_in(busy_world.coordinator)
    for path in ("/", "/organizations/", "/organizations/org-a/", "/coalitions/coalition-a/", "/meetings/new/"):
        page.goto(url(path))
        page.wait_for_load_state("load")
        assert page.evaluate("window.__csp") == [], path
    assert messages == []
    page.goto(url("/coalitions/coalition-a/"))
    assert page.locator("#network canvas").count() > 0  # cytoscape drew under the policy
    assert page.locator("canvas.js-bar-chart").first.bounding_box()["height"] > 50
