"""Clients generated from the schema work: an integrator generates a Python client from
/api/schema/ with openapi-python-client and uses the API through it, with a personal token,
against a running server (pytest-django's live_server).

The generator runs on the schema the server serves; its output is cached by the schema's hash
(tests/api/generated_client.py), so only a changed schema is generated again (about 1-2 s).
Nothing here uses the network beyond 127.0.0.1.
"""

from __future__ import annotations

import datetime
import io
import tempfile
from pathlib import Path

import httpx
import pytest
import yaml
from django.utils import timezone

from partners.choices import ActionItemStatus, InvitationReply
from partners.models import ActionItem, Invitation, Meeting
from partners.services.accounts import api_token_create
from tests import factories as f
from tests.api.generated_client import generated_client, operation
from tests.api.openapi import concrete_url, operations

TIMEOUT = httpx.Timeout(15.0)
# A session's cache when pytest keeps one (addopts turns it off), else a folder kept between runs.
FALLBACK_CACHE = Path(tempfile.gettempdir()) / "coalition-tracker-generated-clients"


@pytest.fixture
def schema_text(live_server) -> str:
    response = httpx.get(f"{live_server.url}/api/schema/", timeout=TIMEOUT)
    assert response.status_code == 200
    return response.text


@pytest.fixture
def client_package(schema_text, request):
    cache = getattr(request.config, "cache", None)
    cache_dir = Path(cache.mkdir("openapi-python-client")) if cache is not None else FALLBACK_CACHE
    return generated_client(schema_text, cache_dir)


@pytest.fixture
def as_token(live_server, client_package):
    """`as_token(user)`: a generated AuthenticatedClient that sends a real personal token of `user`."""
    clients = []

    def make(user):
        _token, key = api_token_create(actor=user, name="Generated client")
        client = client_package.AuthenticatedClient(
            base_url=live_server.url, token=key, prefix="Token", timeout=TIMEOUT, raise_on_unexpected_status=True
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.get_httpx_client().close()


def test_an_integrator_logs_plans_replies_closes_and_reads_the_pairs(world, client_package, as_token):
    """List organisations, log an activity, plan a meeting with invitees, reply to the
    invitation, close an action item, read the collaboration pairs: all through the client."""
    c = client_package
    models = c.models
    member = as_token(world.member)  # a member of Org A, in coalition A with Org B
    coordinator = as_token(world.coordinator)  # coordinates coalition A

    organizations = operation(c, "organizations_list").sync(client=member, page_size=100)
    assert isinstance(organizations, models.PaginatedOrganizationList)
    assert {"org-a", "org-b", "org-c", "org-d"} <= {o.slug for o in organizations.results}

    # Log an activity with nested participations (JSON; a form body could not carry them).
    held_on = timezone.localdate() - datetime.timedelta(days=7)
    activity = models.MeetingRequest(
        title="Referral pathway review",
        date=held_on,
        kind=models.MeetingKindEnum.CASE_COORDINATION,
        coalition="coalition-a",
        duration_minutes=90,
        participations=[
            models.ParticipationRequest(organization="org-a", role=models.ParticipationRoleEnum.HOST, attendees=3),
            models.ParticipationRequest(organization="org-b", attendees=2),
        ],
    )
    created = operation(c, "meetings_create").sync_detailed(client=member, body=activity)
    assert created.status_code == 201, created.content
    logged = created.parsed
    assert isinstance(logged, models.Meeting)
    assert logged.date == held_on
    assert {(p.organization, p.role, p.attendees) for p in logged.participations} == {
        ("org-a", models.ParticipationRoleEnum.HOST, 3),
        ("org-b", models.ParticipationRoleEnum.PARTICIPANT, 2),
    }
    found = operation(c, "meetings_list").sync(client=member, kind=[models.MeetingKindEnum.CASE_COORDINATION])
    assert [m.id for m in found.results] == [logged.id]
    stored = Meeting.objects.get(pk=logged.id)
    assert stored.logged_by == world.member
    assert sorted(stored.participations.values_list("organization__slug", flat=True)) == ["org-a", "org-b"]

    # Plan a meeting with an agenda and two invited organisations.
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    plan = models.PlannedMeetingRequest(
        title="Quarterly coalition meeting",
        coalition="coalition-a",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place="City Hall, room 2",
        agenda=[
            models.AgendaItemRequest(title="Welcome"),
            models.AgendaItemRequest(title="Referral protocol", presenter="org-b"),
        ],
        invitations=[models.InvitationRequest(organization="org-a"), models.InvitationRequest(organization="org-b")],
    )
    planned = operation(c, "planned_meetings_create").sync_detailed(client=coordinator, body=plan)
    assert planned.status_code == 201, planned.content
    meeting = planned.parsed
    assert isinstance(meeting, models.PlannedMeeting)
    assert meeting.starts_at == starts_at
    assert [a.title for a in meeting.agenda] == ["Welcome", "Referral protocol"]
    assert {i.organization for i in meeting.invitations} == {"org-a", "org-b"}

    # The member answers for Org A; the reply is stored and the organiser sees it.
    replied = operation(c, "planned_meetings_reply").sync_detailed(
        client=member, id=meeting.id, body=models.ReplyRequest(reply=models.InvitationAnswerEnum.ATTENDING)
    )
    assert replied.status_code == 200, replied.content
    invitation = Invitation.objects.get(meeting_id=meeting.id, organization=world.org_a)
    assert (invitation.reply, invitation.replied_by) == (InvitationReply.ATTENDING, world.member)
    seen = operation(c, "planned_meetings_retrieve").sync(client=coordinator, id=meeting.id)
    assert {i.organization: i.reply for i in seen.invitations} == {
        "org-a": models.InvitationReplyEnum.ATTENDING,
        "org-b": models.InvitationReplyEnum.PENDING,
    }

    # The coordinator gives Org A an action item; the member closes it.
    item = operation(c, "action_items_create").sync(
        client=coordinator,
        body=models.ActionItemRequest(
            title="Circulate the referral protocol",
            meeting=meeting.id,
            owner_organization="org-a",
            due_on=timezone.localdate() + datetime.timedelta(days=20),
        ),
    )
    assert isinstance(item, models.ActionItem), item
    assert item.status == models.ActionItemStatusEnum.OPEN
    closed = operation(c, "action_items_partial_update").sync(
        client=member, id=item.id, body=models.PatchedActionItemRequest(status=models.ActionItemStatusEnum.DONE)
    )
    assert isinstance(closed, models.ActionItem), closed
    assert closed.status == models.ActionItemStatusEnum.DONE and closed.closed_at is not None
    assert ActionItem.objects.get(pk=item.id).status == ActionItemStatus.DONE

    # The pairs count the activity held, not the meeting still planned.
    pairs = operation(c, "analytics_collaborations_list").sync(client=member, coalition="coalition-a")
    assert isinstance(pairs, models.PaginatedPairList)
    counts = {frozenset((p.organization_a.slug, p.organization_b.slug)): p.count for p in pairs.results}
    assert counts == {frozenset(("org-a", "org-b")): 1}


def test_a_partner_records_a_partnership_and_uploads_its_mou_as_multipart(world, client_package, as_token):
    """The one kind of write that takes multipart: a file. The generated client sends it so."""
    c = client_package
    models = c.models
    member = as_token(world.member)
    partnership = operation(c, "partnerships_create").sync(
        client=member,
        body=models.PartnershipRequest(
            title="Referral agreement", kind=models.PartnershipKindEnum.MOU, organizations=["org-a", "org-b"]
        ),
    )
    assert isinstance(partnership, models.Partnership), partnership
    upload = operation(c, "partnerships_documents_create")
    assert "files" in upload._get_kwargs(
        partnership.id,
        body=models.DocumentUploadRequest(title="t", file=c.types.File(payload=io.BytesIO(b""), file_name="x.pdf")),
    )
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = upload.sync_detailed(
        partnership.id,
        client=member,
        body=models.DocumentUploadRequest(
            title="Signed MOU",
            kind=models.DocumentKindEnum.MOU,
            file=c.types.File(payload=io.BytesIO(pdf), file_name="mou.pdf", mime_type="application/pdf"),
        ),
    )
    assert response.status_code == 201, response.content
    document = response.parsed
    assert isinstance(document, models.Document)
    assert (document.title, len(document.versions)) == ("Signed MOU", 1)
    assert document.versions[0].size == len(pdf)


def test_a_form_body_is_not_what_the_generated_client_sends(client_package):
    """The generated code for a nested write sends JSON only (no form or multipart fallback)."""
    kwargs = operation(client_package, "meetings_create")._get_kwargs(
        body=client_package.models.MeetingRequest(
            title="T",
            date=datetime.date(2024, 1, 1),
            kind=client_package.models.MeetingKindEnum.TRAINING,
            participations=[client_package.models.ParticipationRequest(organization="org-a")],
        )
    )
    assert kwargs["headers"]["Content-Type"] == "application/json"
    assert kwargs["json"]["participations"] == [{"organization": "org-a", "role": "participant"}]
    assert "data" not in kwargs and "files" not in kwargs


# The list and analytics endpoints every deployment has; the test also reads any other list the
# schema describes (e.g. a record's sub-list) whose path it can fill with a visible record.
CORE_READS = {
    *(f"/api/v1/{name}/" for name in ("sectors", "organizations", "contacts", "coalitions", "memberships")),
    *(f"/api/v1/{name}/" for name in ("partnerships", "meetings", "tokens")),
    *(f"/api/v1/analytics/{name}/" for name in ("collaborations", "sector-matrix", "network", "timeline")),
    "/api/v1/organizations/{slug}/collaborators/",
}


def _reads(schema: dict) -> list[tuple[str, dict]]:
    """The list and analytics operations: every GET answering JSON whose path does not end in a
    record's key (single-record reads are left to the resources' own tests)."""
    found = []
    for path, method, operation_ in operations(schema):
        answers_json = "application/json" in operation_["responses"].get("200", {}).get("content", {})
        if method == "get" and answers_json and not path.endswith("}/"):
            found.append((path, operation_))
    return found


def test_every_list_and_analytics_endpoint_reads_through_the_generated_client(
    activities, schema_text, client_package, as_token, live_server, subtests
):
    c = client_package
    # A renewal due in ten days: an attention item, whose key the history read is named by.
    f.partnership(
        [activities.org_a, activities.org_b],
        coalition=activities.coalition_a,
        renewal_date=datetime.date.today() + datetime.timedelta(days=10),
    )
    coordinator = as_token(activities.coordinator)
    reads = _reads(yaml.safe_load(schema_text))
    assert {path for path, _operation in reads} >= CORE_READS
    read = set()
    raw = httpx.Client(base_url=live_server.url, headers=coordinator.get_httpx_client().headers, timeout=TIMEOUT)
    with raw:
        attention = raw.get("/api/v1/analytics/attention/", params={"coalition": "coalition-a"}).json()
        item_keys = [item["key"] for item in attention["results"]]
        assert item_keys, attention
        for path, operation_ in reads:
            with subtests.test(path=path):
                url = concrete_url(raw, path)
                if url is None:
                    assert path not in CORE_READS, f"no record to fill {path}"
                    pytest.skip(f"no visible record to fill {path}")
                values = dict(zip(path.split("/"), url.split("/"), strict=True))
                kwargs = {name[1:-1]: value for name, value in values.items() if name.startswith("{")}
                query = {p["name"]: p for p in operation_.get("parameters", []) if p["in"] == "query"}
                if "coalition" in query:
                    kwargs["coalition"] = "coalition-a"  # some figures are per coalition only
                if "key" in query:
                    kwargs["key"] = item_keys[0]  # one attention item's history
                needed = {name for name, p in query.items() if p.get("required")} - set(kwargs)
                if needed:
                    assert path not in CORE_READS, f"{path} needs {needed}"
                    pytest.skip(f"{path} reads one record's rows, named by {sorted(needed)}")
                module = operation(c, operation_["operationId"])
                response = module.sync_detailed(client=coordinator, **kwargs)
                assert response.status_code == 200, (path, response.content[:300])
                assert response.parsed is not None, path
                assert type(response.parsed).__name__ not in {"ErrorDetail", "FieldErrors"}, path
                read.add(path)
    assert read >= CORE_READS
    # Something was read, not only empty pages: the coordinator sees coalition A's activities.
    meetings = operation(c, "meetings_list").sync(client=coordinator)
    assert {m.title for m in meetings.results} >= {"Joint operation at the port"}
