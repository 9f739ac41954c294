"""The notification schedules: created by the data migration, restorable by a command, naming
tasks the workers know; the tasks run eagerly without a broker."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from coalition.celery import app
from notifications import tasks

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("notifications.migrations.0002_schedules")


def test_the_migration_schedules_the_reminders_and_the_digest_daily():
    scheduled = {t.task: t for t in PeriodicTask.objects.select_related("crontab")}
    for name in ("notifications.tasks.reminders_send", "notifications.tasks.digests_send"):
        assert scheduled[name].enabled and scheduled[name].crontab.day_of_week == "*", name


def test_a_digest_schedule_firing_every_day_sends_once_a_week(world):
    from notifications.digests import digests_send

    monday = datetime.date(2026, 11, 30)
    sent = [digests_send(today=monday + datetime.timedelta(days=n)).sent for n in range(8)]
    assert sent == [1, 0, 0, 0, 0, 0, 0, 0]  # coalition A (coalition B has nothing to tell)


def test_setup_schedules_restores_a_deleted_schedule_and_changes_nothing_else(capsys):
    before = sorted(PeriodicTask.objects.values_list("name", "task", "crontab_id"))
    PeriodicTask.objects.filter(task="notifications.tasks.digests_send").delete()
    call_command("setup_schedules")
    call_command("setup_schedules")
    after = sorted(PeriodicTask.objects.values_list("name", "task"))
    assert after == sorted((n, t) for n, t, _c in before)
    assert "notifications.tasks.digests_send" in capsys.readouterr().out


def test_the_scheduled_tasks_are_known_to_the_workers():
    app.loader.import_default_modules()
    for name in ("reminders_send", "digests_send", "meeting_invitations_send"):
        assert f"notifications.tasks.{name}" in app.tasks


def test_the_tasks_run_in_process_without_a_broker(world):
    from tests import factories as f
    from tests.notifications.conftest import today

    f.partnership(
        [world.org_a, world.org_b],
        "Referral protocol A–B",
        coalition=world.coalition_a,
        renewal_date=today() + datetime.timedelta(days=30),
    )
    assert tasks.reminders_send.delay().get()["sent"] == 1  # the member of org A
    assert tasks.digests_send.delay().get()["sent"] == 1  # coalition A's coordinator
    assert len(django_mail.outbox) == 2
