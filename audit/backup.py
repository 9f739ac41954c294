"""Database backup and restore: pg_dump/pg_restore for PostgreSQL, SQLite's online backup API otherwise."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections

SQLITE = "django.db.backends.sqlite3"
POSTGRES = "django.db.backends.postgresql"
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore could not be made; the message says why and what to do."""


def _pg_args(config: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if config.get("HOST"):
        args += ["-h", str(config["HOST"])]
    if config.get("PORT"):
        args += ["-p", str(config["PORT"])]
    if config.get("USER"):
        args += ["-U", str(config["USER"])]
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed; install the PostgreSQL client (apt-get install postgresql-client)."
        )
    return path


def backup(output: Path, *, alias: str = "default") -> Path:
    """Write a consistent copy of the database `alias` to `output` while the application runs."""
    connection = connections[alias]
    config = connection.settings_dict
    output.parent.mkdir(parents=True, exist_ok=True)
    if config["ENGINE"] == POSTGRES:
        args, env = _pg_args(config)
        command = [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", *args, "-f", str(output)]
        result = subprocess.run([*command, str(config["NAME"])], env=env, capture_output=True, text=True)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    elif config["ENGINE"] == SQLITE:
        connection.ensure_connection()
        destination = sqlite3.connect(output)
        try:
            connection.connection.backup(destination)  # SQLite's online backup: safe while in use
        finally:
            destination.close()
    else:
        raise BackupError(f"Cannot back up a {config['ENGINE']} database.")
    return output


def backup_kind(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a backup made by `manage.py backup_database`.")


def restore(path: Path, *, target: dict[str, Any], alias: str | None = None) -> None:
    """Replace the contents of the database described by `target` with the backup at `path`.

    `alias` names the live connection when the target is one of the project's databases.
    """
    kind = backup_kind(path)
    engine = target["ENGINE"]
    if (kind, engine) not in {("sqlite", SQLITE), ("postgresql", POSTGRES)}:
        raise BackupError(f"A {kind} backup cannot be restored into a {engine.rsplit('.', 1)[-1]} database.")
    if alias is not None:
        connections[alias].close()
    if engine == POSTGRES:
        args, env = _pg_args(target)
        command = [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            "-d",
            str(target["NAME"]),
            str(path),
        ]
        result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    else:
        source = sqlite3.connect(path)
        if alias is not None:
            connections[alias].ensure_connection()
            destination = connections[alias].connection
        else:
            destination = sqlite3.connect(target["NAME"], uri=str(target["NAME"]).startswith("file:"))
        try:
            source.backup(destination)
        finally:
            source.close()
            if alias is None:
                destination.close()


def table_fingerprints(cursor, tables: list[str]) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every row of each table, independent of row order."""
    result = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 -- names come from the schema
        rows = sorted(repr(tuple(_plain(value) for value in row)) for row in cursor.fetchall())
        digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        result[table] = (len(rows), digest)
    return result


def _plain(value: Any) -> Any:
    # Blobs come back as memoryview from some drivers; compare their bytes, not their address.
    return bytes(value) if isinstance(value, memoryview | bytearray) else value
