"""/api/v1/meetings/: activities with nested participations; participants-only ones stay hidden."""

import pytest

from partners.models import Meeting, Participation
from tests import factories as f
from tests.api.conftest import D, state

pytestmark = pytest.mark.django_db
URL = "/api/v1/meetings/"


def ids(response) -> list[int]:
    return [m["id"] for m in response.json()["results"]]


def new_meeting(**overrides) -> dict:
    return {
        "date": "2024-04-02",
        "kind": "case_coordination",
        "title": "Case review",
        "coalition": "coalition-a",
        "participations": [
            {"organization": "org-a", "role": "host", "attendees": 2},
            {"organization": "org-b"},
        ],
        **overrides,
    }


# --- visibility ------------------------------------------------------------------------------


def test_anonymous_caller_gets_401(activities, client_as):
    assert client_as(None).get(URL).status_code == 401
    assert client_as(None).get(f"{URL}{activities.m1.pk}/").status_code == 401


def test_outsider_never_sees_a_participants_only_activity(activities, client_as):
    w = activities
    client = client_as(w.outsider)
    assert w.m4.pk not in ids(client.get(URL, {"page_size": 100}))
    assert ids(client.get(URL, {"organization": "org-a"})) == [w.m3.pk]  # open to all: no coalition
    assert ids(client.get(URL, {"q": "port"})) == []
    assert client.get(f"{URL}{w.m4.pk}/").status_code == 404


def test_member_of_a_non_participating_organisation_gets_404_for_a_participants_only_activity(activities, client_as):
    w = activities
    member_b = f.user("member-b", org=w.org_b)
    client = client_as(member_b)
    assert client.get(f"{URL}{w.m4.pk}/").status_code == 404
    assert sorted(ids(client.get(URL))) == sorted([w.m1.pk, w.m2.pk, w.m3.pk, w.m6.pk])


def test_participants_and_the_coalitions_coordinator_see_a_participants_only_activity(activities, client_as):
    w = activities
    assert client_as(w.member).get(f"{URL}{w.m4.pk}/").status_code == 200
    assert client_as(w.coordinator).get(f"{URL}{w.m4.pk}/").status_code == 200
    assert client_as(w.other_coordinator).get(f"{URL}{w.m4.pk}/").status_code == 404


def test_a_meeting_shows_its_participations(activities, client_as):
    body = client_as(activities.member).get(f"{URL}{activities.m1.pk}/").json()
    assert sorted((p["organization"], p["role"]) for p in body["participations"]) == [
        ("org-a", "host"),
        ("org-b", "participant"),
        ("org-c", "participant"),
    ]
    assert body["coalition"] == "coalition-a"


# --- writes ----------------------------------------------------------------------------------


def test_member_logs_an_activity_their_organisation_took_part_in(world, client_as):
    response = client_as(world.member).post(URL, new_meeting(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["logged_by"] == "member"
    assert {(p["organization"], p["role"], p["attendees"]) for p in body["participations"]} == {
        ("org-a", "host", 2),
        ("org-b", "participant", None),
    }
    assert response["ETag"] == '"1"'


def test_member_cannot_log_an_activity_without_their_organisation(world, client_as):
    payload = new_meeting(participations=[{"organization": "org-b"}, {"organization": "org-c"}])
    assert client_as(world.member).post(URL, payload, format="json").status_code == 403
    assert not Meeting.objects.exists()


def test_logged_by_cannot_be_set_by_the_caller(world, client_as):
    response = client_as(world.member).post(URL, new_meeting(logged_by="admin"), format="json")
    assert response.status_code == 201
    assert Meeting.objects.get().logged_by == world.member


def test_coordinator_logs_an_activity_of_their_coalition_without_taking_part(world, client_as):
    payload = new_meeting(participations=[{"organization": "org-b"}, {"organization": "org-c"}])
    assert client_as(world.coordinator).post(URL, payload, format="json").status_code == 201
    assert client_as(world.other_coordinator).post(URL, payload, format="json").status_code == 403
    assert Meeting.objects.count() == 1


def test_a_joint_kind_with_one_organisation_is_refused_and_nothing_is_written(world, client_as):
    payload = new_meeting(participations=[{"organization": "org-a"}])
    response = client_as(world.member).post(URL, payload, format="json")
    assert response.status_code == 400
    assert "participations" in response.json()
    assert not Meeting.objects.exists() and not Participation.objects.exists()


def test_bad_participations_are_refused_naming_the_field(world, client_as):
    client = client_as(world.member)
    for participations in (
        [{"organization": "org-a"}, {"organization": "org-a"}],
        [{"organization": "org-a"}, {"organization": "no-such-org"}],
        [{"organization": "org-a"}, {"organization": "org-b", "role": "chair"}],
        [{"organization": "org-a"}, {"organization": "org-b", "attendees": -1}],
        [{"organization": "org-a"}, {"organization": "org-b", "secret": 1}],
        [],
    ):
        response = client.post(URL, new_meeting(participations=participations), format="json")
        assert response.status_code == 400, participations
        assert "participations" in response.json(), response.json()
    assert not Meeting.objects.exists()


def test_bad_meeting_fields_are_refused_naming_the_field(world, client_as):
    client = client_as(world.member)
    for overrides, field in [
        ({"date": "2024-13-01"}, "date"),
        ({"date": "1900-01-01"}, "date"),
        ({"kind": "party"}, "kind"),
        ({"coalition": "no-such-coalition"}, "coalition"),
        ({"partnership": 99999}, "partnership"),
        ({"visibility": "everyone"}, "visibility"),
        ({"duration_minutes": 0}, "duration_minutes"),
    ]:
        response = client.post(URL, new_meeting(**overrides), format="json")
        assert response.status_code == 400, overrides
        assert field in response.json(), response.json()
    assert not Meeting.objects.exists()


def test_an_update_replaces_the_participations_whole(activities, client_as):
    w = activities
    response = client_as(w.member).patch(
        f"{URL}{w.m2.pk}/",
        {"participations": [{"organization": "org-a"}, {"organization": "org-c", "role": "host"}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert sorted(w.m2.participations.values_list("organization__slug", "role")) == [
        ("org-a", "participant"),
        ("org-c", "host"),
    ]


def test_a_refused_update_leaves_the_participations_as_they_were(activities, client_as):
    w = activities
    before = state(w.m2)
    response = client_as(w.member).patch(
        f"{URL}{w.m2.pk}/", {"title": "Renamed", "participations": [{"organization": "org-a"}]}, format="json"
    )
    assert response.status_code == 400
    assert state(w.m2) == before
    assert sorted(w.m2.participations.values_list("organization__slug", flat=True)) == ["org-a", "org-b"]


def test_member_cannot_edit_a_visible_activity_their_organisation_was_not_in(activities, client_as):
    w = activities
    m7 = f.meeting([w.org_b, w.org_c], date=D(2024, 5, 1), coalition=w.coalition_a)
    before = state(m7)
    client = client_as(w.member)
    assert client.get(f"{URL}{m7.pk}/").status_code == 200
    assert client.patch(f"{URL}{m7.pk}/", {"title": "Mine now"}, format="json").status_code == 403
    assert client.delete(f"{URL}{m7.pk}/").status_code == 403
    assert state(m7) == before


def test_writes_to_an_invisible_activity_get_404(activities, client_as):
    w = activities
    before = state(w.m4)
    client = client_as(w.outsider)
    assert client.patch(f"{URL}{w.m4.pk}/", {"title": "Found it"}, format="json").status_code == 404
    assert client.delete(f"{URL}{w.m4.pk}/").status_code == 404
    assert state(w.m4) == before


def test_member_cannot_open_a_participants_only_activity_to_the_coalition(activities, client_as):
    w = activities
    before = state(w.m4)
    response = client_as(w.member).patch(f"{URL}{w.m4.pk}/", {"visibility": "coalition"}, format="json")
    assert response.status_code == 403
    assert state(w.m4) == before
    assert (
        client_as(w.coordinator).patch(f"{URL}{w.m4.pk}/", {"visibility": "coalition"}, format="json").status_code
        == 200
    )


def test_member_deletes_an_activity_of_their_organisation(activities, client_as):
    assert client_as(activities.member).delete(f"{URL}{activities.m2.pk}/").status_code == 204
    assert not Meeting.objects.filter(pk=activities.m2.pk).exists()


# --- filters ---------------------------------------------------------------------------------


def test_meetings_filter_by_date_kind_coalition_organisation_and_sector(activities, client_as):
    w = activities
    client = client_as(w.admin)
    assert ids(client.get(URL, {"since": "2024-02-01", "until": "2024-02-29"})) == [w.m3.pk, w.m2.pk]
    assert ids(client.get(URL, {"kind": ["referral", "joint_operation"]})) == [w.m5.pk, w.m4.pk]
    assert ids(client.get(URL, {"coalition": "coalition-b"})) == [w.m5.pk]
    assert ids(client.get(URL, {"organization": "org-d"})) == [w.m5.pk]
    assert ids(client.get(URL, {"sector": "business"})) == [w.m5.pk]
    assert ids(client.get(URL, {"ordering": "date"}))[:2] == [w.m1.pk, w.m2.pk]


def test_bad_filters_are_refused_naming_the_parameter(activities, client_as):
    client = client_as(activities.admin)
    for params, field in [
        ({"since": "2024-03-01", "until": "2024-01-01"}, "since"),
        ({"since": "last tuesday"}, "since"),
        ({"kind": "party"}, "kind"),
        ({"organization": "no-such-org"}, "organization"),
        ({"sector": "no-such-sector"}, "sector"),
        ({"partnership": "abc"}, "partnership"),
    ]:
        response = client.get(URL, params)
        assert response.status_code == 400, params
        assert field in response.json(), response.json()


# --- pagination ------------------------------------------------------------------------------


@pytest.fixture
def many_meetings(world):
    # Ten activities over five dates, two per date, so pages split days.
    for i in range(10):
        f.meeting([world.org_a, world.org_b], date=D(2024, 1, 1 + i // 2), coalition=world.coalition_a)
    return world


def test_cursor_pages_walk_the_list_newest_first_without_gaps_or_repeats(many_meetings, client_as):
    client = client_as(many_meetings.member)
    expected = list(Meeting.objects.order_by("-date", "-id").values_list("pk", flat=True))
    seen, url, params = [], URL, {"pagination": "cursor", "page_size": 3}
    while url:
        body = client.get(url, params).json()
        assert "count" not in body
        seen += [m["id"] for m in body["results"]]
        url, params = body["next"], None
    assert seen == expected


def test_cursor_previous_link_returns_the_page_before(many_meetings, client_as):
    client = client_as(many_meetings.member)
    first = client.get(URL, {"pagination": "cursor", "page_size": 4}).json()
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()
    assert [m["id"] for m in back["results"]] == [m["id"] for m in first["results"]]


def test_junk_cursor_is_a_400_naming_the_cursor(many_meetings, client_as):
    client = client_as(many_meetings.member)
    for junk in ("abc", "!!!", "eyJkIjoiMjAyNC0xMy0wMSIsImkiOjF9", "bnVsbA"):
        response = client.get(URL, {"cursor": junk})
        assert response.status_code == 400, junk
        assert "cursor" in response.json()


def test_cursor_cannot_be_combined_with_ordering_or_a_page(many_meetings, client_as):
    client = client_as(many_meetings.member)
    assert "ordering" in client.get(URL, {"pagination": "cursor", "ordering": "title"}).json()
    assert "page" in client.get(URL, {"pagination": "cursor", "page": 2}).json()
    assert "pagination" in client.get(URL, {"pagination": "sideways"}).json()


def test_cursor_pages_keep_the_filters(many_meetings, client_as):
    w = many_meetings
    client = client_as(w.member)
    body = client.get(URL, {"pagination": "cursor", "page_size": 2, "since": "2024-01-04"}).json()
    dates = [m["date"] for m in body["results"]]
    body = client.get(body["next"]).json()
    dates += [m["date"] for m in body["results"]]
    assert body["next"] is None
    assert dates == ["2024-01-05", "2024-01-05", "2024-01-04", "2024-01-04"]


def test_list_runs_a_constant_number_of_queries_in_both_pagination_modes(
    many_meetings, client_as, django_assert_max_num_queries
):
    client = client_as(many_meetings.member)
    # Page numbers: 1 the user's organisation, 2 the coalitions they coordinate, 3 count,
    # 4 page of meetings with coalition, partnership and logger, 5 participations with
    # organisations and sectors.
    for size in (2, 50):
        with django_assert_max_num_queries(5):
            assert client.get(URL, {"page_size": size}).status_code == 200
    # Cursor: the same without the count, at the first page and a deep one.
    deep = client.get(URL, {"pagination": "cursor", "page_size": 2}).json()["next"]
    for size in (2, 50):
        with django_assert_max_num_queries(4):
            assert client.get(URL, {"pagination": "cursor", "page_size": size}).status_code == 200
        with django_assert_max_num_queries(4):
            assert client.get(deep, {"page_size": size}).status_code == 200


def test_a_full_update_with_put_replaces_every_field(activities, client_as):
    w = activities
    payload = new_meeting(title="Quarterly case review", date="2024-02-06", outcomes="Protocol agreed.")
    response = client_as(w.member).put(f"{URL}{w.m2.pk}/", payload, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    m2 = Meeting.objects.get(pk=w.m2.pk)
    assert (m2.title, m2.date, m2.outcomes, m2.version) == (
        "Quarterly case review",
        D(2024, 2, 6),
        "Protocol agreed.",
        2,
    )
    assert response["ETag"] == '"2"'
