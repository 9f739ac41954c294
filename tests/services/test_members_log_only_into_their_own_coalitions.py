"""Who may log into what: a member logs an activity only into a coalition their organisation
belongs to now (or one they coordinate) and links it only to a partnership their organisation is
party to. The service decides, so the API, the pages and imports obey alike."""

import pytest
from django.core.exceptions import ValidationError

from partners.models import Meeting, Participation
from partners.services.meetings import ParticipationInput, meeting_create, meeting_update
from tests import factories as f
from tests.api.conftest import D

pytestmark = pytest.mark.django_db
URL = "/api/v1/meetings/"


def fake_meeting(**overrides) -> dict:
    return {
        "date": "2024-04-02",
        "kind": "coalition_meeting",
        "title": "Coalition B meeting",
        "coalition": "coalition-b",
        "participations": [{"organization": "org-a"}, {"organization": "org-b"}],
        **overrides,
    }


def test_a_member_of_one_coalition_cannot_log_meetings_into_another(world, client_as):
    client = client_as(world.member)  # org A belongs to coalition A only
    for n in range(3):
        response = client.post(URL, fake_meeting(title=f"Fake {n}"), format="json")
        assert response.status_code == 400, response.content
        assert "coalition" in response.json()
    assert not Meeting.objects.exists() and not Participation.objects.exists()


def test_a_member_logs_into_their_own_coalition(world, client_as):
    response = client_as(world.member).post(URL, fake_meeting(coalition="coalition-a"), format="json")
    assert response.status_code == 201, response.content


def test_a_former_member_cannot_log_into_the_coalition_they_left(world, client_as):
    f.membership(world.org_d, world.coalition_b, start=D(2020, 1, 1), end=D(2021, 1, 1))
    response = client_as(world.outsider).post(
        URL, fake_meeting(participations=[{"organization": "org-d"}, {"organization": "org-c"}]), format="json"
    )
    assert response.status_code == 400 and "coalition" in response.json()
    assert not Meeting.objects.exists()


def test_a_coordinator_logs_into_the_coalition_they_coordinate(world, client_as):
    payload = fake_meeting(participations=[{"organization": "org-c"}, {"organization": "org-d"}])
    assert client_as(world.other_coordinator).post(URL, payload, format="json").status_code == 201
    assert client_as(world.coordinator).post(URL, payload, format="json").status_code == 403


def test_a_member_cannot_link_an_activity_to_a_partnership_of_others(world, client_as):
    others = f.partnership([world.org_b, world.org_c], title="B–C")
    own = f.partnership([world.org_a, world.org_b], title="A–B")
    client = client_as(world.member)
    response = client.post(URL, fake_meeting(coalition="coalition-a", partnership=others.pk), format="json")
    assert response.status_code == 400 and "partnership" in response.json()
    assert not Meeting.objects.exists()
    response = client.post(URL, fake_meeting(coalition="coalition-a", partnership=own.pk), format="json")
    assert response.status_code == 201


def test_an_update_cannot_move_an_activity_into_a_foreign_coalition(world, client_as):
    m = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, title="Ours")
    response = client_as(world.member).patch(f"{URL}{m.pk}/", {"coalition": "coalition-b"}, format="json")
    assert response.status_code == 400 and "coalition" in response.json()
    m.refresh_from_db()
    assert m.coalition == world.coalition_a and m.version == 1


def test_the_service_refuses_naming_the_field(world):
    with pytest.raises(ValidationError) as err:
        meeting_create(
            actor=world.member,
            participations=[ParticipationInput(organization=world.org_a), ParticipationInput(organization=world.org_b)],
            date=D(2024, 4, 2),
            kind="coalition_meeting",
            title="Fake",
            coalition=world.coalition_b,
        )
    assert "coalition" in err.value.message_dict
    m = f.meeting([world.org_a], kind="training", title="Ours")
    with pytest.raises(ValidationError) as err:
        meeting_update(actor=world.member, meeting=m, partnership=f.partnership([world.org_b, world.org_c]))
    assert "partnership" in err.value.message_dict
    assert not Meeting.objects.filter(partnership__isnull=False).exists()


def test_the_log_form_offers_only_the_coalitions_and_partnerships_one_may_log_into(world, client_as):
    f.partnership([world.org_b, world.org_c], title="Between others")
    f.partnership([world.org_a, world.org_b], title="Our own")
    client = client_as(world.member)
    html = client.get("/meetings/new/").content.decode()
    assert 'value="coalition-a"' in html and 'value="coalition-b"' not in html
    assert "Our own" in html and "Between others" not in html
    data = {
        "date": "2024-05-02",
        "kind": "coalition_meeting",
        "title": "Fake",
        "coalition": "coalition-b",
        "visibility": "coalition",
        "participant": ["org-a"],
    }
    response = client.post("/meetings/new/", data)
    assert response.status_code == 400
    assert not Meeting.objects.exists()
