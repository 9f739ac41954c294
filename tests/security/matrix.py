"""How the authorisation matrix (test_authorization_matrix.py) runs: the routes, the objects
their URLs name, and the outcome of one request as one persona."""

from __future__ import annotations

import copy
import datetime
import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from partners.choices import MeetingVisibility
from partners.models import Meeting
from tests import factories as f

PERSONAS = ("anonymous", "member", "outsider", "coordinator", "other_coordinator", "admin")


@dataclass
class Route:
    name: str
    pattern: str
    callback: object
    url: str = ""


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield Route(f"{namespace}{p.name}", prefix + str(p.pattern), p.callback)


def all_routes() -> list[Route]:
    return [r for r in _walk(get_resolver().url_patterns) if not r.pattern.startswith("admin/")]


def row_key(route: Route) -> str:
    """Format-suffix variants (`.json`) share their route's row, marked with a `.fmt` suffix."""
    return f"{route.name}.fmt" if "format" in route.pattern else route.name


def declared_methods(route: Route) -> list[str] | None:
    """Methods a class-based view handles; None for function views (their methods are probed)."""
    callback = route.callback
    actions = getattr(callback, "actions", None)
    if actions:
        return sorted(m.upper() for m in actions if m not in {"head", "options"})
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if cls is not None:
        return sorted(m.upper() for m in ("get", "post", "put", "patch", "delete") if hasattr(cls, m))
    return None


# --- the world the matrix runs in -------------------------------------------------------------


def matrix_objects(world) -> dict:
    """The objects the routes' URLs name: a participants-only meeting of coalition A between org A
    and org B, a deleted meeting, their partnership, a contact of org B and the like."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.services import document_create
    from health.models import RepairLogEntry
    from imports.models import ImportJob
    from partners.models import ApiToken
    from reports.models import ReportJob
    from reports.services import calendar_feed_issue

    meeting = f.meeting(
        [world.org_a, world.org_b],
        coalition=world.coalition_a,
        visibility=MeetingVisibility.PARTICIPANTS,
        date=datetime.date(2024, 3, 1),
        title="Joint operation planning",
    )
    gone = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, title="Deleted later")
    gone_pk = gone.pk
    gone.delete()
    partnership = f.partnership([world.org_a, world.org_b], coalition=world.coalition_a, title="Referral MOU")
    contact = f.contact(world.org_b, "Casey Contact", email="casey@example.org")
    membership = world.org_b.memberships.get()
    token = ApiToken.objects.create(user=world.member, name="sync", prefix="abcdefgh", key_hash="0" * 64)
    entry = RepairLogEntry.objects.create(partnership=partnership, cause="communication", action="meeting")
    job = ImportJob.objects.create(created_by=world.admin, kind="organizations", filename="orgs.csv", content=b"name\n")
    _feed, feed_key = calendar_feed_issue(actor=world.member, coalition=world.coalition_a)
    report_job = ReportJob.objects.create(
        requested_by=world.admin,
        coalition=world.coalition_a,
        since=datetime.date(2024, 1, 1),
        until=datetime.date(2024, 6, 30),
        status="done",
        pdf=b"%PDF-1.7",
        filename="report.pdf",
    )
    planned, action_item = _planning_objects(world, meeting)
    document = document_create(
        actor=world.admin,
        partnership=partnership,
        title="Referral MOU",
        kind="mou",
        upload=SimpleUploadedFile("mou.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
    )
    return {
        "planned": planned.pk,
        "action_item": action_item.pk,
        "document": document.pk,
        "version": document.current_id,
        "organization": world.org_b.slug,
        "coalition": world.coalition_a.slug,
        "sector": world.org_b.primary_sector.slug,
        "meeting": meeting.pk,
        "partnership": partnership.pk,
        "contact": contact.pk,
        "membership": membership.pk,
        "token": token.pk,
        "entry": entry.pk,
        "job": job.pk,
        "report_job": report_job.pk,
        "feed_key": feed_key,
        "meeting_history_id": Meeting.history.filter(id=meeting.pk).latest("history_date").history_id,
        "deleted_history_id": Meeting.history.get(id=gone_pk, history_type="-").history_id,
    }


def _planning_objects(world, meeting):
    """A participants-only meeting of coalition A planned for next week, inviting org A and
    org B, and an action item of the matrix meeting owned by org B."""
    from django.utils import timezone

    from partners.models import ActionItem, Invitation

    starts = timezone.now() + datetime.timedelta(days=7)
    planned = Meeting.objects.create(
        title="Planned coordination",
        kind="coalition_meeting",
        coalition=world.coalition_a,
        visibility=MeetingVisibility.PARTICIPANTS,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        date=timezone.localdate(starts),
        logged_by=world.coordinator,
    )
    for org in (world.org_a, world.org_b):
        Invitation.objects.create(meeting=planned, organization=org)
    item = ActionItem.objects.create(meeting=meeting, title="Share the contact list", owner_organization=world.org_b)
    return planned, item


# Routes whose `pk` names the planned meeting, and those naming the action item.
_PLANNED_ROUTES = ("planned-meeting", "meeting_plan_edit", "meeting_cancel", "meeting_reply")
_ACTION_ITEM_ROUTES = ("api:action-item-detail", "partners:action_item_status")


def build_url(route: Route, objects: dict) -> str:
    """The route's path with its parameters filled from the world's objects."""
    name, path = route.name, route.pattern.replace("^", "").replace("$", "")

    def value(param: str) -> str:
        if param == "format":
            return "json"
        if param == "slug":
            for key in ("organization", "coalition", "sector"):
                if key in name:
                    return str(objects[key])
            raise KeyError(f"no object for slug in {name}")
        if param == "pk":
            if name.startswith(("health:", "documents:")):
                return str(objects["partnership"])
            if name.startswith("imports:"):
                return str(objects["job"])
            if name.startswith("audit:"):
                return str(objects["meeting"])
            if any(key in name for key in _PLANNED_ROUTES):
                return str(objects["planned"])
            if name in _ACTION_ITEM_ROUTES:
                return str(objects["action_item"])
            if name == "partners:action_item_create":
                return str(objects["meeting"])
            for key in ("meeting", "partnership", "contact", "membership", "token"):
                if key in name:
                    return str(objects[key])
            raise KeyError(f"no object for pk in {name}")
        fixed = {
            "entry_pk": objects["entry"],
            "token": objects["feed_key"] if name == "reports:calendar_feed" else "x",
            "model_name": "meeting",
            "history_id": objects["deleted_history_id"] if "deleted" in name else objects["meeting_history_id"],
            "label": "partners.meeting",
            "uidb64": "MQ",
            "kind": "organizations",
            "resource": "organizations",
            "fmt": "csv",
            "job": objects["report_job"],
            "document_pk": objects["document"],
            "version_pk": objects["version"],
        }
        return str(fixed[param])

    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: value(m.group(1)), path)  # regex routes first
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1)), path)
    path = path.replace("\\.", ".").replace("/?", "/")
    if name == "password_reset_confirm":
        path = path.replace("/x/", "/set-password/")
    return "/" + path


# --- running one request -------------------------------------------------------------------------


_SNAPSHOT_SQL: list[str] = []


def snapshot() -> tuple:
    """Row counts of every table and the sum of every `version` column, in one query."""
    if not _SNAPSHOT_SQL:
        tables = connection.introspection.table_names()
        parts = [f'(SELECT COUNT(*) FROM "{t}")' for t in tables if t != "django_session"]
        with connection.cursor() as cursor:
            for table in tables:
                columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
                if "version" in columns and "historical" not in table:
                    parts.append(f'(SELECT COALESCE(SUM("version"), 0) FROM "{table}")')
        _SNAPSHOT_SQL.append("SELECT " + ", ".join(parts))
    with connection.cursor() as cursor:
        cursor.execute(_SNAPSHOT_SQL[0])
        return tuple(cursor.fetchone())


def classify(response) -> str:
    status = response.status_code
    location = response.get("Location", "")
    if status in (301, 302, 303) and ("/accounts/login/" in location or "/admin/login/" in location):
        return "login"
    if status == 401:
        return "login"
    if status in (403, 404, 405):
        return str(status)
    if status >= 500:
        return "500"
    return "ok"


def perform(client: Client, method: str, url: str) -> object:
    api = url.startswith("/api/")
    if method == "GET":
        return client.get(url)
    payload = {} if api else {}
    kwargs = {"content_type": "application/json", "data": "{}"} if api else {"data": payload}
    return getattr(client, method.lower())(url, **kwargs)


def check(client: Client, method: str, url: str) -> tuple[str, bool]:
    """The outcome of one request, and whether it changed anything; rolled back afterwards."""
    cookies = copy.deepcopy(client.cookies)  # a sign-out or sign-in answer would replace them
    with transaction.atomic():
        before = snapshot() if method != "GET" else None
        response = perform(client, method, url)
        changed = method != "GET" and snapshot() != before
        transaction.set_rollback(True)
    client.cookies = cookies
    return classify(response), changed


def clients(world) -> dict[str, Client]:
    result = {}
    for persona in PERSONAS:
        client = Client(raise_request_exception=False)
        user = None if persona == "anonymous" else getattr(world, persona)
        if user is not None:
            client.force_login(user)
        result[persona] = client
    return result
