"""In a real browser: a coordinator acknowledges an attention item, then snoozes it; it leaves
the list and is found under "Snoozed". At 390 px wide."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from health.models import AttentionWork
from tests import factories as f
from tests.browser.helpers import axe_violations, has_horizontal_scroll

pytestmark = pytest.mark.browser


def test_a_coordinator_acknowledges_and_snoozes_an_item(world, page, url, sign_in, live_server):
    today = timezone.localdate()
    f.partnership(
        [world.org_a, world.org_b],
        coalition=world.coalition_a,
        title="Referral MOU",
        start_date=today - datetime.timedelta(days=30),
        renewal_date=today + datetime.timedelta(days=20),
    )
    sign_in(world.coordinator)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(url("/coalitions/coalition-a/attention/?kind=renewal_due"))
    item = page.locator(".attention-list li", has_text="Referral MOU")
    item.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_text("Acknowledged.")).to_be_visible()
    item = page.locator(".attention-list li", has_text="Referral MOU")
    expect(item.locator(".tag.state-acknowledged")).to_be_visible()
    assert not has_horizontal_scroll(page)

    item.locator("summary", has_text="Snooze").click()
    until = today + datetime.timedelta(days=14)
    item.get_by_label("Snooze until").fill(until.isoformat())
    item.get_by_label("Why it can wait").fill("The board meets next month")
    item.locator("summary", has_text="Resolve").click()
    assert axe_violations(page, live_server.url) == []
    assert not has_horizontal_scroll(page)
    item.get_by_role("button", name="Snooze", exact=True).click()
    expect(page.get_by_text("Snoozed: it comes back by itself")).to_be_visible()
    expect(page.locator(".attention-list li", has_text="Referral MOU")).to_have_count(0)

    page.get_by_role("link", name="Snoozed (1)").click()
    expect(page.get_by_text("The board meets next month")).to_be_visible()
    work = AttentionWork.objects.get()
    assert (work.state, work.snoozed_until, work.events.count()) == ("snoozed", until, 2)
