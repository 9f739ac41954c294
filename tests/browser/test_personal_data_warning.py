"""Free-text fields warn the person typing when the text looks like personal data."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_typing_an_email_or_a_birth_date_into_outcomes_shows_a_warning_that_goes_away(world, page, url, sign_in):
    sign_in(world.coordinator)
    page.goto(url("/meetings/new/"))
    outcomes = page.locator("textarea[name=outcomes]")
    warning = page.locator("#" + (outcomes.get_attribute("id") or "outcomes") + "-pii-warning")
    expect(warning).to_be_hidden()
    outcomes.fill("Agreed the referral protocol; 12 partners attended.")
    expect(warning).to_be_hidden()
    outcomes.fill("Follow up with jane@example.org, born 12/03/1999")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("e-mail address")
    expect(warning).to_contain_text("date of birth")
    expect(warning).to_contain_text("victim or survivor")
    assert warning.get_attribute("id") in (outcomes.get_attribute("aria-describedby") or "")
    outcomes.fill("Agreed the referral protocol.")
    expect(warning).to_be_hidden()
