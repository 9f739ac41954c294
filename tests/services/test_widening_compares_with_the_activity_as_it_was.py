"""Widening who sees an activity is judged against the activity as it was before the edit:
moving a participants-only activity to another coalition, or taking a coalition-wide activity
out of its coalition, needs a coordinator of its (old) coalition or an admin."""

import pytest
from django.core.exceptions import PermissionDenied

from partners.choices import MeetingVisibility
from partners.models import Meeting
from partners.services.meetings import meeting_update
from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/meetings/"


@pytest.fixture
def quiet(world):
    """Coalition A's participants-only operation of org A and org C, and a coordinator of
    coalition B who works at org C (a participant)."""
    world.quiet = f.meeting(
        [world.org_a, world.org_c],
        kind="joint_operation",
        coalition=world.coalition_a,
        visibility=MeetingVisibility.PARTICIPANTS,
        title="Quiet operation",
    )
    world.c_coordinator = f.user("c-coordinator", org=world.org_c, coordinates=[world.coalition_b])
    return world


def unchanged(meeting, *, coalition, visibility) -> bool:
    meeting = Meeting.objects.get(pk=meeting.pk)
    return meeting.coalition == coalition and meeting.visibility == visibility and meeting.version == 1


def test_a_coordinator_cannot_widen_another_coalitions_activity_by_moving_it_api(quiet, client_as):
    w = quiet
    response = client_as(w.c_coordinator).patch(
        f"{URL}{w.quiet.pk}/", {"coalition": "coalition-b", "visibility": "coalition"}, format="json"
    )
    assert response.status_code == 403, response.content
    assert unchanged(w.quiet, coalition=w.coalition_a, visibility=MeetingVisibility.PARTICIPANTS)


def test_moving_a_participants_only_activity_is_widening_service(quiet):
    w = quiet
    for data in ({"coalition": w.coalition_b, "visibility": "coalition"}, {"coalition": w.coalition_b}):
        with pytest.raises(PermissionDenied):
            meeting_update(actor=w.c_coordinator, meeting=Meeting.objects.get(pk=w.quiet.pk), **data)
    with pytest.raises(PermissionDenied):
        meeting_update(actor=w.member, meeting=Meeting.objects.get(pk=w.quiet.pk), coalition=None)
    assert unchanged(w.quiet, coalition=w.coalition_a, visibility=MeetingVisibility.PARTICIPANTS)


def test_a_participant_cannot_clear_the_coalition_of_a_coalition_wide_activity(world, client_as):
    m = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, title="Coalition A meeting")
    response = client_as(world.member).patch(f"{URL}{m.pk}/", {"coalition": None}, format="json")
    assert response.status_code == 403, response.content
    assert unchanged(m, coalition=world.coalition_a, visibility=MeetingVisibility.COALITION)
    with pytest.raises(PermissionDenied):
        meeting_update(actor=world.member, meeting=Meeting.objects.get(pk=m.pk), coalition=None)
    assert unchanged(m, coalition=world.coalition_a, visibility=MeetingVisibility.COALITION)


def test_the_old_coalitions_coordinator_and_admins_may_still_widen(quiet, client_as):
    w = quiet
    m = f.meeting([w.org_a, w.org_b], coalition=w.coalition_a, title="Coalition A meeting")
    assert client_as(w.coordinator).patch(f"{URL}{m.pk}/", {"coalition": None}, format="json").status_code == 200
    response = client_as(w.coordinator).patch(f"{URL}{w.quiet.pk}/", {"visibility": "coalition"}, format="json")
    assert response.status_code == 200
    meeting_update(actor=w.admin, meeting=Meeting.objects.get(pk=w.quiet.pk), coalition=w.coalition_b)
    assert Meeting.objects.get(pk=w.quiet.pk).coalition == w.coalition_b
