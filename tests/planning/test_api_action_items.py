"""/api/v1/action-items/: list with filters, create, close; seen as their meeting is seen; CSV/XLSX."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from partners.choices import ActionItemStatus, MeetingVisibility
from partners.models import ActionItem
from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/action-items/"
TODAY = timezone.localdate()


@pytest.fixture
def client_as():
    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def items(world):
    """Two held meetings of coalition A: an open one (A, B) and a participants-only one (A, C)."""
    open_meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, title="Open")
    secret = f.meeting(
        [world.org_a, world.org_c],
        coalition=world.coalition_a,
        title="Secret",
        visibility=MeetingVisibility.PARTICIPANTS,
    )
    late = ActionItem.objects.create(
        meeting=open_meeting,
        title="Send the protocol",
        owner_organization=world.org_b,
        due_on=TODAY - datetime.timedelta(days=3),
    )
    soon = ActionItem.objects.create(
        meeting=open_meeting,
        title="Book the room",
        owner_organization=world.org_a,
        owner_user=world.member,
        due_on=TODAY + datetime.timedelta(days=3),
    )
    hidden = ActionItem.objects.create(
        meeting=secret,
        title="Hidden follow-up",
        owner_organization=world.org_c,
        due_on=TODAY - datetime.timedelta(days=1),
    )
    return {"open": open_meeting, "secret": secret, "late": late, "soon": soon, "hidden": hidden}


def titles(response) -> list[str]:
    return sorted(i["title"] for i in response.json()["results"])


def test_anonymous_gets_401(items, client_as):
    assert client_as(None).get(URL).status_code == 401


def test_an_action_item_is_seen_as_its_meeting_is(world, items, client_as):
    member_b = f.user("member-b", org=world.org_b)
    assert titles(client_as(member_b).get(URL)) == ["Book the room", "Send the protocol"]
    assert client_as(member_b).get(f"{URL}{items['hidden'].pk}/").status_code == 404
    assert "Hidden follow-up" in titles(client_as(world.coordinator).get(URL))
    assert titles(client_as(world.outsider).get(URL)) == []


def test_filters_status_overdue_owner_and_coalition(world, items, client_as):
    client = client_as(world.coordinator)
    assert titles(client.get(URL, {"overdue": "true"})) == ["Hidden follow-up", "Send the protocol"]
    assert titles(client.get(URL, {"owner_organization": "org-a"})) == ["Book the room"]
    assert titles(client.get(URL, {"coalition": "coalition-b"})) == []
    items["soon"].status = ActionItemStatus.DONE
    items["soon"].closed_at = timezone.now()
    items["soon"].save()
    assert titles(client.get(URL, {"status": "done"})) == ["Book the room"]
    assert client.get(URL, {"status": "nope"}).status_code == 400


def test_a_participant_adds_an_action_item_and_its_owner_closes_it(world, items, client_as):
    response = client_as(world.member).post(
        URL,
        {"meeting": items["open"].pk, "title": "Draft the MOU", "owner_organization": "org-b", "due_on": str(TODAY)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    item_id = response.json()["id"]
    member_b = f.user("member-b", org=world.org_b)
    response = client_as(member_b).patch(f"{URL}{item_id}/", {"status": "done"}, format="json")
    assert response.status_code == 200
    assert response.json()["closed_at"] is not None
    response = client_as(member_b).patch(f"{URL}{item_id}/", {"status": "open"}, format="json")
    assert response.json()["closed_at"] is None


def test_the_owner_person_must_work_for_the_owner_organisation(world, items, client_as):
    response = client_as(world.coordinator).post(
        URL,
        {"meeting": items["open"].pk, "title": "x", "owner_organization": "org-b", "owner_user": "member"},
        format="json",
    )
    assert response.status_code == 400 and "owner_user" in response.json()
    assert not ActionItem.objects.filter(title="x").exists()


def test_an_owner_organisation_that_cannot_see_the_meeting_is_refused(world, items, client_as):
    response = client_as(world.coordinator).post(
        URL, {"meeting": items["secret"].pk, "title": "y", "owner_organization": "org-b"}, format="json"
    )
    assert response.status_code == 400 and "owner_organization" in response.json()


def test_an_outsider_cannot_close_an_item_and_nothing_changes(world, items, client_as):
    response = client_as(world.outsider).patch(f"{URL}{items['late'].pk}/", {"status": "done"}, format="json")
    assert response.status_code == 404  # an open coalition meeting of a coalition D is not in
    member_c = f.user("member-c", org=world.org_c)  # C sees the open meeting? no: not a member of A
    response = client_as(member_c).patch(f"{URL}{items['hidden'].pk}/", {"title": "Renamed"}, format="json")
    assert response.status_code == 200  # C owns it
    other_a = f.user("other-b", org=world.org_b)
    response = client_as(other_a).patch(f"{URL}{items['soon'].pk}/", {"status": "dropped"}, format="json")
    assert response.status_code == 403
    items["soon"].refresh_from_db()
    assert items["soon"].status == ActionItemStatus.OPEN and items["soon"].closed_at is None


def test_the_list_exports_as_csv_with_only_visible_rows(world, items, client_as):
    member_b = f.user("member-b", org=world.org_b)
    response = client_as(member_b).get(URL, {"format": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    assert text.splitlines()[0].startswith("title,status,due_on,owner_organization")
    assert "Send the protocol" in text and "Hidden follow-up" not in text
    response = client_as(member_b).get(URL, {"format": "xlsx"})
    assert response.status_code == 200


def test_the_list_costs_the_same_queries_for_more_items(world, items, client_as, django_assert_max_num_queries):
    client = client_as(world.coordinator)
    # roles (coordinator ids, organisation), count, page (items joined to meeting, coalition,
    # owners): 4, with a margin for the savepoints.
    with django_assert_max_num_queries(6):
        client.get(URL)
    for n in range(10):
        ActionItem.objects.create(meeting=items["open"], title=f"Item {n}", owner_organization=world.org_a)
    with django_assert_max_num_queries(6):
        assert len(client.get(URL).json()["results"]) == 13


def test_an_item_whose_owner_left_can_still_be_closed_on_the_api_and_the_page(world, items):
    from django.test import Client

    world.member.is_active = False  # the owner person left the organisation
    world.member.save()
    response = client_as_api(world.coordinator).patch(f"{URL}{items['soon'].pk}/", {"status": "done"}, format="json")
    assert response.status_code == 200, response.json()
    assert ActionItem.objects.get(pk=items["soon"].pk).status == ActionItemStatus.DONE

    page = Client(raise_request_exception=False)
    page.force_login(world.coordinator)
    response = page.post(f"/action-items/{items['soon'].pk}/status/", {"status": "open"})
    assert response.status_code == 302
    assert ActionItem.objects.get(pk=items["soon"].pk).status == ActionItemStatus.OPEN
    # Changing the owner is still checked: a person who left cannot be named again.
    response = client_as_api(world.coordinator).patch(
        f"{URL}{items['soon'].pk}/", {"owner_user": "member", "title": "Book the big room"}, format="json"
    )
    assert response.status_code == 400 and "owner_user" in response.json()
    assert ActionItem.objects.get(pk=items["soon"].pk).title == "Book the room"


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1e30", "0", "1.5"])
def test_an_out_of_range_meeting_number_is_a_400_naming_the_filter(world, items, value):
    response = client_as_api(world.member).get(URL, {"meeting": value})
    assert response.status_code == 400 and "meeting" in response.json()


def client_as_api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client
