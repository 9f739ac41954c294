"""A backup restored into an empty database holds every record: equal counts and checksums per table."""

from __future__ import annotations

import sqlite3
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from audit.backup import table_fingerprints
from partners.models import Meeting, Organization
from tests import factories as f


def _fill(world) -> None:
    f.contact(world.org_b, "Ana Staff", email="ana@example.org")
    f.partnership([world.org_a, world.org_b], coalition=world.coalition_a)
    for day in (1, 2, 3):
        f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, title=f"Meeting {day}")


def _sqlite_fingerprints(name: str) -> dict[str, tuple[int, str]]:
    db = sqlite3.connect(name, uri=name.startswith("file:"))
    try:
        cursor = db.cursor()
        tables = [r[0] for r in cursor.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return table_fingerprints(cursor, tables)
    finally:
        db.close()


def _pg_fingerprints(config: dict) -> dict[str, tuple[int, str]]:
    import psycopg2

    db = psycopg2.connect(
        dbname=config["NAME"],
        host=config["HOST"],
        port=config["PORT"],
        user=config["USER"],
        password=config["PASSWORD"],
    )
    try:
        cursor = db.cursor()
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        return table_fingerprints(cursor, [r[0] for r in cursor.fetchall()])
    finally:
        db.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_an_empty_database_has_every_record(world, tmp_path):
    _fill(world)
    backup_file = tmp_path / "coalition.backup"
    out = StringIO()
    call_command("backup_database", "--output", str(backup_file), stdout=out)
    assert "Backup written" in out.getvalue()
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        target = tmp_path / "restored.sqlite3"
        call_command("restore_database", str(backup_file), "--target-url", f"sqlite:///{target}", stdout=StringIO())
        before, after = _sqlite_fingerprints(config["NAME"]), _sqlite_fingerprints(str(target))
    else:
        name = f"{config['NAME']}_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        try:
            url = f"postgres://{config['USER']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{name}"
            call_command("restore_database", str(backup_file), "--target-url", url, stdout=StringIO())
            before, after = _pg_fingerprints(config), _pg_fingerprints({**config, "NAME": name})
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    assert before["partners_meeting"][0] == 3 and before["partners_historicalmeeting"][0] == 3
    assert set(after) == set(before)
    differing = {table: (before[table], after[table]) for table in before if before[table] != after[table]}
    assert not differing, differing


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restoring_over_the_live_database_brings_deleted_records_back(world, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("restoring over the live PostgreSQL test database would end the test's connection")
    _fill(world)
    backup_file = tmp_path / "coalition.backup"
    call_command("backup_database", "--output", str(backup_file), stdout=StringIO())
    Meeting.objects.all().delete()
    Organization.objects.filter(name="Org D").delete()
    call_command("restore_database", str(backup_file), "--noinput", stdout=StringIO())
    assert Meeting.objects.count() == 3
    assert Organization.objects.filter(name="Org D").exists()


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, db):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore_database", str(bogus), "--target-url", f"sqlite:///{tmp_path / 'x.sqlite3'}")


def test_restoring_without_confirmation_changes_nothing(tmp_path, db, monkeypatch):
    backup_file = tmp_path / "b.backup"
    call_command("backup_database", "--output", str(backup_file), stdout=StringIO())
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore_database", str(backup_file))
