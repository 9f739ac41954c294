# ruff: noqa: E501 -- the table reads best with one route per line
"""The authorisation matrix: every URL pattern × every HTTP method it accepts × every persona.

The expected outcome of each lives in ONE table, EXPECTED, below. A route with no row, or a
method a route accepts with no entry, fails the test with a message naming it. Every request runs
in a savepoint that is rolled back, so the checks do not disturb one another, and every refused
write is checked to have changed nothing (row counts of every table, history tables included,
and the sum of every record version).

Outcomes, one word per persona in PERSONAS order:
    ok     allowed (2xx, a redirect elsewhere than sign-in, or a 400/409/412/422/428 about the data)
    login  sent to sign in (a redirect to the sign-in page; 401 on the API)
    403    visible but not allowed
    404    invisible (or unknown): as if it did not exist

To print the observed matrix for review: MATRIX_PRINT=1 pytest tests/security/test_authorization_matrix.py -s
"""

from __future__ import annotations

import copy
import datetime
import os
import re
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from partners.choices import MeetingVisibility
from partners.models import Meeting
from tests import factories as f

PERSONAS = ("anonymous", "member", "outsider", "coordinator", "other_coordinator", "admin")
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
ALL = "ok ok ok ok ok ok"
SIGNED_IN = "login ok ok ok ok ok"
ADMIN_ONLY = "login 403 403 403 403 ok"

# fmt: off
EXPECTED: dict[str, dict[str, str]] = {
    # Route name: {method: outcomes for anonymous, member of org A, member of an unrelated
    # organisation, coordinator of coalition A, coordinator of coalition B, admin}.
    # The objects: org B (members-only profile, in coalition A), coalition A, a participants-only
    # meeting of coalition A between org A and org B, their partnership, a contact of org B.
    "api-docs": {"GET": "ok ok ok ok ok ok"},
    "api-redoc": {"GET": "ok ok ok ok ok ok"},
    "api-schema": {"GET": "ok ok ok ok ok ok"},
    "api:analytics-collaborations": {"GET": "login ok ok ok ok ok"},
    "api:analytics-network": {"GET": "login ok ok ok ok ok"},
    "api:analytics-sector-matrix": {"GET": "login ok ok ok ok ok"},
    "api:analytics-timeline": {"GET": "login ok ok ok ok ok"},
    "api:api-root": {"GET": "ok ok ok ok ok ok"},
    "api:api-root.fmt": {"GET": "404 404 404 404 404 404"},
    # PUT with an empty body: 400 (the body is checked before the role); PATCH: coordinators of A
    "api:coalition-detail": {"DELETE": "login 403 403 403 403 ok", "GET": "login ok ok ok ok ok", "PATCH": "login 403 403 ok 403 ok", "PUT": "login ok ok ok ok ok"},
    "api:coalition-detail.fmt": {"DELETE": "login 403 403 403 403 ok", "GET": "login ok ok ok ok ok", "PATCH": "login 403 403 ok 403 ok", "PUT": "login ok ok ok ok ok"},
    "api:coalition-list": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:coalition-list.fmt": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:contact-detail": {"DELETE": "login 403 403 403 403 ok", "GET": "login ok ok ok ok ok", "PATCH": "login 403 403 403 403 ok", "PUT": "login ok ok ok ok ok"},
    "api:contact-detail.fmt": {"DELETE": "login 403 403 403 403 ok", "GET": "login ok ok ok ok ok", "PATCH": "login 403 403 403 403 ok", "PUT": "login ok ok ok ok ok"},
    "api:contact-list": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:contact-list.fmt": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    # participants-only: the participants' members and coalition A's coordinators
    "api:meeting-detail": {"DELETE": "login ok 404 ok 404 ok", "GET": "login ok 404 ok 404 ok", "PATCH": "login ok 404 ok 404 ok", "PUT": "login ok 404 ok 404 ok"},
    "api:meeting-detail.fmt": {"DELETE": "login ok 404 ok 404 ok", "GET": "login ok 404 ok 404 ok", "PATCH": "login ok 404 ok 404 ok", "PUT": "login ok 404 ok 404 ok"},
    "api:meeting-list": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:meeting-list.fmt": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:membership-detail": {"DELETE": "login 403 403 ok 403 ok", "GET": "login ok ok ok ok ok", "PATCH": "login 403 403 ok 403 ok", "PUT": "login ok ok ok ok ok"},
    "api:membership-detail.fmt": {"DELETE": "login 403 403 ok 403 ok", "GET": "login ok ok ok ok ok", "PATCH": "login 403 403 ok 403 ok", "PUT": "login ok ok ok ok ok"},
    "api:membership-list": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:membership-list.fmt": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:organization-collaborators": {"GET": "login ok ok ok ok ok"},
    "api:organization-collaborators.fmt": {"GET": "login ok ok ok ok ok"},
    # org B is members-only: anonymous visitors get 404
    "api:organization-detail": {"DELETE": "login 403 403 403 403 ok", "GET": "404 ok ok ok ok ok", "PATCH": "login 403 403 403 403 ok", "PUT": "login ok ok ok ok ok"},
    "api:organization-detail.fmt": {"DELETE": "login 403 403 403 403 ok", "GET": "404 ok ok ok ok ok", "PATCH": "login 403 403 403 403 ok", "PUT": "login ok ok ok ok ok"},
    "api:organization-list": {"GET": "ok ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:organization-list.fmt": {"GET": "ok ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:partnership-detail": {"DELETE": "login ok 403 ok 403 ok", "GET": "login ok ok ok ok ok", "PATCH": "login ok 403 ok 403 ok", "PUT": "login ok ok ok ok ok"},
    "api:partnership-detail.fmt": {"DELETE": "login ok 403 ok 403 ok", "GET": "login ok ok ok ok ok", "PATCH": "login ok 403 ok 403 ok", "PUT": "login ok ok ok ok ok"},
    "api:partnership-list": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:partnership-list.fmt": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:sector-detail": {"GET": "ok ok ok ok ok ok"},
    "api:sector-detail.fmt": {"GET": "ok ok ok ok ok ok"},
    "api:sector-list": {"GET": "ok ok ok ok ok ok"},
    "api:sector-list.fmt": {"GET": "ok ok ok ok ok ok"},
    # a token is its owner's alone
    "api:token-detail": {"DELETE": "login ok 404 404 404 404", "GET": "login ok 404 404 404 404"},
    "api:token-detail.fmt": {"DELETE": "login ok 404 404 404 404", "GET": "login ok 404 404 404 404"},
    "api:token-list": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:token-list.fmt": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "audit:deleted_list": {"GET": "login 403 403 403 403 ok"},
    "audit:deleted_restore": {"POST": "login 403 403 403 403 ok"},
    "audit:history": {"GET": "login ok 404 ok 404 ok"},
    "audit:two_factor_disable": {"POST": "login ok ok ok ok ok"},
    "audit:two_factor_setup": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "audit:two_factor_verify": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    # visibility first (404), then admins only (403)
    "audit:version_restore": {"POST": "login 403 404 403 404 ok"},
    "health:attention_api": {"GET": "login ok ok ok ok ok"},
    # only members of a partner organisation rate the partnership
    "health:checkin": {"POST": "login ok 404 403 404 403"},
    "health:coalition_attention": {"GET": "login ok ok ok ok ok"},
    "health:coalition_equity": {"GET": "login ok ok ok ok ok"},
    "health:equity_api": {"GET": "login ok ok ok ok ok"},
    "health:organization_attention": {"GET": "login ok ok ok ok ok"},
    "health:partnership_health": {"GET": "login ok ok ok ok ok"},
    "health:partnership_status": {"POST": "login ok 403 ok 403 ok"},
    "health:repair_entry_delete": {"POST": "login ok 404 ok 404 ok"},
    "health:repair_entry_edit": {"GET": "login ok 404 ok 404 ok", "POST": "login ok 404 ok 404 ok"},
    "health:repair_log": {"GET": "login ok 404 ok 404 ok", "POST": "login ok 404 ok 404 ok"},
    "imports:check": {"POST": "login 403 403 404 404 ok"},
    "imports:confirm": {"POST": "login 403 403 404 404 ok"},
    "imports:discard": {"POST": "login 403 403 404 404 ok"},
    # anonymous visitors get public profiles only; other resources need sign-in
    "imports:export": {"GET": "ok ok ok ok ok ok"},
    # a function view that answers any method the same way; the job is the admin's
    "imports:job": {"GET": "login 403 403 404 404 ok", "POST": "login 403 403 404 404 ok", "PUT": "login 403 403 404 404 ok", "PATCH": "login 403 403 404 404 ok", "DELETE": "login 403 403 404 404 ok"},
    "imports:progress": {"GET": "login 403 403 404 404 ok"},
    "imports:start": {"GET": "login 403 403 ok ok ok", "POST": "login 403 403 ok ok ok", "PUT": "login 403 403 ok ok ok", "PATCH": "login 403 403 ok ok ok", "DELETE": "login 403 403 ok ok ok"},
    "imports:template": {"GET": "login 403 403 ok ok ok"},
    "login": {"GET": "ok ok ok ok ok ok", "POST": "ok ok ok ok ok ok", "PUT": "ok ok ok ok ok ok"},
    "logout": {"GET": "405 405 405 405 405 405", "POST": "ok ok ok ok ok ok"},
    "partners:account": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "partners:coalition_detail": {"GET": "404 ok ok ok ok ok"},
    "partners:coalition_list": {"GET": "login ok ok ok ok ok"},
    "partners:dashboard": {"GET": "ok ok ok ok ok ok"},
    "partners:meeting_create": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "partners:meeting_delete": {"GET": "404 ok 404 ok 404 ok", "POST": "404 ok 404 ok 404 ok"},
    "partners:meeting_detail": {"GET": "404 ok 404 ok 404 ok"},
    "partners:meeting_edit": {"GET": "404 ok 404 ok 404 ok", "POST": "404 ok 404 ok 404 ok"},
    "partners:meeting_list": {"GET": "login ok ok ok ok ok"},
    # a function view that answers any method by showing the page
    "partners:organization_detail": {"GET": "404 ok ok ok ok ok", "POST": "404 ok ok ok ok ok", "PUT": "404 ok ok ok ok ok", "PATCH": "404 ok ok ok ok ok", "DELETE": "404 ok ok ok ok ok"},
    "partners:organization_edit": {"GET": "404 403 403 403 403 ok", "POST": "404 403 403 403 403 ok"},
    "partners:organization_list": {"GET": "ok ok ok ok ok ok"},
    "partners:organization_search": {"GET": "ok ok ok ok ok ok"},
    "partners:partnership_create": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "partners:partnership_detail": {"GET": "404 ok ok ok ok ok"},
    "partners:partnership_edit": {"GET": "404 ok 403 ok 403 ok", "POST": "404 ok 403 ok 403 ok"},
    "partners:partnership_list": {"GET": "login ok ok ok ok ok"},
    "partners:token_revoke": {"POST": "login ok 404 404 404 404"},
    "password_change": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok", "PUT": "login ok ok ok ok ok"},
    "password_change_done": {"GET": "login ok ok ok ok ok"},
    "password_reset": {"GET": "ok ok ok ok ok ok", "POST": "ok ok ok ok ok ok", "PUT": "ok ok ok ok ok ok"},
    "password_reset_complete": {"GET": "ok ok ok ok ok ok"},
    "password_reset_confirm": {"GET": "ok ok ok ok ok ok", "POST": "ok ok ok ok ok ok", "PUT": "ok ok ok ok ok ok"},
    "password_reset_done": {"GET": "ok ok ok ok ok ok"},
    # the secret key in the URL is the credential
    "reports:calendar_feed": {"GET": "ok ok ok ok ok ok"},
    "reports:calendar_feeds": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "reports:coalition_report": {"GET": "login ok ok ok ok ok"},
    "reports:coalition_report_pdf": {"GET": "login ok ok ok ok ok"},
    "reports:coalition_report_pdf_download": {"GET": "login 404 404 404 404 ok"},  # the admin's own PDF
    "reports:coalition_report_pdf_job": {"GET": "login 404 404 404 404 ok"},
    "reports:coalition_report_pdf_prepare": {"POST": "login ok ok ok ok ok"},
    "reports:hsds_csv_zip": {"GET": "login 403 403 403 403 ok"},
    "reports:hsds_export": {"GET": "login 403 403 403 403 ok"},
    "reports:hsds_json": {"GET": "login 403 403 403 403 ok"},
}
# fmt: on


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


@pytest.fixture
def objects(world):
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
    return {
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
            if name.startswith("health:"):
                return str(objects["partnership"])
            if name.startswith("imports:"):
                return str(objects["job"])
            if name.startswith("audit:"):
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


# --- the tests -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_route_method_and_persona_matches_the_table(world, objects):
    routes = all_routes()
    personas = clients(world)
    admin_client = personas["admin"]
    problems: list[str] = []
    observed: dict[str, dict[str, str]] = {}
    checked = 0
    for route in routes:
        key = row_key(route)
        url = build_url(route, objects)
        methods = declared_methods(route)
        if methods is None:  # a function view: probe which methods it answers
            methods = ["GET"] + [m for m in WRITE_METHODS if check(admin_client, m, url)[0] != "405"]
            if check(admin_client, "GET", url)[0] == "405":
                methods.remove("GET")
        for method in methods:
            outcomes = []
            for persona in PERSONAS:
                outcome, changed = check(personas[persona], method, url)
                checked += 1
                outcomes.append(outcome)
                if changed and outcome != "ok":
                    problems.append(f"{method} {url} as {persona}: refused ({outcome}) but the database changed")
                if outcome == "500":
                    problems.append(f"{method} {url} as {persona}: server error")
            observed.setdefault(key, {})[method] = " ".join(outcomes)
    if os.environ.get("MATRIX_PRINT"):
        for key, row in sorted(observed.items()):
            print(f'    "{key}": {row!r},')
    for key, row in sorted(observed.items()):
        if key not in EXPECTED:
            suggestion = ", ".join(f"{m!r}: {o!r}" for m, o in row.items())
            problems.append(f"route {key!r} has no row in EXPECTED: add {{{suggestion}}} (after checking each outcome)")
            continue
        for method, outcomes in row.items():
            expected = EXPECTED[key].get(method)
            if expected is None:
                problems.append(
                    f"route {key!r} accepts {method} but EXPECTED has no entry for it (observed {outcomes!r})"
                )
            elif expected.split() != outcomes.split():
                problems.append(f"{key} {method}: expected {expected!r}, got {outcomes!r}")
        for method in set(EXPECTED[key]) - set(row):
            problems.append(f"route {key!r}: EXPECTED lists {method}, which the route does not accept")
    for key in sorted(set(EXPECTED) - set(observed)):
        problems.append(f"EXPECTED has a row for {key!r}, which is not a route any more")
    print(f"authorisation matrix: {len(observed)} route rows, {checked} route × method × persona checks")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_every_admin_page_is_for_admins_only(world):
    personas = clients(world)
    urls = ["/admin/"] + [f"/admin/{model._meta.app_label}/{model._meta.model_name}/" for model in admin.site._registry]
    problems = []
    for url in urls:
        for persona, client in personas.items():
            outcome = check(client, "GET", url)[0]
            expected = "ok" if persona == "admin" else "login"
            if outcome != expected:
                problems.append(f"GET {url} as {persona}: expected {expected}, got {outcome}")
    assert not problems, "\n".join(problems)
