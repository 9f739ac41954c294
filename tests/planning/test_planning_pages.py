"""The planning pages: plan with an agenda and invitees, reply from the dashboard and the
meeting page, cancel, record attendance, minutes and action items; permissions change nothing
when refused; lists cost a constant number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from partners.choices import ActionItemStatus, InvitationReply, MeetingVisibility
from partners.models import ActionItem, Invitation, Meeting
from tests import factories as f
from tests.planning.conftest import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as():
    def make(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


def plan_form(**overrides) -> dict:
    day = timezone.localdate() + datetime.timedelta(days=5)
    data = {
        "title": "Spring coalition meeting",
        "coalition": "coalition-a",
        "kind": "coalition_meeting",
        "visibility": "coalition",
        "day": str(day),
        "start_time": "09:30",
        "end_time": "11:00",
        "place": "City Hall",
        "online_link": "",
        "agenda-rows": "4",
        "agenda-1-title": "Welcome",
        "agenda-1-presenter": "",
        "agenda-2-title": "Referral protocol",
        "agenda-2-presenter": "org-b",
        "agenda-3-title": "",
        "agenda-3-presenter": "",
        "invitee": ["org-a", "org-b"],
    }
    data.update(overrides)
    return data


def test_a_coordinator_plans_a_meeting_with_an_agenda_and_invitees(world, client_as):
    world.coalition_a.time_zone = "Asia/Bangkok"
    world.coalition_a.save()
    client = client_as(world.coordinator)
    assert client.get("/meetings/plan/").status_code == 200
    response = client.post("/meetings/plan/", plan_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get()
    assert meeting.starts_at == timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=5), datetime.time(2, 30)),
        datetime.UTC,
    )
    assert [(a.title, a.presenter_id) for a in meeting.agenda_items.all()] == [
        ("Welcome", None),
        ("Referral protocol", world.org_b.pk),
    ]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Asia/Bangkok" in page and "09:30" in page and "Referral protocol" in page


def test_the_plan_form_shows_messages_beside_the_fields(world, client_as):
    client = client_as(world.coordinator)
    response = client.post("/meetings/plan/", plan_form(end_time="08:00", invitee=[], **{"agenda-2-title": ""}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "The end must come after the start." in page
    assert "Invite at least one organisation." in page
    assert "Give each agenda item a title" in page
    assert not Meeting.objects.exists()


def test_an_outsider_cannot_plan_in_coalition_a(world, client_as):
    response = client_as(world.outsider).post("/meetings/plan/", plan_form(invitee=["org-d"]))
    assert response.status_code == 400  # coalition A is not among their choices
    assert not Meeting.objects.exists()


def test_an_invitee_replies_from_the_dashboard_and_the_organiser_sees_it(world, plan, client_as):
    meeting = plan()
    member = client_as(world.member)
    dashboard = member.get("/").content.decode()
    assert "Meetings you are invited to" in dashboard and meeting.title in dashboard
    response = member.post(f"/meetings/{meeting.pk}/reply/", {"reply": "maybe", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert Invitation.objects.get(meeting=meeting, organization=world.org_a).reply == InvitationReply.MAYBE
    organiser_page = client_as(world.coordinator).get(meeting.get_absolute_url()).content.decode()
    assert 'data-reply="maybe"' in organiser_page
    member_page = member.get(meeting.get_absolute_url()).content.decode()
    assert 'data-reply="' not in member_page  # other organisations' replies are not shown


def test_a_reply_to_an_outside_address_goes_back_to_the_meeting(world, plan, client_as):
    meeting = plan()
    response = client_as(world.member).post(
        f"/meetings/{meeting.pk}/reply/", {"reply": "attending", "next": "https://evil.example/"}
    )
    assert response["Location"] == meeting.get_absolute_url()


def test_an_uninvited_member_cannot_reply_and_nothing_changes(world, plan, client_as):
    meeting = plan(invite=[world.org_b])
    response = client_as(world.member).post(f"/meetings/{meeting.pk}/reply/", {"reply": "attending"})
    assert response.status_code == 403
    assert Invitation.objects.get(meeting=meeting).reply == InvitationReply.PENDING


def test_a_participants_only_plan_is_404_for_those_not_invited(world, plan, client_as):
    meeting = plan(visibility=MeetingVisibility.PARTICIPANTS, invite=[world.org_a])
    assert client_as(world.member).get(meeting.get_absolute_url()).status_code == 200
    assert client_as(world.outsider).get(meeting.get_absolute_url()).status_code == 404
    response = client_as(world.outsider).post(f"/meetings/{meeting.pk}/reply/", {"reply": "attending"})
    assert response.status_code == 404


def test_a_planned_meeting_shows_no_outcomes_and_no_minutes_link(world, plan, client_as):
    meeting = plan()
    Meeting.objects.filter(pk=meeting.pk).update(outcomes="Secretly decided things")
    page = client_as(world.coordinator).get(meeting.get_absolute_url()).content.decode()
    assert "Secretly decided things" not in page and "Write the minutes" not in page
    assert client_as(world.coordinator).get(f"/meetings/{meeting.pk}/minutes/").status_code == 200
    response = client_as(world.coordinator).post(f"/meetings/{meeting.pk}/minutes/", {"decisions": "x"})
    assert response.status_code == 400


def test_cancelling_shows_the_meeting_as_cancelled_and_off_the_dashboard(world, plan, client_as):
    meeting = plan()
    assert client_as(world.member).post(f"/meetings/{meeting.pk}/cancel/").status_code == 403
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None
    response = client_as(world.coordinator).post(f"/meetings/{meeting.pk}/cancel/")
    assert response.status_code == 302
    page = client_as(world.member).get(meeting.get_absolute_url()).content.decode()
    assert "This meeting was cancelled" in page
    assert "Meetings you are invited to" not in client_as(world.member).get("/").content.decode()


def test_attendance_ticks_the_invitees_and_becomes_participations(world, plan, client_as):
    meeting = plan(starts_at=in_days(-1), ends_at=in_days(-1, 12), invite=[world.org_a, world.org_b, world.org_c])
    Invitation.objects.filter(meeting=meeting, organization=world.org_c).update(reply=InvitationReply.NOT_ATTENDING)
    client = client_as(world.coordinator)
    page = client.get(f"/meetings/{meeting.pk}/attendance/").content.decode()
    assert 'name="came" value="org-a" checked' in page
    assert 'name="came" value="org-c" checked' not in page
    assert client_as(world.member).get(f"/meetings/{meeting.pk}/attendance/").status_code == 403
    response = client.post(
        f"/meetings/{meeting.pk}/attendance/", {"came": ["org-a", "org-b"], "host": ["org-a"], "attendees-org-b": "4"}
    )
    assert response.status_code == 302
    assert sorted(meeting.participations.values_list("organization__slug", "role", "attendees")) == [
        ("org-a", "host", None),
        ("org-b", "participant", 4),
    ]
    response = client.post(f"/meetings/{meeting.pk}/attendance/", {"came": []})
    assert response.status_code == 400
    assert meeting.participations.count() == 2


def test_minutes_and_action_items_after_the_meeting(world, plan, client_as):
    meeting = plan(starts_at=in_days(-1), ends_at=in_days(-1, 12))
    client = client_as(world.coordinator)
    client.post(f"/meetings/{meeting.pk}/attendance/", {"came": ["org-a", "org-b"]})
    response = client.post(f"/meetings/{meeting.pk}/minutes/", {"decisions": "Adopt the protocol.", "outcomes": ""})
    assert response.status_code == 302
    response = client.post(
        f"/meetings/{meeting.pk}/action-items/new/",
        {"title": "Circulate the protocol", "owner_organization": "org-a", "owner_user": "member", "due_on": ""},
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.owner_organization, item.owner_user) == (world.org_a, world.member)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Adopt the protocol." in page and "Circulate the protocol" in page
    mine = client_as(world.member).get("/action-items/").content.decode()
    assert "Circulate the protocol" in mine
    response = client_as(world.member).post(f"/action-items/{item.pk}/status/", {"status": "done"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ActionItemStatus.DONE and item.closed_at is not None


def test_the_owner_person_must_work_for_the_owner_organisation_on_the_page(world, plan, client_as):
    meeting = plan(starts_at=in_days(-1), ends_at=in_days(-1, 12))
    response = client_as(world.coordinator).post(
        f"/meetings/{meeting.pk}/action-items/new/",
        {"title": "x", "owner_organization": "org-b", "owner_user": "member"},
    )
    assert response.status_code == 400
    assert "Choose a person who works for the owner organisation." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_an_outsider_cannot_close_an_action_item(world, client_as):
    meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    item = ActionItem.objects.create(meeting=meeting, title="t", owner_organization=world.org_a)
    other_b = f.user("other-b", org=world.org_b)
    assert client_as(other_b).post(f"/action-items/{item.pk}/status/", {"status": "done"}).status_code == 403
    assert client_as(world.outsider).post(f"/action-items/{item.pk}/status/", {"status": "done"}).status_code == 404
    item.refresh_from_db()
    assert item.status == ActionItemStatus.OPEN


def test_coordinators_see_the_coalitions_overdue_action_items(world, client_as):
    meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    late = timezone.localdate() - datetime.timedelta(days=2)
    ActionItem.objects.create(meeting=meeting, title="Late one", owner_organization=world.org_b, due_on=late)
    ActionItem.objects.create(meeting=meeting, title="Fine one", owner_organization=world.org_b)
    url = "/coalitions/coalition-a/action-items/overdue/"
    page = client_as(world.coordinator).get(url).content.decode()
    assert "Late one" in page and "Fine one" not in page
    assert client_as(world.member).get(url).status_code == 403
    assert client_as(world.other_coordinator).get(url).status_code == 403
    assert "Overdue action items" in client_as(world.coordinator).get("/coalitions/coalition-a/").content.decode()


def test_our_action_items_lists_the_organisations_and_downloads(world, client_as):
    meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    ActionItem.objects.create(meeting=meeting, title="Org A task", owner_organization=world.org_a)
    ActionItem.objects.create(meeting=meeting, title="Org B task", owner_organization=world.org_b)
    client = client_as(world.member)
    page = client.get("/action-items/?whose=ours").content.decode()
    assert "Org A task" in page and "Org B task" not in page
    response = client.get("/action-items/?whose=ours&format=csv")
    text = b"".join(response.streaming_content).decode()
    assert "Org A task" in text and "Org B task" not in text


def test_the_action_item_list_costs_the_same_for_more_rows(world, client_as, django_assert_max_num_queries):
    meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    client = client_as(world.coordinator)
    ActionItem.objects.create(meeting=meeting, title="one", owner_organization=world.org_a)
    # session, user, roles (2), count, page, nav (import/role checks) and messages: a fixed set.
    with django_assert_max_num_queries(12):
        client.get("/action-items/?whose=all")
    for n in range(15):
        ActionItem.objects.create(meeting=meeting, title=f"item {n}", owner_organization=world.org_a)
    with django_assert_max_num_queries(12):
        assert client.get("/action-items/?whose=all").content.decode().count('data-status="open"') == 16


def test_the_dashboard_costs_the_same_for_more_invitations(world, plan, client_as, django_assert_max_num_queries):
    client = client_as(world.member)
    plan()
    client.get("/")
    with django_assert_max_num_queries(40) as first:
        client.get("/")
    for n in range(6):
        plan(title=f"Meeting {n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get("/").content.decode().count("data-meeting=") == 7


def test_contacts_of_invited_organisations_can_be_named_on_a_change(world, plan, client_as):
    meeting = plan()
    casey = f.contact(world.org_b, "Casey Contact")
    client = client_as(world.coordinator)
    page = client.get(f"/meetings/{meeting.pk}/plan/").content.decode()
    assert "Casey Contact" in page
    local = meeting.local_starts_at
    data = plan_form(
        title=meeting.title,
        day=str(local.date()),
        start_time=local.strftime("%H:%M"),
        end_time=meeting.local_ends_at.strftime("%H:%M"),
        place=meeting.place,
        version=str(meeting.version),
        contact=[str(casey.pk)],
        **{"agenda-2-presenter": ""},
    )
    data.update({"agenda-1-title": "Welcome", "agenda-2-title": "Referral protocol"})
    response = client.post(f"/meetings/{meeting.pk}/plan/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    invitation = meeting.invitations.get(organization=world.org_b)
    assert list(invitation.contacts.all()) == [casey]
