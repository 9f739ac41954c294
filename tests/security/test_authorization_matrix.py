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

import os

import pytest
from django.contrib import admin

from tests.security.matrix import (
    PERSONAS,
    all_routes,
    build_url,
    check,
    clients,
    declared_methods,
    matrix_objects,
    row_key,
)

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
ALL = "ok ok ok ok ok ok"
SIGNED_IN = "login ok ok ok ok ok"
ADMIN_ONLY = "login 403 403 403 403 ok"

# fmt: off
EXPECTED: dict[str, dict[str, str]] = {
    # Route name: {method: outcomes for anonymous, member of org A, member of an unrelated
    # organisation, coordinator of coalition A, coordinator of coalition B, admin}.
    # The objects: org B (members-only profile, in coalition A), coalition A, a participants-only
    # meeting of coalition A between org A and org B, their partnership, a contact of org B
    # (seen by coalition A only: the outsider and coalition B's coordinator get 404).
    "api-docs": {"GET": "ok ok ok ok ok ok"},
    "api-redoc": {"GET": "ok ok ok ok ok ok"},
    "api-schema": {"GET": "ok ok ok ok ok ok"},
    "javascript-catalog": {"GET": "ok ok ok ok ok ok"},  # the scripts' messages: no data
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
    "api:contact-detail": {"DELETE": "login 403 404 403 404 ok", "GET": "login ok 404 ok 404 ok", "PATCH": "login 403 404 403 404 ok", "PUT": "login ok 404 ok 404 ok"},
    "api:contact-detail.fmt": {"DELETE": "login 403 404 403 404 ok", "GET": "login ok 404 ok 404 ok", "PATCH": "login 403 404 403 404 ok", "PUT": "login ok 404 ok 404 ok"},
    # Confirming all of an organisation's contacts: an empty body is a 400 naming the field.
    "api:contact-confirm": {"POST": "login ok ok ok ok ok"},
    "api:contact-confirm.fmt": {"POST": "login ok ok ok ok ok"},
    "api:contact-list": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:contact-list.fmt": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    # participants-only: the participants' members and coalition A's coordinators
    "api:meeting-detail": {"DELETE": "login ok 404 ok 404 ok", "GET": "login ok 404 ok 404 ok", "PATCH": "login ok 404 ok 404 ok", "PUT": "login ok 404 ok 404 ok"},
    "api:meeting-detail.fmt": {"DELETE": "login ok 404 ok 404 ok", "GET": "login ok 404 ok 404 ok", "PATCH": "login ok 404 ok 404 ok", "PUT": "login ok 404 ok 404 ok"},
    "api:meeting-list": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:meeting-list.fmt": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    # Planned meetings: a participants-only plan of coalition A inviting org A and org B (its
    # organiser: coalition A's coordinator). Bodies are checked before roles (empty body: 400 = ok).
    "api:planned-meeting-list": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:planned-meeting-list.fmt": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:planned-meeting-detail": {"DELETE": "login 405 405 405 405 405", "GET": "login ok 404 ok 404 ok", "PATCH": "login 403 404 ok 404 ok", "PUT": "login ok 404 ok 404 ok"},
    "api:planned-meeting-detail.fmt": {"DELETE": "login 405 405 405 405 405", "GET": "login ok 404 ok 404 ok", "PATCH": "login 403 404 ok 404 ok", "PUT": "login ok 404 ok 404 ok"},
    "api:planned-meeting-cancel": {"POST": "login 403 404 ok 404 ok"},
    "api:planned-meeting-cancel.fmt": {"POST": "login 403 404 ok 404 ok"},
    "api:planned-meeting-reply": {"POST": "login ok 404 ok 404 ok"},
    "api:planned-meeting-reply.fmt": {"POST": "login ok 404 ok 404 ok"},
    "api:planned-meeting-attendance": {"POST": "login ok 404 ok 404 ok"},
    "api:planned-meeting-attendance.fmt": {"POST": "login ok 404 ok 404 ok"},
    "api:planned-meeting-minutes": {"POST": "login ok 404 ok 404 ok"},
    "api:planned-meeting-minutes.fmt": {"POST": "login ok 404 ok 404 ok"},
    # An action item of the participants-only meeting, owned by org B: org A's member sees it but
    # may not change it; coalition A's coordinator may.
    "api:action-item-list": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:action-item-list.fmt": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "api:action-item-detail": {"GET": "login ok 404 ok 404 ok", "PATCH": "login 403 404 ok 404 ok", "PUT": "login ok 404 ok 404 ok"},
    "api:action-item-detail.fmt": {"GET": "login ok 404 ok 404 ok", "PATCH": "login 403 404 ok 404 ok", "PUT": "login ok 404 ok 404 ok"},
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
    # People: inviting (admins and coordinators), the users page and accounts (admins); an
    # invitation link with a bad token is a clear 404, and signed-in users are sent to the dashboard.
    "audit:invitation_accept": {"GET": "404 ok ok ok ok ok", "POST": "404 ok ok ok ok ok"},
    "audit:invitation_create": {"GET": "login 403 403 ok ok ok", "POST": "login 403 403 ok ok ok"},
    # The invitation is the admin's: a coordinator sees only their own (404).
    "audit:invitation_resend": {"POST": "login 403 403 404 404 ok"},
    "audit:invitation_revoke": {"POST": "login 403 403 404 404 ok"},
    "audit:user_deactivate": {"POST": "login 403 403 403 403 ok"},
    "audit:user_list": {"GET": "login 403 403 403 403 ok"},
    "audit:user_reactivate": {"POST": "login 403 403 403 403 ok"},
    "audit:deleted_list": {"GET": "login 403 403 403 403 ok"},
    "audit:deleted_restore": {"POST": "login 403 403 403 403 ok"},
    "audit:history": {"GET": "login ok 404 ok 404 ok"},
    "audit:recovery_codes": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "audit:recovery_codes_regenerate": {"POST": "login ok ok ok ok ok"},
    "audit:two_factor_disable": {"POST": "login ok ok ok ok ok"},
    "audit:two_factor_setup": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "audit:two_factor_verify": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    # visibility first (404), then admins only (403)
    "audit:version_restore": {"POST": "login 403 404 403 404 ok"},
    # Partnership documents (admin-made MOU of the org A–org B partnership): seen like the
    # partnership; added to by its organisations, coalition A's coordinators and admins; removed by admins.
    "documents:api_documents": {"GET": "login ok ok ok ok ok", "POST": "login ok 403 ok 403 ok"},
    "documents:api_version": {"DELETE": "login 403 403 403 403 ok"},
    "documents:api_version_current": {"POST": "login ok 403 ok 403 ok"},
    "documents:api_version_download": {"GET": "login ok ok ok ok ok"},
    "documents:api_versions": {"POST": "login ok 403 ok 403 ok"},
    "documents:document_create": {"POST": "login ok 403 ok 403 ok"},
    "documents:partnership_documents": {"GET": "login ok ok ok ok ok"},
    "documents:version_current": {"POST": "login ok 403 ok 403 ok"},
    "documents:version_download": {"GET": "login ok ok ok ok ok"},
    "documents:version_remove": {"POST": "login 403 403 403 403 ok"},
    "documents:version_upload": {"POST": "login ok 403 ok 403 ok"},
    # Attention work: without an item's key there is nothing to see (404); the API's empty body is a 400.
    "health:attention_act": {"POST": "login 404 404 404 404 404"},
    "health:attention_history_api": {"GET": "login 404 404 404 404 404"},
    "health:attention_item": {"GET": "login 404 404 404 404 404"},
    "health:attention_work_api": {"POST": "login ok ok ok ok ok"},
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
    # Each person's own e-mail preferences; the unsubscribe link's token is the permission (a bad one: 404).
    "notifications:preferences": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "notifications:preferences_api": {"GET": "login ok ok ok ok ok", "PATCH": "login ok ok ok ok ok", "PUT": "login ok ok ok ok ok"},
    "notifications:unsubscribe": {"GET": "404 404 404 404 404 404", "POST": "404 404 404 404 404 404"},
    "partners:account": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "partners:coalition_detail": {"GET": "404 ok ok ok ok ok"},
    "partners:coalition_unfiled": {"GET": "login 403 403 ok 403 ok", "POST": "login 403 403 ok 403 ok"},
    "partners:coalition_list": {"GET": "login ok ok ok ok ok"},
    "partners:dashboard": {"GET": "ok ok ok ok ok ok"},
    "partners:meeting_create": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "partners:meeting_delete": {"GET": "404 ok 404 ok 404 ok", "POST": "404 ok 404 ok 404 ok"},
    "partners:meeting_detail": {"GET": "404 ok 404 ok 404 ok"},
    "partners:meeting_edit": {"GET": "404 ok 404 ok 404 ok", "POST": "404 ok 404 ok 404 ok"},
    # Planning pages (see the API rows above for the objects). Replies are per organisation:
    # a coordinator or admin without one is refused.
    "partners:meeting_plan": {"GET": "login ok ok ok ok ok", "POST": "login ok ok ok ok ok"},
    "partners:meeting_plan_edit": {"GET": "404 403 404 ok 404 ok", "POST": "404 403 404 ok 404 ok"},
    "partners:meeting_cancel": {"GET": "404 403 404 ok 404 ok", "POST": "404 403 404 ok 404 ok"},
    "partners:meeting_reply": {"POST": "login ok 404 403 404 403"},
    "partners:meeting_attendance": {"GET": "404 403 404 ok 404 ok", "POST": "404 403 404 ok 404 ok"},
    "partners:meeting_minutes": {"GET": "404 ok 404 ok 404 ok", "POST": "404 ok 404 ok 404 ok"},
    "partners:action_item_create": {"GET": "404 ok 404 ok 404 ok", "POST": "404 ok 404 ok 404 ok"},
    "partners:action_item_list": {"GET": "login ok ok ok ok ok"},
    "partners:action_item_status": {"POST": "login 403 404 ok 404 ok"},
    "partners:coalition_overdue_action_items": {"GET": "login 403 403 ok 403 ok"},
    "partners:meeting_list": {"GET": "login ok ok ok ok ok"},
    # a function view that answers any method by showing the page
    "partners:organization_detail": {"GET": "404 ok ok ok ok ok", "POST": "404 ok ok ok ok ok", "PUT": "404 ok ok ok ok ok", "PATCH": "404 ok ok ok ok ok", "DELETE": "404 ok ok ok ok ok"},
    # An organisation's contacts are kept by its own members and admins (org B: members-only profile).
    "partners:contact_create": {"GET": "404 403 403 403 403 ok", "POST": "404 403 403 403 403 ok"},
    "partners:contact_delete": {"GET": "404 403 403 403 403 ok", "POST": "404 403 403 403 403 ok"},
    "partners:contact_edit": {"GET": "404 403 403 403 403 ok", "POST": "404 403 403 403 403 ok"},
    "partners:organization_contacts": {"GET": "404 403 403 403 403 ok", "POST": "404 403 403 403 403 ok"},
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
    # The footer's language chooser (Django's set_language, POST only): for everyone; no table changes.
    "set_language": {"POST": "ok ok ok ok ok ok"},
}
# fmt: on


@pytest.fixture
def objects(world):
    return matrix_objects(world)


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
