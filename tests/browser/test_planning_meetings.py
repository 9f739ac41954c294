"""Planned meetings in a real browser: planning with an agenda and invitees, replying as an
invitee, recording attendance, adding and closing an action item; the forms at 390 px."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partners.choices import ActionItemStatus, InvitationReply
from partners.models import ActionItem, Invitation, Meeting
from partners.services.planning import AgendaItemInput, InvitationInput, meeting_plan
from tests import factories as f
from tests.browser.helpers import axe_violations, has_horizontal_scroll

pytestmark = pytest.mark.browser


def invite(page, text: str, expected_name: str) -> None:
    box = page.locator("#invitee-search")
    box.fill("")
    box.press_sequentially(text, delay=20)
    expect(page.locator("#invitee-listbox [role=option]", has_text=expected_name).first).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(page.locator("#invitee-list li", has_text=expected_name)).to_have_count(1)


def planned(world, *, days: int, **data) -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=days)
    return meeting_plan(
        actor=world.coordinator,
        title=data.pop("title", "Quarterly coalition meeting"),
        coalition=world.coalition_a,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="City Hall",
        agenda=[AgendaItemInput("Welcome")],
        invitations=[InvitationInput(organization=o) for o in (world.org_a, world.org_b, world.org_c)],
        **data,
    )


def test_a_coordinator_plans_a_meeting_with_an_agenda_and_invitees(world, page, url, sign_in):
    world.coalition_a.time_zone = "Europe/Brussels"
    world.coalition_a.save()
    sign_in(world.coordinator)
    page.goto(url("/"))
    page.locator("#plan-meeting").click()
    expect(page.get_by_role("heading", name="Plan a meeting")).to_be_visible()
    page.get_by_label("Title").fill("Spring coalition meeting")
    page.get_by_label("Coalition").select_option("coalition-a")
    day = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Day").fill(day.isoformat())
    page.get_by_label("Starts at").fill("09:30")
    page.get_by_label("Ends at").fill("11:00")
    page.get_by_label("Place").fill("City Hall, room 2")
    page.get_by_label("Item 1", exact=True).fill("Welcome")
    page.get_by_label("Item 2", exact=True).fill("Referral protocol")
    page.get_by_label("Presented by (item 2)").select_option("org-b")
    invite(page, "org a", "Org A")
    invite(page, "org b", "Org B")
    page.get_by_role("button", name="Plan and invite").click()
    expect(page.get_by_role("heading", name=re.compile("Spring coalition meeting"))).to_be_visible()
    expect(page.locator("#agenda li")).to_have_count(2)
    expect(page.locator("#agenda")).to_contain_text("presented by Org B")
    expect(page.locator("main")).to_contain_text("Europe/Brussels")
    meeting = Meeting.objects.get(title="Spring coalition meeting")
    assert set(meeting.invitations.values_list("organization__slug", flat=True)) == {"org-a", "org-b"}
    assert meeting.local_starts_at.strftime("%H:%M") == "09:30"


def test_an_invitee_replies_from_the_dashboard_and_the_meeting_page(world, page, url, sign_in):
    meeting = planned(world, days=5)
    sign_in(world.member)
    page.goto(url("/"))
    block = page.locator(f'#invitations-block li[data-meeting="{meeting.pk}"]')
    expect(block).to_be_visible()
    block.get_by_role("button", name=re.compile("^Maybe")).click()
    expect(page.locator(f'#invitations-block li[data-meeting="{meeting.pk}"]')).to_contain_text("Reply: Maybe")
    page.goto(url(meeting.get_absolute_url()))
    page.locator("#reply").get_by_role("button", name="Attending", exact=True).click()
    expect(page.locator("#current-reply")).to_have_text("Attending")
    assert Invitation.objects.get(meeting=meeting, organization=world.org_a).reply == InvitationReply.ATTENDING


def test_the_organiser_records_attendance_in_one_step(world, page, url, sign_in):
    meeting = planned(world, days=-1)
    Invitation.objects.filter(meeting=meeting, organization=world.org_a).update(reply=InvitationReply.ATTENDING)
    Invitation.objects.filter(meeting=meeting, organization=world.org_c).update(reply=InvitationReply.NOT_ATTENDING)
    sign_in(world.coordinator)
    page.goto(url(meeting.get_absolute_url()))
    page.locator("#record-attendance").click()
    expect(page.get_by_role("heading", name="Who came?")).to_be_visible()
    expect(page.locator('input[name=came][value="org-a"]')).to_be_checked()
    expect(page.locator('input[name=came][value="org-b"]')).to_be_checked()
    expect(page.locator('input[name=came][value="org-c"]')).not_to_be_checked()
    page.locator('input[name=came][value="org-b"]').uncheck()  # org B did not come after all
    page.locator('input[name=came][value="org-c"]').check()  # org C did
    page.locator('input[name=host][value="org-a"]').check()
    page.locator("#save-attendance").click()
    expect(page.locator("#participants")).to_contain_text("Org A")
    expect(page.locator("#participants")).to_contain_text("Org C")
    expect(page.locator("#participants")).not_to_contain_text("Org B")
    assert sorted(meeting.participations.values_list("organization__slug", "role")) == [
        ("org-a", "host"),
        ("org-c", "participant"),
    ]


def test_adding_and_closing_an_action_item(world, page, url, sign_in):
    meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, title="Held meeting")
    sign_in(world.coordinator)
    page.goto(url(meeting.get_absolute_url()))
    page.locator("#add-action-item").click()
    page.get_by_label("What is to be done").fill("Circulate the protocol")
    page.get_by_label("Owner organisation").select_option("org-a")
    page.get_by_label("Owner (person)").select_option("member")
    page.get_by_label("Due on").fill((timezone.localdate() + datetime.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".action-items")).to_contain_text("Circulate the protocol")
    # The owner closes it from "My action items".
    page.context.clear_cookies()
    sign_in(world.member)
    page.goto(url("/action-items/"))
    item = page.locator(".action-items li", has_text="Circulate the protocol")
    expect(item).to_be_visible()
    item.get_by_role("button", name=re.compile("Mark done")).click()
    expect(page.locator("main")).to_contain_text("is now done")
    expect(page.locator(".action-items li", has_text="Circulate the protocol")).to_have_count(0)  # open ones only
    assert ActionItem.objects.get().status == ActionItemStatus.DONE


@pytest.mark.parametrize("path", ["plan", "meeting", "attendance"])
def test_the_planning_pages_work_at_390_px_and_pass_axe(world, page, url, sign_in, live_server, path):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(world.coordinator)
    meeting = planned(world, days=-1 if path == "attendance" else 3)
    target = {
        "plan": "/meetings/plan/",
        "meeting": meeting.get_absolute_url(),
        "attendance": f"/meetings/{meeting.pk}/attendance/",
    }[path]
    page.goto(url(target))
    expect(page.locator("main h1")).to_be_visible()
    assert not has_horizontal_scroll(page)
    assert axe_violations(page, live_server.url) == []
