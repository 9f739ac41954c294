"""Back up the database while the application runs: `manage.py backup_database [--output FILE]`."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.backup import POSTGRES, BackupError, backup


class Command(BaseCommand):
    help = "Write a backup of the database (pg_dump for PostgreSQL, SQLite's online backup otherwise)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="The backup file; default backups/coalition-<date-time>.<dump|sqlite3>.")
        parser.add_argument("--database", default="default", help="Which database alias to back up.")

    def handle(self, *args, output: str | None, database: str, **options):
        engine = settings.DATABASES[database]["ENGINE"]
        if output:
            path = Path(output)
        else:
            suffix = "dump" if engine == POSTGRES else "sqlite3"
            path = Path(settings.BASE_DIR) / "backups" / f"coalition-{timezone.now():%Y%m%d-%H%M%S}.{suffix}"
        try:
            backup(path, alias=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backup written to {path} ({path.stat().st_size:,} bytes).")
