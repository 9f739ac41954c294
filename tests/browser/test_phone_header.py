"""On a phone the header folds its links behind a Menu button; on a laptop, or without
JavaScript, the links are simply there."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_links_fold_behind_a_menu_button(world, page, url, sign_in):
    sign_in(world.coordinator)
    page.set_viewport_size(PHONE)
    page.goto(url("/organizations/"))
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 90, f"the header takes {header['height']}px of {PHONE['height']}"
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#site-links").get_by_role("link", name="Coalitions")).to_be_hidden()

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#site-links").get_by_role("link", name="Coalitions")).to_be_visible()
    expect(page.locator("#site-links a").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()

    menu.click()
    page.locator("#site-links").get_by_role("link", name="Coalitions").click()
    expect(page).to_have_url(url("/coalitions/"))


def test_on_a_laptop_the_links_show_and_there_is_no_menu_button(world, page, url, sign_in):
    sign_in(world.coordinator)
    page.goto(url("/organizations/"))
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.locator("#site-links").get_by_role("link", name="Coalitions")).to_be_visible()


def test_without_javascript_a_phone_shows_the_links(world, browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/organizations/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.locator("#site-links").get_by_role("link", name="Directory")).to_be_visible()
    context.close()


def test_admin_tools_are_one_menu_for_admins_and_only_import_for_coordinators(world, page, url, sign_in, context):
    sign_in(world.admin)
    page.goto(url("/organizations/"))
    tools = page.locator("details.nav-tools", has_text="Admin tools")
    tools.locator("summary").click()
    names = tools.get_by_role("link").all_inner_texts()
    assert names == [
        "People and invitations",
        "Import spreadsheets",
        "Deleted records",
        "Audit trail",
        "Directory export (Open Referral)",
        "Site administration",
    ]
    hrefs = [link.get_attribute("href") for link in tools.get_by_role("link").all()]
    for href in hrefs:
        assert page.request.get(url(href)).status == 200, href

    context.clear_cookies()
    sign_in(world.coordinator)
    page.goto(url("/organizations/"))
    expect(page.locator("details.nav-tools", has_text="Admin tools")).to_have_count(0)
    expect(page.locator("#site-links").get_by_role("link", name="Import")).to_be_visible()

    context.clear_cookies()
    sign_in(world.member)
    page.goto(url("/organizations/"))
    expect(page.locator("details.nav-tools", has_text="Admin tools")).to_have_count(0)
    expect(page.locator("#site-links").get_by_role("link", name="Import")).to_have_count(0)


def test_the_account_menu_signs_out(world, page, url, sign_in):
    sign_in(world.member)
    page.goto(url("/organizations/"))
    account = page.locator("details.nav-tools", has_text="Account")
    account.locator("summary").click()
    expect(account.get_by_role("link", name="E-mail preferences")).to_be_visible()
    account.get_by_role("button", name="Sign out").click()
    expect(page.locator("#site-links").get_by_role("button", name="Sign in")).to_be_visible()
