"""`?format=csv|xlsx` on the API lists: the same filters and visibility, the whole list, streamed."""

from __future__ import annotations

import datetime

import pytest
from django.http import StreamingHttpResponse

from partners.choices import MeetingVisibility
from tests import factories as f
from tests.exports.test_exports import read_csv, read_xlsx

pytestmark = pytest.mark.django_db


def test_api_organisation_list_downloads_as_streamed_csv_with_its_filters(api, world):
    response = api.get("/api/v1/organizations/?format=csv&sector=law-enforcement")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"].startswith('attachment; filename="organizations-')
    assert [r["slug"] for r in read_csv(response)] == ["org-a"]


def test_api_anonymous_csv_holds_public_profiles_only(api, world):
    assert sorted(r["slug"] for r in read_csv(api.get("/api/v1/organizations/?format=csv"))) == [
        "org-a",
        "org-c",
        "org-d",
    ]


def test_api_export_ignores_pagination(api, world):
    api.force_authenticate(world.admin)
    for i in range(3):
        f.organization(f"Extra {i}")
    assert len(read_csv(api.get("/api/v1/organizations/?format=csv&page_size=2&page=2"))) == 7


def test_api_outsider_meetings_xlsx_never_holds_a_participants_only_meeting(api, world):
    f.meeting(
        [world.org_a, world.org_b],
        title="Joint operation debrief",
        coalition=world.coalition_a,
        visibility=MeetingVisibility.PARTICIPANTS,
        kind="joint_operation",
    )
    f.meeting([world.org_a, world.org_d], title="Open training", kind="training")
    api.force_authenticate(world.outsider)
    headers, rows = read_xlsx(api.get("/api/v1/meetings/?format=xlsx"))
    assert [r[headers.index("title")] for r in rows] == ["Open training"]


def test_api_contacts_export_needs_sign_in(api, world):
    f.contact(world.org_a, "Alex Example")
    response = api.get("/api/v1/contacts/?format=csv")
    assert response.status_code in (401, 403)
    assert b"Alex Example" not in response.content


def test_api_export_with_a_bad_filter_answers_400_naming_it(api, world):
    api.force_authenticate(world.admin)
    response = api.get("/api/v1/meetings/?format=csv&since=not-a-date")
    assert response.status_code == 400
    assert "since" in response.json()


def test_api_json_and_unknown_formats_are_unchanged(api, world):
    api.force_authenticate(world.admin)
    assert api.get("/api/v1/memberships/?format=json").status_code == 200
    assert api.get("/api/v1/memberships/?format=pdf").status_code == 400


def test_api_memberships_and_partnerships_download(api, world):
    api.force_authenticate(world.admin)
    f.partnership([world.org_a, world.org_b], title="=cmd|' /C calc'!A0")
    assert len(read_csv(api.get("/api/v1/memberships/?format=csv&coalition=coalition-a"))) == 2
    [row] = read_csv(api.get("/api/v1/partnerships/?format=csv"))
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["organizations"] == "org-a; org-b"


def test_api_collaboration_pairs_download_every_pair(api, world):
    f.meeting([world.org_a, world.org_b], date=datetime.date(2024, 1, 10))
    f.meeting([world.org_b, world.org_c], date=datetime.date(2024, 2, 10))
    api.force_authenticate(world.admin)
    rows = read_csv(api.get("/api/v1/analytics/collaborations/?format=csv&page_size=1"))
    assert {(r["organization_a"], r["organization_b"], r["count"]) for r in rows} == {
        ("org-a", "org-b", "1"),
        ("org-b", "org-c", "1"),
    }
    rows = read_csv(api.get("/api/v1/analytics/collaborations/?format=csv&since=2024-02-01"))
    assert [(r["organization_a"], r["organization_b"]) for r in rows] == [("org-b", "org-c")]


def test_api_coalitions_download(api, world):
    api.force_authenticate(world.member)
    rows = read_csv(api.get("/api/v1/coalitions/?format=csv"))
    assert [(r["slug"], r["kind"], r["scope"]) for r in rows] == [
        ("coalition-a", "task_force", "local"),
        ("coalition-b", "network", "national"),
    ]
