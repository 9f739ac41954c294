"""The audit trail is append-only: readable in the admin, never changed or deleted except by the purge."""

from __future__ import annotations

import datetime
import importlib
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from audit.admin import AppendOnlyAdmin
from audit.events import record
from audit.models import (
    APPEND_ONLY_TABLES,
    AppendOnlyError,
    AppendOnlyQuerySet,
    AuditAction,
    AuditEvent,
    audit_purge,
)

pytestmark = pytest.mark.django_db

TRIGGER_MIGRATION = importlib.import_module("audit.migrations.0003_append_only_audit_trail")


@pytest.fixture
def event(world):
    return record(world.member, AuditAction.EXPORT, {"path": "/exports/organizations.csv"})


def snapshot() -> list[tuple]:
    return list(AuditEvent.objects.order_by("pk").values_list("pk", "at", "username", "action", "detail", "actor"))


def raw(sql: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:  # a savepoint: a refusal leaves the test usable
        cursor.execute(sql)


# --- the admin -------------------------------------------------------------------------------------


def test_the_admin_lists_audit_events_without_a_delete_action(world, client, event):
    client.force_login(world.admin)
    page = client.get("/admin/audit/auditevent/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "delete_selected" not in html
    assert 'name="action"' not in html
    assert "member" in html


def test_the_admin_shows_an_event_read_only(world, client, event):
    client.force_login(world.admin)
    page = client.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/exports/organizations.csv" in html
    assert 'name="username"' not in html  # no input: every field is read-only
    assert 'value="Save"' not in html
    assert f"/admin/audit/auditevent/{event.pk}/delete/" not in html


def test_the_admin_refuses_a_post_to_delete_an_event_and_keeps_it(world, client, event):
    client.force_login(world.admin)
    before = snapshot()
    response = client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert snapshot() == before


def test_the_admin_refuses_a_post_to_change_an_event_and_keeps_it(world, client, event):
    client.force_login(world.admin)
    before = snapshot()
    data = {"username": "someone-else", "action": AuditAction.SIGN_IN, "detail": "{}", "ip_address": ""}
    response = client.post(f"/admin/audit/auditevent/{event.pk}/change/", data)
    assert response.status_code == 403
    assert snapshot() == before


def test_the_admin_bulk_delete_action_deletes_nothing(world, client, event):
    client.force_login(world.admin)
    before = snapshot()
    response = client.post(
        "/admin/audit/auditevent/", {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302, 403)
    assert snapshot() == before


def test_the_admin_offers_no_way_to_add_an_event(world, client):
    client.force_login(world.admin)
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    assert client.post("/admin/audit/auditevent/add/", {"username": "forged", "action": "sign_in"}).status_code == 403
    assert not AuditEvent.objects.filter(username="forged").exists()


def test_every_append_only_table_is_guarded_in_the_orm_the_admin_and_the_trigger():
    """Keyed on the tables, so a model that moves to another app keeps its guards."""
    models = [model for model in apps.get_models() if model._meta.db_table in APPEND_ONLY_TABLES]
    assert {model._meta.db_table for model in models} == set(APPEND_ONLY_TABLES)
    assert set(APPEND_ONLY_TABLES) <= set(TRIGGER_MIGRATION.TABLES)
    for model in models:
        assert isinstance(model._default_manager.all(), AppendOnlyQuerySet), model
        model_admin = admin.site._registry.get(model)
        assert isinstance(model_admin, AppendOnlyAdmin), f"{model} needs an AppendOnlyAdmin (read-only) in the admin"


# --- the ORM ---------------------------------------------------------------------------------------


def test_saving_an_existing_event_is_refused(event):
    before = snapshot()
    event.username = "someone-else"
    with pytest.raises(AppendOnlyError, match="append-only"):
        event.save()
    assert snapshot() == before


def test_deleting_an_event_is_refused(event):
    before = snapshot()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert snapshot() == before


def test_queryset_update_and_delete_are_refused(event):
    before = snapshot()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(username="someone-else")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        event.actor.audit_events.all().delete()
    assert snapshot() == before


def test_new_events_are_still_written(world):
    record(world.member, AuditAction.SIGN_IN, {})
    record(None, AuditAction.SIGN_IN_FAILED, {"username": "nobody"})
    assert AuditEvent.objects.count() == 2


def test_deleting_an_account_keeps_its_events_under_its_username(world, event):
    world.member.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor is None
    assert event.username == "member"


# --- the database ----------------------------------------------------------------------------------


def test_the_database_itself_refuses_raw_updates_and_deletes_on_postgresql(event):
    before = snapshot()
    if connection.vendor == "postgresql":
        for sql in ("DELETE FROM audit_auditevent", "UPDATE audit_auditevent SET username = 'x'"):
            with pytest.raises(DatabaseError, match="append-only"):
                raw(sql)
        assert snapshot() == before
    else:
        # SQLite has no trigger: the migration adds none, and the ORM guards are the lock there.
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'")
            assert cursor.fetchall() == []
        executed = []
        editor = SimpleNamespace(
            connection=connection, execute=lambda sql, params=(): executed.append(sql), quote_name=str
        )
        TRIGGER_MIGRATION.create_triggers(apps, editor)
        TRIGGER_MIGRATION.drop_triggers(apps, editor)
        assert executed == []  # the migration runs no SQL of its own here
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.all().delete()
        assert snapshot() == before


def test_the_purge_lifts_the_lock_only_for_its_own_block(event):
    with audit_purge():
        AuditEvent.objects.filter(pk=event.pk).update(detail={"path": "[erased]"})
    assert AuditEvent.objects.get(pk=event.pk).detail == {"path": "[erased]"}
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    if connection.vendor == "postgresql":
        # The transaction-local setting is off again, though the test's transaction goes on.
        with pytest.raises(DatabaseError, match="append-only"):
            raw(f"DELETE FROM audit_auditevent WHERE id = {event.pk}")
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('coalition.audit_purge', true)")
            assert cursor.fetchone()[0] in ("off", "", None)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_an_error_inside_the_purge_rolls_it_back_and_restores_the_lock(event):
    with pytest.raises(RuntimeError), audit_purge():
        AuditEvent.objects.filter(pk=event.pk).update(username="changed")
        raise RuntimeError("half-way")
    assert AuditEvent.objects.get(pk=event.pk).username == "member"
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(username="changed")


# --- the retention purge -----------------------------------------------------------------------


def test_purge_expired_removes_expired_events_and_records_that_it_ran(world):
    old = record(world.member, AuditAction.SIGN_IN, {})
    with audit_purge():
        AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=731))
    recent = record(world.member, AuditAction.SIGN_IN, {})
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert "     1 audit events" in out.getvalue()
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    purge = AuditEvent.objects.get(action=AuditAction.PURGE)
    assert purge.actor is None
    assert purge.detail["by"] == "purge_expired"
    assert purge.detail["deleted"]["audit events"] == 1
    assert set(purge.detail["deleted"]) == {
        "sign-in log entries",
        "failed sign-in entries",
        "sign-in lock counters",
        "audit events",
        "stored API answers",
        "expired sessions",
    }
    # The lock is back once the command is done.
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=recent.pk).delete()


def test_purge_expired_with_nothing_expired_still_records_that_it_ran(world):
    call_command("purge_expired", stdout=StringIO())
    purge = AuditEvent.objects.get(action=AuditAction.PURGE)
    assert purge.detail["deleted"]["audit events"] == 0
