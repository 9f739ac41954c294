"""Recompute every rollup table from the meetings and participations, from scratch."""

# ruff: noqa: S608  (the SQL is assembled from constants of this module, never from input)

from __future__ import annotations

from django.db import connections, transaction

from rollups.triggers import KEY, PAIR_KEY, PARTICIPANTS, meeting_key

MK = meeting_key("m")
GROUP = "d, k, c, vis"

REBUILD_SQL = [
    "DELETE FROM rollups_pairday",
    "DELETE FROM rollups_orgday",
    "DELETE FROM rollups_activityday",
    f"""INSERT INTO rollups_pairday ({PAIR_KEY}, activities)
        SELECT p1.organization_id, p2.organization_id, {MK}, 0, count(*)
        FROM partners_participation p1
        JOIN partners_participation p2 ON p2.meeting_id = p1.meeting_id AND p2.organization_id > p1.organization_id
        JOIN partners_meeting m ON m.id = p1.meeting_id
        GROUP BY p1.organization_id, p2.organization_id, {GROUP}""",
    f"""INSERT INTO rollups_pairday ({PAIR_KEY}, activities)
        SELECT p1.organization_id, p2.organization_id, {MK}, o.organization_id AS w, count(*)
        FROM partners_meeting m
        JOIN partners_participation o ON o.meeting_id = m.id
        JOIN partners_participation p1 ON p1.meeting_id = m.id AND p1.organization_id <> o.organization_id
        JOIN partners_participation p2 ON p2.meeting_id = m.id AND p2.organization_id > p1.organization_id
                                      AND p2.organization_id <> o.organization_id
        WHERE m.visibility = {PARTICIPANTS}
        GROUP BY p1.organization_id, p2.organization_id, {GROUP}, w""",
    f"""INSERT INTO rollups_activityday ({KEY}, activities)
        SELECT {MK}, count(*) FROM partners_meeting m
        WHERE (SELECT count(*) FROM partners_participation p WHERE p.meeting_id = m.id) >= 2
        GROUP BY {GROUP}""",
    f"""INSERT INTO rollups_orgday (organization_id, {KEY}, activities)
        SELECT p.organization_id, {MK}, count(*)
        FROM partners_participation p JOIN partners_meeting m ON m.id = p.meeting_id
        WHERE (SELECT count(*) FROM partners_participation q WHERE q.meeting_id = m.id) >= 2
        GROUP BY p.organization_id, {GROUP}""",
    # Every cached figure derived from the old tables is now stale.
    "UPDATE rollups_changestamp SET version = version + 1",
    """INSERT INTO rollups_changestamp (coalition, version)
       SELECT 0, 1 WHERE NOT EXISTS (SELECT 1 FROM rollups_changestamp WHERE coalition = 0)""",
]


def rebuild_rollups(*, using: str = "default") -> dict[str, int]:
    """Rebuild the rollups in one transaction; returns the row count of each table."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for statement in REBUILD_SQL:
            cursor.execute(statement)
        counts = {}
        for table in ("rollups_pairday", "rollups_orgday", "rollups_activityday"):
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE rollups_pairday, rollups_orgday, rollups_activityday")
    return counts
