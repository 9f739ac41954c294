"""The dashboard for signed-in users and the public landing page for visitors."""

import datetime

from django.utils import timezone

from partners.choices import MeetingVisibility
from tests import factories as f


def test_anonymous_visitor_sees_landing_page_with_public_profiles_only(world, client_as):
    response = client_as(None).get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Org A" in html and "Org C" in html
    assert "Org B" not in html  # members-only profile
    assert "Sign in" in html
    assert "Log an activity" not in html


def test_member_sees_their_coalitions_recent_joint_activities_and_log_button(world, client_as):
    f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, title="Joint case review")
    f.meeting([world.org_a], kind="training", coalition=world.coalition_a, title="Solo training")
    response = client_as(world.member).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Coalition A" in html
    assert "Coalition B" not in html
    assert "Joint case review" in html
    assert "Solo training" not in html  # one organisation is not a joint activity
    assert 'id="log-activity"' in html


def test_dashboard_never_lists_a_participants_only_activity_the_viewer_may_not_see(world, client_as):
    f.meeting(
        [world.org_a, world.org_b],
        coalition=world.coalition_a,
        title="Secret joint operation",
        visibility=MeetingVisibility.PARTICIPANTS,
    )
    assert "Secret joint operation" in client_as(world.member).get("/").content.decode()
    assert "Secret joint operation" not in client_as(world.outsider).get("/").content.decode()


def test_dashboard_lists_partnerships_that_need_attention(world, client_as):
    today = timezone.localdate()
    f.partnership(
        [world.org_a, world.org_b],
        title="Renewal soon MOU",
        coalition=world.coalition_a,
        renewal_date=today + datetime.timedelta(days=10),
        start_date=today,
    )
    html = client_as(world.member).get("/").content.decode()
    assert "Renewal soon MOU" in html
    assert "Renewal due in 10 days." in html


def test_planned_activities_are_listed_as_coming_up_not_as_recent(world, client_as):
    soon = timezone.localdate() + datetime.timedelta(days=7)
    f.meeting([world.org_a, world.org_b], date=soon, coalition=world.coalition_a, title="Next task force meeting")
    f.meeting([world.org_c, world.org_d], date=soon, title="Someone else's plan")
    html = client_as(world.member).get("/").content.decode()
    coming_up, recent = html.split('id="recent-h"')
    assert "Next task force meeting" in coming_up and "Next task force meeting" not in recent
    assert "Someone else's plan" not in html
