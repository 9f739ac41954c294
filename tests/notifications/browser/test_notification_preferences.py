"""Choosing which e-mails to receive, and the unsubscribe link's confirm page, in a real browser
(at a phone's 390 px too)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notifications.choices import Topic
from notifications.models import NotificationPreference
from notifications.tokens import unsubscribe_token
from tests import factories as f
from tests.browser.helpers import axe_violations, has_horizontal_scroll

pytestmark = pytest.mark.browser


def test_a_coordinator_turns_renewal_reminders_off_from_the_account_page(
    transactional_db, page, sign_in, url, live_server
):
    coalition = f.coalition("Coalition A")
    coordinator = f.user("coordinator", coordinates=[coalition])
    sign_in(coordinator)
    page.goto(url(reverse("partners:account")))
    page.get_by_role("link", name="Choose which e-mails you receive").click()
    expect(page.get_by_role("heading", name="E-mail preferences")).to_be_visible()
    assert axe_violations(page, live_server.url) == []

    renewals = page.get_by_label("Renewal reminders")
    expect(renewals).to_be_checked()
    expect(page.get_by_label("Weekly digest")).to_be_checked()
    expect(page.get_by_text("60 and 30 days before a partnership")).to_be_visible()  # help beside the box
    renewals.uncheck()
    page.get_by_role("button", name="Save preferences").click()

    expect(page.get_by_text("Your e-mail preferences were saved.")).to_be_visible()
    expect(page.get_by_label("Renewal reminders")).not_to_be_checked()
    pref = NotificationPreference.objects.get(user=coordinator)
    assert pref.renewals is False and pref.digest is True and pref.meetings is True


def test_the_preferences_page_works_at_a_phones_width(transactional_db, page, sign_in, url):
    member = f.user("member", org=f.organization("Org A"))
    sign_in(member)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url(reverse("notifications:preferences")))
    expect(page.get_by_label("Meeting invitations and reminders")).to_be_visible()
    expect(page.get_by_label("Weekly digest")).to_have_count(0)  # members get no digest
    assert not has_horizontal_scroll(page)
    page.get_by_label("Meeting invitations and reminders").uncheck()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_text("Your e-mail preferences were saved.")).to_be_visible()
    assert NotificationPreference.objects.get(user=member).meetings is False


def test_the_unsubscribe_link_asks_first_then_unsubscribes_without_a_sign_in(transactional_db, page, url, live_server):
    member = f.user("member", org=f.organization("Org A"))
    link = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(topic=Topic.MEETINGS, user=member)})
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url(link))
    expect(
        page.get_by_text("Stop sending “Meeting invitations and reminders” e-mails to member@example.org?")
    ).to_be_visible()
    assert not NotificationPreference.objects.filter(user=member).exists()  # opening the link changed nothing
    assert not has_horizontal_scroll(page)
    assert axe_violations(page, live_server.url) == []
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("status")).to_contain_text("will no longer receive")
    assert NotificationPreference.objects.get(user=member).meetings is False
