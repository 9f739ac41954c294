"""In a real browser: a member of one coalition logs an activity into it without choosing it, and
a coordinator files an activity without a coalition from the coalition's data-quality list.
Set CT_SCREENSHOTS=<dir> to keep screenshots of both pages at desktop and phone widths."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from partners.models import Meeting
from tests import factories as f

pytestmark = pytest.mark.browser
WIDTHS = {"desktop": 1280, "phone": 390}


def snapshots(page, name: str) -> None:
    folder = os.environ.get("CT_SCREENSHOTS")
    if not folder:
        return
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=os.path.join(folder, f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_member_of_one_coalition_logs_into_it_without_choosing(world, page, url, sign_in):
    sign_in(world.member)
    page.goto(url("/meetings/new/"))
    coalition = page.get_by_label("Coalition", exact=True)
    expect(coalition).to_have_value("coalition-a")
    expect(page.get_by_text("counts in no coalition's figures")).to_be_visible()
    snapshots(page, "log-member")
    page.get_by_label("Title").fill("Case review with B")
    page.locator("#participant-search").press_sequentially("Org B", delay=20)
    expect(page.locator("#participant-listbox [role=option]", has_text="Org B").first).to_be_visible()
    page.locator("#participant-search").press("ArrowDown")
    page.locator("#participant-search").press("Enter")
    page.locator("main").get_by_role("button", name="Log activity").click()
    expect(page.get_by_role("heading", name="Case review with B")).to_be_visible()
    assert Meeting.objects.get(title="Case review with B").coalition == world.coalition_a


def test_a_coordinator_files_an_activity_without_a_coalition(world, page, url, sign_in):
    m = f.meeting([world.org_a, world.org_b], kind="case_coordination", title="Unfiled case review")
    f.meeting([world.org_a, world.org_b], kind="training", title="Unfiled training")
    sign_in(world.coordinator)
    page.goto(url("/coalitions/coalition-a/"))
    page.locator("a", has_text="Activities without a coalition").click()
    expect(page.get_by_role("heading", name="Activities without a coalition")).to_be_visible()
    snapshots(page, "unfiled-coordinator")
    page.locator("li", has_text="Unfiled case review").get_by_role("button", name="Add to Coalition A").click()
    expect(page.get_by_text(re.compile(r"1 activity added to Coalition A"))).to_be_visible()
    expect(page.get_by_text("Unfiled case review")).to_have_count(0)
    expect(page.get_by_text("Unfiled training")).to_be_visible()
    assert Meeting.objects.get(pk=m.pk).coalition == world.coalition_a
