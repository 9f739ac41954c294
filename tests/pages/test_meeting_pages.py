"""Meeting pages: list, detail, the fast logging form, edit and delete, under the visibility rules."""

import datetime

from django.utils import timezone

from partners.choices import MeetingVisibility, ParticipationRole
from partners.models import Meeting, Participation
from tests import factories as f


def log_data(**changes):
    data = {
        "date": "2024-05-02",
        "kind": "case_coordination",
        "title": "Case coordination May",
        "coalition": "coalition-a",
        "visibility": "coalition",
        "participant": ["org-a", "org-b", "org-c"],
        "host": ["org-a"],
        "attendees-org-a": "3",
        "attendees-org-b": "",
        "outcomes": "Agreed a referral route.",
    }
    data.update(changes)
    return data


def test_logging_form_defaults_to_today_and_the_users_organisation_and_coalition(world, client_as):
    response = client_as(world.member).get("/meetings/new/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in html
    assert 'name="participant" value="org-a"' in html
    assert '<option value="coalition-a" selected>' in html
    assert "Never enter names, case details" in html  # the no-personal-data help text
    assert 'role="combobox"' in html


def test_member_logs_a_meeting_with_three_organisations_a_host_and_a_head_count(world, client_as):
    response = client_as(world.member).post("/meetings/new/", log_data())
    meeting = Meeting.objects.get(title="Case coordination May")
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    parts = {p.organization.slug: p for p in Participation.objects.filter(meeting=meeting)}
    assert set(parts) == {"org-a", "org-b", "org-c"}
    assert parts["org-a"].role == ParticipationRole.HOST and parts["org-a"].attendees == 3
    assert parts["org-b"].role == ParticipationRole.PARTICIPANT and parts["org-b"].attendees is None
    assert meeting.logged_by == world.member


def test_save_and_log_another_returns_to_an_empty_form(world, client_as):
    response = client_as(world.member).post("/meetings/new/", log_data(save_another="1"))
    assert response.status_code == 302 and response["Location"] == "/meetings/new/"


def test_a_joint_kind_with_one_organisation_is_refused_beside_the_participants(world, client_as):
    response = client_as(world.member).post("/meetings/new/", log_data(participant=["org-a"]))
    assert response.status_code == 400
    assert "needs at least two distinct organisations" in response.content.decode()
    assert not Meeting.objects.exists()


def test_picked_organisations_are_kept_after_an_error(world, client_as):
    response = client_as(world.member).post("/meetings/new/", log_data(title=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'name="participant" value="org-c"' in html
    assert 'name="attendees-org-a" value="3"' in html
    assert not Meeting.objects.exists()


def test_bad_attendees_and_unknown_organisations_are_refused(world, client_as):
    client = client_as(world.member)
    assert client.post("/meetings/new/", log_data(**{"attendees-org-a": "many"})).status_code == 400
    assert client.post("/meetings/new/", log_data(participant=["org-a", "nope"])).status_code == 400
    assert client.post("/meetings/new/", log_data(participant=[])).status_code == 400
    assert not Meeting.objects.exists()


def test_outsider_cannot_log_an_activity_of_other_organisations(world, client_as):
    response = client_as(world.outsider).post("/meetings/new/", log_data(coalition="(none)"))
    assert response.status_code == 403
    assert "You can log only activities your organisation took part in" in response.content.decode()
    assert not Meeting.objects.exists()


def test_anonymous_is_sent_to_sign_in_and_nothing_is_logged(world, client_as):
    response = client_as(None).post("/meetings/new/", log_data())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Meeting.objects.exists()


def test_participants_only_meeting_is_404_for_others_and_its_edit_is_too(world, client_as):
    meeting = f.meeting([world.org_a, world.org_b], visibility=MeetingVisibility.PARTICIPANTS, title="Quiet op")
    assert client_as(world.member).get(f"/meetings/{meeting.pk}/").status_code == 200
    outsider = client_as(world.outsider)
    assert outsider.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert outsider.post(f"/meetings/{meeting.pk}/edit/", log_data()).status_code == 404
    assert outsider.post(f"/meetings/{meeting.pk}/delete/").status_code == 404
    assert "Quiet op" not in outsider.get("/meetings/").content.decode()
    assert Meeting.objects.filter(pk=meeting.pk, title="Quiet op").exists()


def test_visible_but_not_editable_meeting_is_403_and_unchanged(world, client_as):
    meeting = f.meeting([world.org_b, world.org_c], coalition=world.coalition_a, title="B and C")
    client = client_as(world.member)  # org A is a member of coalition A, not a participant
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
    assert "/edit/" not in client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert client.get(f"/meetings/{meeting.pk}/edit/").status_code == 403
    assert client.post(f"/meetings/{meeting.pk}/edit/", log_data(title="Changed")).status_code == 403
    assert client.post(f"/meetings/{meeting.pk}/delete/").status_code == 403
    meeting.refresh_from_db()
    assert meeting.title == "B and C"


def test_participant_edits_a_meeting_and_a_stale_copy_is_refused(world, client_as):
    meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, title="Original")
    client = client_as(world.member)
    form = client.get(f"/meetings/{meeting.pk}/edit/").content.decode()
    assert 'name="participant" value="org-b"' in form
    data = log_data(title="Edited", participant=["org-a", "org-b"], version="1")
    assert client.post(f"/meetings/{meeting.pk}/edit/", data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Edited" and meeting.version == 2
    response = client.post(f"/meetings/{meeting.pk}/edit/", {**data, "title": "Stale edit"})
    assert response.status_code == 409
    assert "Someone else saved changes" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "Edited"


def test_participant_deletes_a_meeting_after_confirming(world, client_as):
    meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    client = client_as(world.member)
    assert client.get(f"/meetings/{meeting.pk}/delete/").status_code == 200
    response = client.post(f"/meetings/{meeting.pk}/delete/", {"version": meeting.version})
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_meeting_list_filters_with_the_shared_filterset(world, client_as):
    f.meeting([world.org_a, world.org_b], kind="training", title="Training day", date=datetime.date(2024, 1, 5))
    f.meeting([world.org_a, world.org_b], title="Monthly meeting", date=datetime.date(2024, 2, 5))
    client = client_as(world.member)
    html = client.get("/meetings/?kind=training").content.decode()
    assert "Training day" in html and "Monthly meeting" not in html
    html = client.get("/meetings/?since=2024-02-01").content.decode()
    assert "Training day" not in html and "Monthly meeting" in html
    assert client.get("/meetings/?since=2024-03-01&until=2024-01-01").status_code == 200
    assert client_as(None).get("/meetings/").status_code == 302


def test_meeting_list_runs_a_constant_number_of_queries(world, client_as, django_assert_max_num_queries):
    for i in range(40):
        f.meeting([world.org_a, world.org_b, world.org_c], coalition=world.coalition_a, title=f"M{i}")
    client = client_as(world.member)
    client.get("/meetings/")
    # session, user, profile, coordinator roles, coalition/partnership/organisation/sector choices,
    # count, page, participations prefetch: the same at both page sizes.
    with django_assert_max_num_queries(12):
        client.get("/meetings/?page_size=10")
    with django_assert_max_num_queries(12):
        client.get("/meetings/?page_size=100")
