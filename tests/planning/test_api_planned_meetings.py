"""/api/v1/planned-meetings/: plan with nested agenda and invitations (JSON), reply, cancel,
record attendance and write minutes, with the same rules as the pages."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from partners.choices import InvitationReply, MeetingVisibility
from partners.models import Invitation, Meeting
from tests import factories as f
from tests.planning.conftest import in_days

pytestmark = pytest.mark.django_db
URL = "/api/v1/planned-meetings/"


@pytest.fixture
def client_as():
    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def body(**overrides) -> dict:
    day = timezone.localdate() + datetime.timedelta(days=10)
    return {
        "title": "Quarterly meeting",
        "coalition": "coalition-a",
        "starts_at": f"{day}T09:30",
        "ends_at": f"{day}T11:00",
        "place": "City Hall",
        "online_link": "https://meet.example.org/abc",
        "agenda": [{"title": "Welcome"}, {"title": "Referral protocol", "presenter": "org-b"}],
        "invitations": [{"organization": "org-a"}, {"organization": "org-b"}],
        **overrides,
    }


def test_a_coordinator_plans_a_meeting_in_the_coalitions_time_zone(world, client_as):
    world.coalition_a.time_zone = "Europe/Brussels"
    world.coalition_a.save()
    response = client_as(world.coordinator).post(URL, body(), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["time_zone"] == "Europe/Brussels"
    assert data["starts_at"].startswith(f"{timezone.localdate() + datetime.timedelta(days=10)}T09:30:00+0")
    assert [a["title"] for a in data["agenda"]] == ["Welcome", "Referral protocol"]
    assert data["agenda"][1]["presenter"] == "org-b"
    assert {i["organization"] for i in data["invitations"]} == {"org-a", "org-b"}
    assert data["status"] == "planned"
    assert data["ical_uid"].endswith("@coalition-tracker")


def test_the_schema_takes_only_json_for_a_plan(world, client_as):
    response = client_as(world.coordinator).post(URL, {"title": "x"}, format="multipart")
    assert response.status_code == 415
    assert not Meeting.objects.exists()


def test_bad_input_names_the_field(world, client_as):
    client = client_as(world.coordinator)
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(URL, body(ends_at=f"{day}T08:00"), format="json")
    assert response.status_code == 400 and "ends_at" in response.json()
    response = client.post(URL, body(invitations=[]), format="json")
    assert response.status_code == 400 and "invitations" in response.json()
    response = client.post(URL, body(invitations=[{"organization": "nobody"}]), format="json")
    assert response.status_code == 400 and "invitations" in response.json()
    response = client.post(URL, body(starts_at="not a time"), format="json")
    assert response.status_code == 400 and "starts_at" in response.json()
    assert not Meeting.objects.exists()


def test_an_outsider_may_not_plan_in_coalition_a_and_nothing_is_written(world, client_as):
    response = client_as(world.outsider).post(URL, body(invitations=[{"organization": "org-d"}]), format="json")
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_an_invited_organisation_sees_a_participants_only_plan_others_do_not(world, plan, client_as):
    meeting = plan(visibility=MeetingVisibility.PARTICIPANTS, invite=[world.org_a])
    assert client_as(world.member).get(f"{URL}{meeting.pk}/").status_code == 200
    member_b = f.user("member-b", org=world.org_b)
    assert client_as(member_b).get(f"{URL}{meeting.pk}/").status_code == 404
    assert client_as(world.outsider).get(f"{URL}{meeting.pk}/").status_code == 404


def test_an_invitee_replies_and_sees_only_their_own_reply(world, plan, client_as):
    meeting = plan()
    Invitation.objects.filter(meeting=meeting, organization=world.org_b).update(reply=InvitationReply.NOT_ATTENDING)
    client = client_as(world.member)
    response = client.post(f"{URL}{meeting.pk}/reply/", {"reply": "attending"}, format="json")
    assert response.status_code == 200, response.json()
    replies = {i["organization"]: i["reply"] for i in response.json()["invitations"]}
    assert replies == {"org-a": "attending", "org-b": None}  # org B's reply is not the member's to see
    coordinator_view = client_as(world.coordinator).get(f"{URL}{meeting.pk}/").json()
    assert {i["organization"]: i["reply"] for i in coordinator_view["invitations"]} == {
        "org-a": "attending",
        "org-b": "not_attending",
    }


def test_replying_for_another_organisation_is_refused_and_changes_nothing(world, plan, client_as):
    meeting = plan()
    response = client_as(world.member).post(
        f"{URL}{meeting.pk}/reply/", {"reply": "attending", "organization": "org-b"}, format="json"
    )
    assert response.status_code == 403
    assert Invitation.objects.get(meeting=meeting, organization=world.org_b).reply == InvitationReply.PENDING
    response = client_as(world.member).post(f"{URL}{meeting.pk}/reply/", {"reply": "sure"}, format="json")
    assert response.status_code == 400 and "reply" in response.json()


def test_a_member_of_an_uninvited_organisation_cannot_reply(world, plan, client_as):
    meeting = plan(invite=[world.org_b])
    response = client_as(world.member).post(f"{URL}{meeting.pk}/reply/", {"reply": "attending"}, format="json")
    assert response.status_code == 403
    assert not Invitation.objects.filter(meeting=meeting, reply=InvitationReply.ATTENDING).exists()


def test_patch_changes_the_place_and_raises_the_sequence(world, plan, client_as):
    meeting = plan()
    response = client_as(world.coordinator).patch(f"{URL}{meeting.pk}/", {"place": "Town hall"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["sequence"] == 1 and response.json()["place"] == "Town hall"


def test_an_invitee_may_not_change_or_cancel_the_plan(world, plan, client_as):
    meeting = plan()
    client = client_as(world.member)
    assert client.patch(f"{URL}{meeting.pk}/", {"place": "Elsewhere"}, format="json").status_code == 403
    assert client.post(f"{URL}{meeting.pk}/cancel/", format="json").status_code == 403
    meeting.refresh_from_db()
    assert meeting.place == "City Hall, room 2" and meeting.cancelled_at is None and meeting.sequence == 0


def test_cancel_then_attendance_is_refused(world, plan, client_as):
    meeting = plan()
    client = client_as(world.coordinator)
    response = client.post(f"{URL}{meeting.pk}/cancel/", format="json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    response = client.post(
        f"{URL}{meeting.pk}/attendance/", {"participations": [{"organization": "org-a"}]}, format="json"
    )
    assert response.status_code in (400, 403)
    assert not meeting.participations.exists()


def test_attendance_after_the_meeting_becomes_participations(world, plan, client_as):
    meeting = plan(starts_at=in_days(-2), ends_at=in_days(-2, 12))
    client = client_as(world.coordinator)
    participations = [{"organization": "org-a", "role": "host"}, {"organization": "org-b", "attendees": 3}]
    response = client.post(f"{URL}{meeting.pk}/attendance/", {"participations": participations}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "held"
    assert sorted(meeting.participations.values_list("organization__slug", flat=True)) == ["org-a", "org-b"]
    response = client.post(f"{URL}{meeting.pk}/minutes/", {"decisions": "Adopt the protocol."}, format="json")
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.decisions == "Adopt the protocol."


def test_the_list_costs_the_same_queries_for_more_meetings(world, plan, client_as, django_assert_max_num_queries):
    client = client_as(world.coordinator)
    plan()
    # session/auth are forced; queries: coordinator roles, profile, count, page, participations,
    # agenda items, invitations, contacts of invitations (+ a margin of 2 for the savepoints).
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200
    for n in range(5):
        plan(title=f"Meeting {n}", invite=[world.org_a, world.org_b, world.org_c])
    with django_assert_max_num_queries(10):
        assert len(client.get(URL).json()["results"]) == 6


def test_a_planned_meeting_takes_no_outcomes_through_the_activity_log(world, plan, client_as):
    meeting = plan(kind="training")
    response = client_as(world.coordinator).patch(
        f"/api/v1/meetings/{meeting.pk}/", {"outcomes": "Decided in advance"}, format="json"
    )
    assert response.status_code == 400 and "meeting" in response.json()
    meeting.refresh_from_db()
    assert meeting.outcomes == ""
