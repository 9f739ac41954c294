"""Who may import: admins everything, coordinators only into their coalitions, nobody else."""

from __future__ import annotations

import pytest

from imports.models import ImportJob
from partners.models import Meeting, Membership, Organization
from tests.conftest import as_user
from tests.imports.helpers import check, confirm, errors_of, import_file, staged, upload

pytestmark = pytest.mark.django_db

MEMBERSHIPS = b"coalition,organization,role,start_date\n%s,org-d,member,2024-01-01\n"


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_members_and_outsiders_cannot_import_at_all(client, world, persona):
    client = as_user(client, getattr(world, persona))
    assert client.get("/imports/").status_code == 403
    response = upload(client, "memberships", MEMBERSHIPS % b"coalition-a")
    assert response.status_code == 403
    assert client.get("/imports/templates/organizations.csv").status_code == 403
    assert ImportJob.objects.count() == 0
    assert Membership.objects.count() == 3


def test_anonymous_is_sent_to_sign_in(client, world):
    response = upload(client, "memberships", MEMBERSHIPS % b"coalition-a")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert ImportJob.objects.count() == 0


def test_a_member_cannot_run_someone_elses_staged_upload(client, world):
    job = staged(as_user(client, world.admin), "memberships", MEMBERSHIPS % b"coalition-a")
    client.logout()
    member = as_user(client, world.member)
    assert member.post(f"/imports/{job.pk}/confirm/").status_code == 403
    assert Membership.objects.count() == 3


def test_another_coordinators_upload_is_404(client, world):
    job = staged(as_user(client, world.coordinator), "memberships", MEMBERSHIPS % b"coalition-a")
    client.logout()
    other = as_user(client, world.other_coordinator)
    assert other.get(f"/imports/{job.pk}/").status_code == 404
    assert other.post(f"/imports/{job.pk}/confirm/").status_code == 404
    assert Membership.objects.count() == 3


def test_coordinator_imports_into_their_coalition(client, world):
    client = as_user(client, world.coordinator)
    import_file(client, "memberships", MEMBERSHIPS % b"coalition-a")
    assert Membership.objects.filter(coalition=world.coalition_a, organization=world.org_d).exists()


def test_coordinator_cannot_import_into_another_coalition(client, world):
    client = as_user(client, world.coordinator)
    job = staged(client, "memberships", MEMBERSHIPS % b"coalition-b")
    report = check(client, job)
    assert errors_of(report) == [(2, "coalition", "You can import only into coalitions you coordinate.")]
    assert not confirm(client, job)["committed"]
    assert Membership.objects.count() == 3


def test_coordinator_meetings_must_name_their_coalition(client, world):
    client = as_user(client, world.coordinator)
    content = (
        b"date,title,kind,coalition,participants\n"
        b"2024-05-01,Theirs,coalition_meeting,coalition-a,org-a; org-b\n"
        b"2024-05-02,Nobody's,coalition_meeting,,org-a; org-b\n"
        b"2024-05-03,Other,coalition_meeting,coalition-b,org-c; org-d\n"
    )
    job = staged(client, "meetings", content)
    report = check(client, job)
    assert [(line, column) for line, column, _m in errors_of(report)] == [(3, "coalition"), (4, "coalition")]
    confirm(client, job)
    assert Meeting.objects.count() == 0


def test_coordinator_cannot_change_an_organisation_they_do_not_belong_to(client, world):
    client = as_user(client, world.coordinator)
    content = b"slug,name,primary_sector,country\norg-c,Org C renamed,health-care,US\n"
    report = check(client, staged(client, "organizations", content))
    [(line, column, message)] = errors_of(report)
    assert line == 2 and "not allowed" in message
    assert Organization.objects.get(slug="org-c").name == "Org C"
