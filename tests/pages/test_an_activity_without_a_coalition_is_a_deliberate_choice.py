"""The log form: a member of one coalition starts from it; a member of several chooses, and
"no coalition (a bilateral activity)" is a choice they make, told what it means for the figures."""

import datetime

from partners.models import Meeting
from tests import factories as f
from tests.pages.test_meeting_pages import log_data

HELP = "An activity without a coalition counts in no coalition&#x27;s figures."


def test_a_member_of_one_coalition_starts_from_it_and_reads_what_the_choice_means(world, client_as):
    html = client_as(world.member).get("/meetings/new/").content.decode()
    assert '<option value="coalition-a" selected>' in html
    assert HELP in html
    assert '<option value="(none)">No coalition (a bilateral activity)</option>' in html


def test_a_former_membership_does_not_count_as_ones_coalition(world, client_as):
    f.membership(world.org_a, world.coalition_b, start=datetime.date(2019, 1, 1), end=datetime.date(2020, 1, 1))
    html = client_as(world.member).get("/meetings/new/").content.decode()
    assert '<option value="coalition-a" selected>' in html


def test_a_member_of_several_coalitions_chooses_and_an_unchosen_coalition_is_refused(world, client_as):
    f.membership(world.org_a, world.coalition_b)
    client = client_as(world.member)
    html = client.get("/meetings/new/").content.decode()
    options = html.split('id="id_coalition"')[1].split("</select>")[0]
    assert options.count(" selected>") == 1 and '<option value="" selected>Choose a coalition…</option>' in options
    response = client.post("/meetings/new/", log_data(coalition=""))
    assert response.status_code == 400
    assert "Choose a coalition, or “No coalition” for a bilateral activity" in response.content.decode()
    assert not Meeting.objects.exists()
    assert client.post("/meetings/new/", log_data(coalition="(none)")).status_code == 302
    assert client.post("/meetings/new/", log_data(coalition="coalition-b")).status_code == 302
    assert [m.coalition_id for m in Meeting.objects.order_by("pk")] == [None, world.coalition_b.pk]


def test_editing_a_bilateral_activity_keeps_it_bilateral(world, client_as):
    m = f.meeting([world.org_a, world.org_d], kind="training", title="Bilateral")
    html = client_as(world.member).get(f"/meetings/{m.pk}/edit/").content.decode()
    assert '<option value="(none)" selected>' in html


def test_the_api_documents_that_null_means_a_bilateral_activity(world, client_as):
    client = client_as(world.member)
    schema = client.get("/api/schema/", {"format": "json"}).content.decode()
    assert "records a bilateral activity, which counts in no coalition" in schema
