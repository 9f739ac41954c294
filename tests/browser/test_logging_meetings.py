"""Logging an activity in a real browser: type-ahead picking, the keyboard alone, and the profile's count."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from partners.models import Meeting
from tests import factories as f
from tests.browser.helpers import tab_to

pytestmark = pytest.mark.browser


def pick(page, text: str, expected_name: str) -> None:
    """Type into the organisation search, wait for the option, choose it with the arrow key and Enter."""
    box = page.locator("#participant-search")
    box.fill("")
    box.press_sequentially(text, delay=20)
    expect(page.locator("#participant-listbox [role=option]", has_text=expected_name).first).to_be_visible()
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile(r"-opt-0$"))
    box.press("Enter")
    expect(page.locator("#participant-list li", has_text=expected_name)).to_have_count(1)


def collaboration_count(page, url, org_slug: str, partner_slug: str) -> int:
    page.goto(url(f"/organizations/{org_slug}/"))
    cell = page.locator(f'tr[data-partner="{partner_slug}"] [data-count]')
    return int(cell.inner_text()) if cell.count() else 0


def test_member_signs_in_logs_a_meeting_of_three_and_sees_the_count_go_up(world, page, url):
    f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, title="Earlier meeting")
    # The real sign-in form (every other browser test uses a session cookie).
    page.goto(url("/accounts/login/"))
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()

    before = collaboration_count(page, url, "org-a", "org-b")
    assert before == 1

    page.goto(url("/"))
    page.locator("#log-activity").click()
    expect(page.get_by_role("heading", name="Log an activity")).to_be_visible()
    page.wait_for_load_state("load")  # the type-ahead's script runs before the load event
    page.get_by_label("Title").fill("Case coordination with B and C")
    page.get_by_label("Kind of activity").select_option("case_coordination")
    # The form starts with the member's organisation; pick all three through the type-ahead.
    page.locator('#participant-list li[data-slug="org-a"] [data-remove]').click()
    expect(page.locator("#participant-list li")).to_have_count(0)
    pick(page, "org a", "Org A")
    pick(page, "org b", "Org B")
    pick(page, "org c", "Org C")
    page.locator('#participant-list li[data-slug="org-a"] input[name=host]').check()
    page.get_by_role("button", name="Log activity", exact=True).click()

    expect(page.get_by_role("heading", name="Case coordination with B and C")).to_be_visible()
    meeting = Meeting.objects.get(title="Case coordination with B and C")
    assert sorted(meeting.organizations.values_list("slug", flat=True)) == ["org-a", "org-b", "org-c"]
    assert meeting.participations.get(organization=world.org_a).role == "host"
    assert collaboration_count(page, url, "org-a", "org-b") == before + 1


def test_logging_form_can_be_completed_with_the_keyboard_alone(world, page, url, sign_in):
    sign_in(world.member)
    page.goto(url("/meetings/new/"))
    tab_to(page, "#id_date")  # prefilled with today; Tab walks through its day, month and year
    tab_to(page, "#id_kind")
    page.keyboard.type("Tr")  # a focused select picks by typing: "Training"
    tab_to(page, "#id_title")
    page.keyboard.type("Keyboard-only training")
    tab_to(page, "#participant-search")
    page.keyboard.type("org b", delay=20)
    expect(page.locator("#participant-listbox [role=option]", has_text="Org B")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator('#participant-list li[data-slug="org-b"]')).to_have_count(1)
    # Escape closes the list without picking; the focus stays in the search box.
    page.keyboard.type("org c", delay=20)
    expect(page.locator("#participant-listbox")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#participant-listbox")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "participant-search"
    page.keyboard.press("Escape")  # a second Escape clears the text
    tab_to(page, 'input[name="attendees-org-b"]')
    page.keyboard.type("4")
    tab_to(page, "#id_outcomes")
    page.keyboard.type("Trained eight staff on referral indicators.")
    tab_to(page, 'button[name="save"]')
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Keyboard-only training")).to_be_visible()
    meeting = Meeting.objects.get(title="Keyboard-only training")
    assert meeting.kind == "training"
    assert sorted(meeting.organizations.values_list("slug", flat=True)) == ["org-a", "org-b"]
    assert meeting.participations.get(organization=world.org_b).attendees == 4
