"""After a failed submit, the focus moves to an error summary that links to each field in error."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from partners.models import Organization
from tests import factories as f
from tests.browser.helpers import axe_violations, has_horizontal_scroll

pytestmark = pytest.mark.browser


def test_a_failed_submit_focuses_the_summary_whose_links_reach_each_field(world, page, url, sign_in, live_server):
    sign_in(world.admin)
    page.goto(url(f"/organizations/{world.org_a.slug}/edit/"))
    page.get_by_label("Name").fill("")
    page.get_by_label("Website").fill("not an address")
    page.get_by_role("button", name="Save").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Please correct the errors below")
    assert axe_violations(page, live_server.url) == []
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_contain_text("Name")
    expect(links.nth(1)).to_contain_text("Website")

    links.nth(1).click()
    expect(page.get_by_label("Website")).to_be_focused()
    links.nth(0).click()
    expect(page.get_by_label("Name")).to_be_focused()
    assert Organization.objects.get(pk=world.org_a.pk).name == "Org A"


@pytest.mark.parametrize("width", [360, 1280])
def test_error_pages_are_accessible_and_fit_a_phone(world, page, url, sign_in, live_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url("/no-such-page/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    assert axe_violations(page, live_server.url) == []
    assert not has_horizontal_scroll(page)
    sign_in(world.member)
    meeting = f.meeting([world.org_b, world.org_c], coalition=world.coalition_a)
    response = page.goto(url(f"/meetings/{meeting.pk}/edit/"))
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot open this page")
    assert axe_violations(page, live_server.url) == []
    assert not has_horizontal_scroll(page)
