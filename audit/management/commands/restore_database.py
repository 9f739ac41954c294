"""Restore a backup made by backup_database: `manage.py restore_database FILE [--target-url URL]`."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from audit.backup import BackupError, restore
from coalition.env import ConfigError, parse_database_url


class Command(BaseCommand):
    help = "Replace a database's contents with a backup (pg_restore for PostgreSQL, SQLite's backup API otherwise)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by `manage.py backup_database`.")
        parser.add_argument(
            "--target-url",
            help="Restore into this database (postgres://... or sqlite:///...) instead of the configured one, "
            "for example to check a backup without touching the live data.",
        )
        parser.add_argument("--noinput", action="store_true", help="Do not ask before replacing the data.")

    def handle(self, *args, file: str, target_url: str | None, noinput: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No backup file at {path}.")
        alias = None
        if target_url:
            try:
                target = parse_database_url(target_url, base_dir=Path(settings.BASE_DIR))
            except ConfigError as exc:
                raise CommandError(str(exc).replace("DATABASE_URL", "--target-url")) from None
        else:
            alias, target = "default", connections["default"].settings_dict
        if alias and not noinput:
            answer = input(f"This replaces every record in {target['NAME']} with the backup. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            restore(path, target=target, alias=alias)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {path} into {target['NAME']}.")
