"""Script stored in any text field stays text on every page that shows it: no dialog ever opens.

Every free-text and name field of the domain gets `<script>alert(1)</script>` and
`<img src=x onerror=alert(1)>` written straight into the database (past the forms' checks, as an
import or an old row might), then an admin visits every page that shows them: lists, details,
edit forms, history, health, reports, the admin and the browsable API.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import models

from health.models import CheckIn, RepairLogEntry
from partners.models import Coalition, Contact, Meeting, Organization, Partnership, StatusChange
from tests import factories as f

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SKIP_KINDS = (models.SlugField, models.EmailField, models.URLField)


def _poison(obj: models.Model, payload: str) -> None:
    """Write `payload` into every free-text and name field of `obj`, straight to the database."""
    values = {}
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField) and not isinstance(field, SKIP_KINDS):
            if field.choices or field.name in {"version", "colour", "phone", "country", "countries"}:
                continue
            room = (field.max_length or 10_000) - len(payload)
            if room > 0:
                values[field.name] = (f"{getattr(obj, field.name) or ''}"[: max(room - 1, 0)] + " " + payload).strip()
    type(obj).objects.filter(pk=obj.pk).update(**values)


def test_no_stored_script_runs_on_any_page(world, page, url, sign_in):
    meeting = f.meeting(
        [world.org_a, world.org_b], coalition=world.coalition_a, hosts=[world.org_a], date=datetime.date(2024, 3, 1)
    )
    partnership = f.partnership([world.org_a, world.org_b], coalition=world.coalition_a, title="Referral MOU")
    contact = f.contact(world.org_b, "Casey Contact")
    entry = RepairLogEntry.objects.create(partnership=partnership, cause="communication", action="meeting")
    StatusChange.objects.create(partnership=partnership, from_status="active", to_status="strained", reason="r")
    CheckIn.objects.create(
        partnership=partnership,
        organization=world.org_a,
        period=datetime.date(2024, 1, 1),
        reliability=3,
        openness=3,
        shared_mission=3,
        resources=3,
        involvement=3,
        influence=3,
        comment="c",
        submitted_by=world.member,
    )
    for obj, payload in (
        (world.org_a, SCRIPT),
        (world.org_b, IMG),
        (world.coalition_a, SCRIPT),
        (meeting, IMG),
        (partnership, SCRIPT),
        (contact, IMG),
        (entry, SCRIPT),
    ):
        _poison(obj, payload)
    for change in StatusChange.objects.all():
        _poison(change, IMG)
    for checkin in CheckIn.objects.all():
        _poison(checkin, SCRIPT)
    world.admin.first_name = SCRIPT
    world.admin.save()

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    sign_in(world.admin)
    org_a, org_b = Organization.objects.get(pk=world.org_a.pk), Organization.objects.get(pk=world.org_b.pk)
    coalition = Coalition.objects.get(pk=world.coalition_a.pk)
    paths = [
        "/",
        "/organizations/",
        f"/organizations/?q={org_a.name[:5]}",
        f"/organizations/{org_a.slug}/",
        f"/organizations/{org_b.slug}/",
        f"/organizations/{org_b.slug}/edit/",
        f"/organizations/{org_a.slug}/attention/",
        "/coalitions/",
        f"/coalitions/{coalition.slug}/",
        f"/coalitions/{coalition.slug}/attention/",
        f"/coalitions/{coalition.slug}/equity/",
        f"/coalitions/{coalition.slug}/report/",
        "/meetings/",
        f"/meetings/{meeting.pk}/",
        f"/meetings/{meeting.pk}/edit/",
        "/partnerships/",
        f"/partnerships/{partnership.pk}/",
        f"/partnerships/{partnership.pk}/edit/",
        f"/partnerships/{partnership.pk}/health/",
        f"/partnerships/{partnership.pk}/repair-log/",
        f"/partnerships/{partnership.pk}/repair-log/{entry.pk}/edit/",
        f"/history/organization/{org_a.pk}/",
        f"/history/meeting/{meeting.pk}/",
        f"/history/contact/{contact.pk}/",
        "/account/",
        "/exports/hsds/",
        "/api/v1/organizations/?format=api",
        f"/api/v1/meetings/{meeting.pk}/?format=api",
        "/api/v1/contacts/?format=api",
        "/admin/partners/organization/",
        f"/admin/partners/organization/{org_a.pk}/change/",
        f"/admin/partners/meeting/{meeting.pk}/change/",
        f"/admin/partners/organization/{org_a.pk}/history/",
        "/admin/audit/auditevent/",
        "/admin/auth/user/",
    ]
    shown = 0
    for path in paths:
        response = page.goto(url(path))
        assert response is not None and response.status < 500, f"{path}: {response and response.status}"
        page.wait_for_load_state("networkidle")
        content = page.content()
        shown += ("alert(1)" in content) and response.status == 200
    assert not dialogs, "a stored script ran:\n" + "\n".join(dialogs)
    assert shown >= len(paths) // 2, "the poisoned text should appear (as text) on most of these pages"
    assert Contact.objects.filter(pk=contact.pk).exists() and Meeting.objects.filter(pk=meeting.pk).exists()
    assert Partnership.objects.filter(pk=partnership.pk).exists()
