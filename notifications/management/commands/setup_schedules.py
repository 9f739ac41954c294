"""Create (or restore) the notification schedules in django-celery-beat.

The migrations create them; this puts them back after someone deleted or changed them in the
admin. Running it twice changes nothing.
"""

from __future__ import annotations

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand

SCHEDULES = importlib.import_module("notifications.migrations.0002_schedules")


class Command(BaseCommand):
    help = "Create or restore the daily reminders and the weekly digest schedules (django-celery-beat)."

    def handle(self, *args, **options):
        SCHEDULES.schedule(apps, None)
        for name, (task, when) in SCHEDULES.SCHEDULES.items():
            self.stdout.write(
                f"{name}: {task} at {when['hour']}:{when['minute']:0>2} UTC (day of week {when['day_of_week']})"
            )
