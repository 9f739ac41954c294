"""`manage.py rebuild_rollups`: recompute the analytics rollup tables from the activities."""

import time

from django.core.management.base import BaseCommand

from analytics.rebuild import rebuild_rollups


class Command(BaseCommand):
    help = "Recompute the pre-aggregated collaboration tables from meetings and participations."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, database: str, **options):
        started = time.monotonic()
        counts = rebuild_rollups(using=database)
        for table, rows in counts.items():
            self.stdout.write(f"  {table:<22} {rows:>12,} rows")
        self.stdout.write(self.style.SUCCESS(f"Rollups rebuilt in {time.monotonic() - started:.1f}s."))
