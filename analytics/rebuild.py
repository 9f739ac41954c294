"""Recompute every rollup table from the meetings and participations, from scratch."""

# ruff: noqa: S608  (the SQL is assembled from constants of this module, never from input)

from __future__ import annotations

from django.db import connections, transaction

from analytics.triggers import KEY, PAIR_KEY, PARTICIPANTS, meeting_key

MK = meeting_key("m")
GROUP = "d, k, c, vis"

REBUILD_SQL = [
    "DELETE FROM analytics_pairday",
    "DELETE FROM analytics_orgday",
    "DELETE FROM analytics_activityday",
    f"""INSERT INTO analytics_pairday ({PAIR_KEY}, activities)
        SELECT p1.organization_id, p2.organization_id, {MK}, 0, count(*)
        FROM partners_participation p1
        JOIN partners_participation p2 ON p2.meeting_id = p1.meeting_id AND p2.organization_id > p1.organization_id
        JOIN partners_meeting m ON m.id = p1.meeting_id
        GROUP BY p1.organization_id, p2.organization_id, {GROUP}
        ORDER BY d""",
    f"""INSERT INTO analytics_pairday ({PAIR_KEY}, activities)
        SELECT p1.organization_id, p2.organization_id, {MK}, o.organization_id AS w, count(*)
        FROM partners_meeting m
        JOIN partners_participation o ON o.meeting_id = m.id
        JOIN partners_participation p1 ON p1.meeting_id = m.id AND p1.organization_id <> o.organization_id
        JOIN partners_participation p2 ON p2.meeting_id = m.id AND p2.organization_id > p1.organization_id
                                      AND p2.organization_id <> o.organization_id
        WHERE m.visibility = {PARTICIPANTS}
        GROUP BY p1.organization_id, p2.organization_id, {GROUP}, w
        ORDER BY d""",
    f"""INSERT INTO analytics_activityday ({KEY}, activities)
        SELECT {MK}, count(*) FROM partners_meeting m
        WHERE (SELECT count(*) FROM partners_participation p WHERE p.meeting_id = m.id) >= 2
        GROUP BY {GROUP}""",
    f"""INSERT INTO analytics_orgday (organization_id, {KEY}, activities)
        SELECT p.organization_id, {MK}, count(*)
        FROM partners_participation p JOIN partners_meeting m ON m.id = p.meeting_id
        WHERE (SELECT count(*) FROM partners_participation q WHERE q.meeting_id = m.id) >= 2
        GROUP BY p.organization_id, {GROUP}""",
    # Every cached figure derived from the old tables is now stale.
    "UPDATE analytics_changestamp SET version = version + 1",
    """INSERT INTO analytics_changestamp (coalition, version)
       SELECT 0, 1 WHERE NOT EXISTS (SELECT 1 FROM analytics_changestamp WHERE coalition = 0)""",
]


TABLES = ("analytics_pairday", "analytics_orgday", "analytics_activityday")


def _set_aside_indexes(cursor) -> list[str]:
    """On PostgreSQL, drop the rollup tables' secondary indexes and unique constraints and
    return the statements that recreate them: building an index once over the loaded rows is
    several times faster than maintaining it row by row."""
    restore = []
    for table in TABLES:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = %s::regclass AND contype = 'u'",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s",
            [table, "%_pkey"],
        )
        names = {name for name, _ in constraints}
        for name, definition in cursor.fetchall():
            if name not in names:
                cursor.execute(f'DROP INDEX "{name}"')
                restore.append(definition)
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    return restore


def rebuild_rollups(*, using: str = "default") -> dict[str, int]:
    """Rebuild the rollups in one transaction; returns the row count of each table."""
    connection = connections[using]
    postgres = connection.vendor == "postgresql"
    with transaction.atomic(using=using), connection.cursor() as cursor:
        restore = []
        if postgres:
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            restore = _set_aside_indexes(cursor)
        for statement in REBUILD_SQL:
            cursor.execute(statement)
        for statement in restore:
            cursor.execute(statement)
        counts = {}
        for table in TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    if postgres:
        with connection.cursor() as cursor:
            # Vacuumed too when possible (not inside a transaction), so that the covering index
            # answers date-range reads on its own.
            vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{vacuum} analytics_pairday, analytics_orgday, analytics_activityday")
    return counts
