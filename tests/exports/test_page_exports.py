"""Download links on the list pages: the current filters, the page's visibility, the whole list."""

from __future__ import annotations

import pytest

from partners.choices import MeetingVisibility
from tests import factories as f
from tests.conftest import as_user
from tests.exports.test_exports import read_csv, read_xlsx

pytestmark = pytest.mark.django_db


def test_directory_download_links_keep_the_current_filters(client, world):
    page = client.get("/organizations/?sector=law-enforcement&page=1").content.decode()
    assert 'href="?sector=law-enforcement&amp;format=csv"' in page
    assert 'href="?sector=law-enforcement&amp;format=xlsx"' in page
    assert "Download CSV" in page and "Download XLSX" in page


def test_directory_download_holds_the_filtered_visible_list(client, world):
    rows = read_csv(client.get("/organizations/?sector=law-enforcement&format=csv"))
    assert [r["slug"] for r in rows] == ["org-a"]
    rows = read_csv(client.get("/organizations/?format=csv"))
    assert sorted(r["slug"] for r in rows) == ["org-a", "org-c", "org-d"]  # org-b is members-only


def test_activity_download_never_holds_a_participants_only_meeting_for_an_outsider(client, world):
    f.meeting(
        [world.org_a, world.org_b],
        title="Joint operation debrief",
        coalition=world.coalition_a,
        visibility=MeetingVisibility.PARTICIPANTS,
        kind="joint_operation",
    )
    f.meeting([world.org_a, world.org_d], title="Open training", kind="training")
    headers, rows = read_xlsx(as_user(client, world.outsider).get("/meetings/?format=xlsx"))
    assert [r[headers.index("title")] for r in rows] == ["Open training"]


def test_activity_download_needs_sign_in(client, world):
    response = client.get("/meetings/?format=csv")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_partnership_download_applies_the_filters(client, world):
    f.partnership([world.org_a, world.org_b], title="Referral protocol", kind="referral_protocol")
    f.partnership([world.org_c, world.org_d], title="Data agreement", kind="data_sharing")
    rows = read_csv(as_user(client, world.member).get("/partnerships/?kind=data_sharing&format=csv"))
    assert [r["title"] for r in rows] == ["Data agreement"]


def test_download_with_invalid_filters_shows_the_page_with_the_errors(client, world):
    response = as_user(client, world.admin).get("/meetings/?since=not-a-date&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
