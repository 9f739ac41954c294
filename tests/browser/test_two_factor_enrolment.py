"""A coordinator's first sign-in under the production default walks through two-factor enrolment."""

from __future__ import annotations

import re
from base64 import b32decode
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests import factories as f
from tests.browser.helpers import axe_violations

pytestmark = pytest.mark.browser


def app_code(key_as_shown: str) -> str:
    """What an authenticator app shows for the key typed from the page (RFC 6238: 30 s, 6 digits)."""
    key = key_as_shown.replace(" ", "")
    return str(totp(b32decode(key + "=" * (-len(key) % 8)), step=30, t0=0, digits=6)).zfill(6)


def test_a_new_coordinator_enrols_saves_recovery_codes_and_reaches_the_dashboard(
    world, page, url, live_server, settings
):
    settings.TWO_FACTOR_REQUIRED_FOR = ["admin", "coordinator"]  # the production default
    f.user("new-coordinator", coordinates=[world.coalition_a])
    page.goto(url("/accounts/login/"))
    page.fill("input[name=username]", "new-coordinator")
    page.fill("input[name=password]", "pw-for-tests-1")
    page.click("main button[type=submit]")

    # After the password: the enrolment page, with its explanation and the key to type.
    page.wait_for_url(re.compile(r"/account/two-factor/"))
    expect(page.locator("main")).to_contain_text("Your role requires two-factor sign-in")
    assert axe_violations(page, live_server.url) == []
    key = page.locator("#totp-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7 ]{32,}", key)

    # Nothing else opens until enrolment is done.
    page.goto(url("/organizations/"))
    page.wait_for_url(re.compile(r"/account/two-factor/"))
    expect(page.locator("#totp-secret")).to_have_text(key)  # the same key, not a new one

    page.get_by_label(re.compile("Six-digit code")).fill(app_code(key))
    page.get_by_role("button", name="Confirm").click()

    # The recovery codes, once, with a download and an "I have saved them" step.
    page.wait_for_url(re.compile(r"/account/two-factor/recovery-codes/"))
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    assert axe_violations(page, live_server.url) == []
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as text").click()
    saved = Path(download.value.path()).read_text()
    assert all(code in saved for code in codes)
    page.get_by_role("button", name=re.compile("I have saved them")).click()
    page.wait_for_url(url("/organizations/"))
    page.goto(url("/"))
    expect(page.locator("main h1")).to_be_visible()
    assert "/account/two-factor/" not in page.url

    # A reload of the codes page does not show them again.
    page.goto(url("/account/two-factor/recovery-codes/"))
    expect(page.locator("#recovery-codes")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("already shown")
