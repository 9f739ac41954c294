"""`erase_contact` removes a person's contact data everywhere, history and audit trail included."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from audit.events import record
from audit.models import AuditAction, AuditEvent, audit_purge
from partners.models import Contact, IdempotencyRecord, Meeting
from partners.services.organizations import contact_update
from tests import factories as f

pytestmark = pytest.mark.django_db
EMAIL = "jane.roe@shelter.example"


def erase(*args: str) -> str:
    out = StringIO()
    call_command("erase_contact", *args, stdout=out)
    return out.getvalue()


def _everything_as_text() -> str:
    """Every table's rows as text, to look for the person anywhere."""
    from django.db import connection

    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 -- table names from the schema
            chunks.append(repr(cursor.fetchall()))
    return "\n".join(chunks).lower()


@pytest.fixture
def person(world):
    contact = f.contact(world.org_b, "Jane Roe", email="old.jane@shelter.example", phone="+1 555 0101")
    contact_update(actor=world.admin, contact=contact, email=EMAIL, title="Shelter manager")
    f.contact(world.org_b, "Sam Other", email="sam@shelter.example")
    f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, outcomes=f"Follow up with Jane Roe ({EMAIL}).")
    record(world.coordinator, AuditAction.EXPORT, {"what": "contacts", "note": f"sent to {EMAIL}"})
    IdempotencyRecord.objects.create(
        user=world.admin,
        key="k",
        method="POST",
        path="/api/v1/contacts/",
        fingerprint="x",
        status_code=201,
        content=json.dumps({"email": EMAIL}).encode(),
    )
    return contact


def test_erasing_by_email_removes_the_person_everywhere_and_says_what_it_removed(person):
    assert "jane roe" in _everything_as_text()
    output = erase("--email", EMAIL.upper())
    assert "Removed:" in output
    assert f"contact #{person.pk} (Jane Roe, Org B)" in output
    assert "history record(s)" in output
    assert "outcomes of activity" in output and "audit event" in output and "idempotency record" in output
    text = _everything_as_text()
    for trace in ("jane roe", EMAIL, "old.jane@shelter.example", "555 0101"):
        assert trace not in text, trace
    assert Contact.objects.filter(name="Sam Other").exists()  # nobody else is touched
    assert "[erased]" in Meeting.objects.get().outcomes
    assert AuditEvent.objects.filter(action=AuditAction.ERASE).exists()


def test_erasing_by_contact_id_finds_the_earlier_addresses_too(person):
    output = erase("--contact-id", str(person.pk))
    assert "Jane Roe" in output
    assert "old.jane@shelter.example" not in _everything_as_text()


def test_a_dry_run_changes_nothing(person):
    output = erase("--email", EMAIL, "--dry-run")
    assert output.startswith("Would remove:")
    assert Contact.objects.filter(pk=person.pk).exists()


def test_an_account_with_that_address_keeps_its_login_but_loses_the_address(world):
    world.member.email, world.member.first_name = EMAIL, "Jane"
    world.member.save()
    output = erase("--email", EMAIL)
    world.member.refresh_from_db()
    assert (world.member.email, world.member.first_name) == ("", "")
    assert f"account #{world.member.pk}" in output
    assert Client().login(username="member", password="pw-for-tests-1")


def test_an_unknown_person_changes_nothing(world):
    assert "Nothing found" in erase("--email", "nobody@example.org")


def test_a_malformed_request_is_refused():
    with pytest.raises(CommandError, match="full e-mail address"):
        erase("--email", "jane")


def test_purge_expired_deletes_only_what_is_past_its_period(world):
    import datetime

    from django.utils import timezone

    old = record(world.member, AuditAction.SIGN_IN, {})
    with audit_purge():  # backdating is a change the append-only trail refuses otherwise
        AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=731))
    recent = record(world.member, AuditAction.SIGN_IN, {})
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert "audit events" in out.getvalue()
    assert list(AuditEvent.objects.exclude(action=AuditAction.PURGE).values_list("pk", flat=True)) == [recent.pk]
