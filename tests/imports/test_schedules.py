"""The daily schedules: created by data migrations, idempotent, naming tasks the workers know."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django_celery_beat.models import PeriodicTask

from coalition.celery import app

pytestmark = pytest.mark.django_db

MIGRATIONS = [
    "audit.migrations.0005_daily_purge_expired",
    "imports.migrations.0004_daily_uploads_purge",
    "reports.migrations.0003_daily_report_jobs_purge",
]


def test_the_migrations_schedule_each_daily_task_once():
    scheduled = {t.task: t for t in PeriodicTask.objects.select_related("crontab")}
    assert {
        "audit.tasks.purge_expired",
        "imports.tasks.import_uploads_purge",
        "reports.tasks.report_jobs_purge",
    } <= set(scheduled)
    for task in scheduled.values():
        assert task.enabled and task.crontab.hour == "3" and task.crontab.day_of_week == "*"


def test_running_a_schedule_migration_again_changes_nothing():
    before = sorted(PeriodicTask.objects.values_list("name", "task", "crontab_id"))
    for name in MIGRATIONS:
        importlib.import_module(name).schedule(apps, None)
    assert sorted(PeriodicTask.objects.values_list("name", "task", "crontab_id")) == before


def test_every_scheduled_task_is_known_to_the_workers():
    app.loader.import_default_modules()
    for task in PeriodicTask.objects.values_list("task", flat=True):
        assert task in app.tasks, task


def test_the_daily_housekeeping_task_runs_purge_expired():
    from audit.tasks import purge_expired

    assert "audit events" in purge_expired.delay().get()
