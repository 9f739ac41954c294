"""People in the browser: an admin invites a person, who follows the e-mailed link, chooses a
username and password and signs in; a member updates and confirms their organisation's contacts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from partners.models import Contact
from tests import factories as f
from tests.browser.helpers import axe_violations

pytestmark = pytest.mark.browser
PASSWORD = "a long and unusual passphrase 42"


def test_an_invited_person_follows_the_link_sets_a_password_and_signs_in(
    world, page, context, url, sign_in, live_server
):
    sign_in(world.admin)
    page.goto(url("/people/"))
    expect(page.locator("#users")).to_contain_text("member")
    assert axe_violations(page, live_server.url) == []
    page.get_by_role("button", name="Invite a person").click()
    assert axe_violations(page, live_server.url) == []
    page.get_by_label("E-mail address").fill("kim@example.org")
    page.get_by_label("Organisation").select_option(label="Org B")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator("main")).to_contain_text("The invitation was sent to kim@example.org")
    expect(page.locator("#pending-invitations")).to_contain_text("kim@example.org")

    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    context.clear_cookies()  # the invited person, in their own browser
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Make your account")
    expect(page.locator("main")).to_contain_text("member of Org B")
    assert axe_violations(page, live_server.url) == []
    page.get_by_label("Username").fill("kim")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Make my account").click()

    page.wait_for_url(re.compile(r"/accounts/login/"))
    expect(page.locator("main")).to_contain_text("Your account is ready")
    page.fill("input[name=username]", "kim")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Welcome, kim")

    # The link was for one use only.
    context.clear_cookies()
    page.goto(link)
    expect(page.locator("#invitation-problem")).to_contain_text("already been used")


def test_a_member_updates_and_confirms_their_contacts(world, page, url, sign_in, live_server):
    f.contact(world.org_a, "Alex Example", title="Officer", last_confirmed_on=datetime.date(2020, 5, 4))
    f.contact(world.org_a, "Kim Current", last_confirmed_on=datetime.date.today())
    sign_in(world.member)
    page.goto(url("/"))
    expect(page.locator("#contacts-due")).to_contain_text("1 contact of Org A")
    page.get_by_role("button", name="Confirm or update contacts").click()
    expect(page.locator("#contacts")).to_contain_text("Not confirmed since 4 May 2020")
    assert axe_violations(page, live_server.url) == []

    page.get_by_role("link", name="Edit Alex Example").click()
    page.get_by_label("Job title").fill("Detective sergeant")
    page.get_by_role("button", name="Save contact").click()
    expect(page.locator("main")).to_contain_text("The contact was saved and confirmed as current")
    expect(page.locator("#contacts")).not_to_contain_text("Not confirmed since")

    page.get_by_role("button", name="Add a contact").click()
    page.get_by_label("Name").fill("Robin New")
    page.get_by_role("button", name="Save contact").click()
    expect(page.locator("#contacts")).to_contain_text("Robin New")

    page.get_by_role("button", name="All contacts are current").click()
    expect(page.locator("main")).to_contain_text("3 contacts are confirmed as current today")
    assert set(Contact.objects.values_list("last_confirmed_on", flat=True)) == {datetime.date.today()}
    assert Contact.objects.get(name="Alex Example").title == "Detective sergeant"

    page.goto(url("/"))
    expect(page.locator("main")).not_to_contain_text("Are your contacts still current?")
