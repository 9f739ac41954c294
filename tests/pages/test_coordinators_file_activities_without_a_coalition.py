"""The data-quality list: activities without a coalition in which two or more current members of
a coalition took part, shown to its coordinators (admins: every coalition's), filed into the
coalition one at a time or in bulk, each filing recorded in the activity's history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditAction, AuditEvent
from partners.choices import MeetingVisibility
from partners.models import Meeting
from partners.services.meetings import meetings_file_into_coalition
from tests import factories as f

URL = "/coalitions/coalition-a/unfiled/"


@pytest.fixture
def unfiled(world):
    """Org A and org B are coalition A's current members; org C belongs to coalition B."""
    w = world
    w.joint = f.meeting([w.org_a, w.org_b], kind="case_coordination", title="Joint case review")
    w.joint2 = f.meeting([w.org_a, w.org_b, w.org_d], kind="training", title="Joint training")
    w.one_member = f.meeting([w.org_a, w.org_d], kind="referral", title="One member only")
    w.filed = f.meeting([w.org_a, w.org_b], coalition=w.coalition_b, title="Already filed")
    w.hidden = f.meeting(
        [w.org_a, w.org_b], kind="joint_operation", visibility=MeetingVisibility.PARTICIPANTS, title="Quiet op"
    )
    return w


def coalition_of(meeting):
    return Meeting.objects.get(pk=meeting.pk).coalition_id


def test_the_coordinator_sees_only_visible_unfiled_activities_of_two_members(unfiled, client_as):
    html = client_as(unfiled.coordinator).get(URL).content.decode()
    assert "Joint case review" in html and "Joint training" in html
    assert "One member only" not in html and "Already filed" not in html
    assert "Quiet op" not in html  # participants only: the coordinator's organisation did not take part
    admin_html = client_as(unfiled.admin).get(URL).content.decode()
    assert "Quiet op" in admin_html


def test_others_may_not_open_the_list(unfiled, client_as):
    assert client_as(unfiled.member).get(URL).status_code == 403
    assert client_as(unfiled.other_coordinator).get(URL).status_code == 403
    assert client_as(None).get(URL).status_code == 302
    assert client_as(unfiled.member).post(URL, {"file": unfiled.joint.pk}).status_code == 403
    assert coalition_of(unfiled.joint) is None


def test_the_coalition_page_links_the_list_for_its_coordinators(unfiled, client_as):
    assert URL in client_as(unfiled.coordinator).get("/coalitions/coalition-a/").content.decode()
    assert URL not in client_as(unfiled.member).get("/coalitions/coalition-a/").content.decode()


def test_one_step_files_one_activity_and_its_history_says_who(unfiled, client_as):
    w = unfiled
    response = client_as(w.coordinator).post(URL, {"file": w.joint.pk, "meeting": [w.joint2.pk]})
    assert response.status_code == 302
    assert coalition_of(w.joint) == w.coalition_a.pk and coalition_of(w.joint2) is None
    record = Meeting.objects.get(pk=w.joint.pk).history.order_by("-history_date").first()
    assert record.history_user == w.coordinator and record.coalition_id == w.coalition_a.pk
    assert "Filed into Coalition A" in record.history_change_reason


def test_bulk_files_the_ticked_activities_and_skips_what_is_not_listed(unfiled, client_as):
    w = unfiled
    picked = [w.joint.pk, w.joint2.pk, w.one_member.pk, w.filed.pk]
    response = client_as(w.coordinator).post(URL, {"meeting": picked, "bulk": "1"}, follow=True)
    assert "2 activities added to Coalition A." in response.content.decode()
    assert coalition_of(w.joint) == coalition_of(w.joint2) == w.coalition_a.pk
    assert coalition_of(w.one_member) is None and coalition_of(w.filed) == w.coalition_b.pk
    reasons = {Meeting.objects.get(pk=pk).history.first().history_change_reason for pk in picked[:2]}
    assert reasons == {"Filed into Coalition A from the list of activities without a coalition (2 at once)."}
    # One audit event for the bulk action, naming who filed what into which coalition.
    events = list(AuditEvent.objects.filter(action=AuditAction.FILE))
    assert len(events) == 1 and events[0].actor_id == w.coordinator.pk
    assert events[0].detail == {"coalition": w.coalition_a.slug, "meetings": sorted(picked[:2]), "count": 2}


def test_a_refused_filing_writes_no_audit_event(unfiled):
    w = unfiled
    with pytest.raises(PermissionDenied):
        meetings_file_into_coalition(actor=w.other_coordinator, coalition=w.coalition_a, meetings=[w.joint])
    assert not AuditEvent.objects.filter(action=AuditAction.FILE).exists()


def test_the_service_refuses_what_the_list_would_not_offer(unfiled):
    w = unfiled
    with pytest.raises(ValidationError):
        meetings_file_into_coalition(actor=w.coordinator, coalition=w.coalition_a, meetings=[w.one_member])
    with pytest.raises(PermissionDenied):  # opening a participants-only activity to coordinators
        meetings_file_into_coalition(actor=w.coordinator, coalition=w.coalition_a, meetings=[w.hidden])
    with pytest.raises(PermissionDenied):
        meetings_file_into_coalition(actor=w.other_coordinator, coalition=w.coalition_a, meetings=[w.joint])
    assert coalition_of(w.one_member) is coalition_of(w.hidden) is coalition_of(w.joint) is None
    meetings_file_into_coalition(actor=w.admin, coalition=w.coalition_a, meetings=[w.hidden])
    assert coalition_of(w.hidden) == w.coalition_a.pk


def test_the_list_runs_the_same_number_of_queries_for_any_page_size(world, client_as):
    for i in range(30):
        f.meeting([world.org_a, world.org_b, world.org_c], kind="training", title=f"Unfiled {i}")
    client = client_as(world.coordinator)
    counts = []
    for size in (10, 25):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"page_size": size})
        assert response.content.decode().count('name="file"') == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
