"""The database triggers that keep the rollup tables in step with meetings and participations.

Triggers, rather than calls from the services, because rows reach these tables by several
roads (the services, the admin, deletions that cascade from an organisation or a coalition,
imports, fixtures): a trigger runs inside whichever transaction writes the row, so the rollup
can never drift from the rows it summarises. Bulk loaders switch triggers off for speed and
then run `rebuild_rollups`.

The statements are written once and rendered for PostgreSQL (a PL/pgSQL function per trigger)
and SQLite (statements inside the trigger). Counting rules:
- an inserted participation pairs with the meeting's participations of lower id, so a
  multi-row insert counts each pair exactly once whichever way the engine runs row triggers;
- a participation about to be deleted pairs with the others still present (BEFORE DELETE sees
  the rows already deleted by the same statement as gone), so deleting a whole meeting takes
  each pair off exactly once;
- an activity becomes collaborative when its second organisation arrives and stops being so
  when it drops back to one.
"""

# ruff: noqa: S608  (the SQL is assembled from constants of this module, never from input)

from __future__ import annotations

KEY = "date, kind, coalition, visibility"
MEETING_KEY = "m.date, m.kind, COALESCE(m.coalition_id, 0), m.visibility"


def _add(row: str, others: str) -> list[str]:
    """Statements adding participation `row` (NEW) to the rollups; `others` selects the
    participations it pairs with (alias p)."""
    return [
        # One more shared activity for each pair the new organisation forms.
        f"""INSERT INTO rollups_pairday (org_a_id, org_b_id, {KEY}, count)
            SELECT {{least}}(p.organization_id, {row}.organization_id),
                   {{greatest}}(p.organization_id, {row}.organization_id), {MEETING_KEY}, 1
            FROM partners_participation p JOIN partners_meeting m ON m.id = p.meeting_id
            WHERE p.meeting_id = {row}.meeting_id AND {others}
            ON CONFLICT (org_a_id, org_b_id, {KEY}) DO UPDATE SET count = rollups_pairday.count + 1""",
        # The new organisation joins a collaborative activity when anyone else is there.
        f"""INSERT INTO rollups_orgday (organization_id, {KEY}, count)
            SELECT {row}.organization_id, {MEETING_KEY}, 1 FROM partners_meeting m
            WHERE m.id = {row}.meeting_id
              AND EXISTS (SELECT 1 FROM partners_participation p WHERE p.meeting_id = {row}.meeting_id AND {others})
            ON CONFLICT (organization_id, {KEY}) DO UPDATE SET count = rollups_orgday.count + 1""",
        # With exactly one other, the activity has just become collaborative: count it for
        # the organisation already there, and count the activity itself.
        f"""INSERT INTO rollups_orgday (organization_id, {KEY}, count)
            SELECT p.organization_id, {MEETING_KEY}, 1
            FROM partners_participation p JOIN partners_meeting m ON m.id = p.meeting_id
            WHERE p.meeting_id = {row}.meeting_id AND {others}
              AND (SELECT count(*) FROM partners_participation p WHERE p.meeting_id = {row}.meeting_id AND {others}) = 1
            ON CONFLICT (organization_id, {KEY}) DO UPDATE SET count = rollups_orgday.count + 1""",
        f"""INSERT INTO rollups_activityday ({KEY}, count)
            SELECT {MEETING_KEY}, 1 FROM partners_meeting m
            WHERE m.id = {row}.meeting_id
              AND (SELECT count(*) FROM partners_participation p WHERE p.meeting_id = {row}.meeting_id AND {others}) = 1
            ON CONFLICT ({KEY}) DO UPDATE SET count = rollups_activityday.count + 1""",
        _bump(f"(SELECT COALESCE(m.coalition_id, 0) FROM partners_meeting m WHERE m.id = {row}.meeting_id)"),
    ]


def _remove(row: str) -> list[str]:
    """Statements taking participation `row` (OLD, still in the table) out of the rollups."""
    others = f"p.id <> {row}.id"
    meeting_date = f"(SELECT m.date FROM partners_meeting m WHERE m.id = {row}.meeting_id)"
    return [
        f"""UPDATE rollups_pairday SET count = rollups_pairday.count - 1
            FROM (SELECT {{least}}(p.organization_id, {row}.organization_id) AS a,
                         {{greatest}}(p.organization_id, {row}.organization_id) AS b,
                         m.date AS d, m.kind AS k, COALESCE(m.coalition_id, 0) AS c, m.visibility AS v
                  FROM partners_participation p JOIN partners_meeting m ON m.id = p.meeting_id
                  WHERE p.meeting_id = {row}.meeting_id AND {others}) x
            WHERE rollups_pairday.org_a_id = x.a AND rollups_pairday.org_b_id = x.b
              AND rollups_pairday.date = x.d AND rollups_pairday.kind = x.k
              AND rollups_pairday.coalition = x.c AND rollups_pairday.visibility = x.v""",
        # With exactly one other left, the activity stops being collaborative.
        f"""UPDATE rollups_orgday SET count = rollups_orgday.count - 1
            FROM (SELECT o.organization_id AS o, m.date AS d, m.kind AS k, COALESCE(m.coalition_id, 0) AS c,
                         m.visibility AS v
                  FROM partners_participation o JOIN partners_meeting m ON m.id = o.meeting_id
                  WHERE o.meeting_id = {row}.meeting_id
                    AND (o.id = {row}.id OR (SELECT count(*) FROM partners_participation p
                                             WHERE p.meeting_id = {row}.meeting_id AND {others}) = 1)
                    AND EXISTS (SELECT 1 FROM partners_participation p
                                WHERE p.meeting_id = {row}.meeting_id AND {others})
                 ) x
            WHERE rollups_orgday.organization_id = x.o AND rollups_orgday.date = x.d AND rollups_orgday.kind = x.k
              AND rollups_orgday.coalition = x.c AND rollups_orgday.visibility = x.v""",
        f"""UPDATE rollups_activityday SET count = rollups_activityday.count - 1
            FROM (SELECT m.date AS d, m.kind AS k, COALESCE(m.coalition_id, 0) AS c, m.visibility AS v
                  FROM partners_meeting m WHERE m.id = {row}.meeting_id
                    AND (SELECT count(*) FROM partners_participation p
                         WHERE p.meeting_id = {row}.meeting_id AND {others}) = 1) x
            WHERE rollups_activityday.date = x.d AND rollups_activityday.kind = x.k
              AND rollups_activityday.coalition = x.c AND rollups_activityday.visibility = x.v""",
        f"DELETE FROM rollups_pairday WHERE count = 0 AND date = {meeting_date}",
        f"DELETE FROM rollups_orgday WHERE count = 0 AND organization_id = {row}.organization_id",
        f"DELETE FROM rollups_orgday WHERE count = 0 AND date = {meeting_date}",
        f"DELETE FROM rollups_activityday WHERE count = 0 AND date = {meeting_date}",
        _bump(f"(SELECT COALESCE(m.coalition_id, 0) FROM partners_meeting m WHERE m.id = {row}.meeting_id)"),
    ]


def _move_meeting() -> list[str]:
    """Statements moving a meeting's counts from its old key (OLD) to its new one (NEW)."""
    pairs = """(SELECT p1.organization_id AS a, p2.organization_id AS b
               FROM partners_participation p1 JOIN partners_participation p2
                 ON p2.meeting_id = p1.meeting_id AND p2.organization_id > p1.organization_id
               WHERE p1.meeting_id = NEW.id)"""
    collaborative = "(SELECT count(*) FROM partners_participation p WHERE p.meeting_id = NEW.id) >= 2"
    old = "COALESCE(OLD.coalition_id, 0)"
    new = "COALESCE(NEW.coalition_id, 0)"
    return [
        f"""UPDATE rollups_pairday SET count = rollups_pairday.count - 1 FROM {pairs} x
            WHERE rollups_pairday.org_a_id = x.a AND rollups_pairday.org_b_id = x.b
              AND rollups_pairday.date = OLD.date AND rollups_pairday.kind = OLD.kind
              AND rollups_pairday.coalition = {old} AND rollups_pairday.visibility = OLD.visibility""",
        f"""INSERT INTO rollups_pairday (org_a_id, org_b_id, {KEY}, count)
            SELECT x.a, x.b, NEW.date, NEW.kind, {new}, NEW.visibility, 1 FROM {pairs} x WHERE 1 = 1
            ON CONFLICT (org_a_id, org_b_id, {KEY}) DO UPDATE SET count = rollups_pairday.count + 1""",
        f"""UPDATE rollups_orgday SET count = rollups_orgday.count - 1
            FROM (SELECT p.organization_id AS o FROM partners_participation p WHERE p.meeting_id = NEW.id) x
            WHERE {collaborative} AND rollups_orgday.organization_id = x.o
              AND rollups_orgday.date = OLD.date AND rollups_orgday.kind = OLD.kind
              AND rollups_orgday.coalition = {old} AND rollups_orgday.visibility = OLD.visibility""",
        f"""INSERT INTO rollups_orgday (organization_id, {KEY}, count)
            SELECT o.organization_id, NEW.date, NEW.kind, {new}, NEW.visibility, 1
            FROM partners_participation o WHERE o.meeting_id = NEW.id AND {collaborative}
            ON CONFLICT (organization_id, {KEY}) DO UPDATE SET count = rollups_orgday.count + 1""",
        f"""UPDATE rollups_activityday SET count = rollups_activityday.count - 1
            WHERE {collaborative} AND date = OLD.date AND kind = OLD.kind
              AND coalition = {old} AND visibility = OLD.visibility""",
        f"""INSERT INTO rollups_activityday ({KEY}, count)
            SELECT NEW.date, NEW.kind, {new}, NEW.visibility, 1 WHERE {collaborative}
            ON CONFLICT ({KEY}) DO UPDATE SET count = rollups_activityday.count + 1""",
        "DELETE FROM rollups_pairday WHERE count = 0 AND date = OLD.date",
        "DELETE FROM rollups_orgday WHERE count = 0 AND date = OLD.date",
        "DELETE FROM rollups_activityday WHERE count = 0 AND date = OLD.date",
        _bump(old),
        _bump(new),
    ]


def _bump(coalition_sql: str) -> str:
    return f"""INSERT INTO rollups_changestamp (coalition, version) SELECT {coalition_sql}, 1 WHERE 1 = 1
               ON CONFLICT (coalition) DO UPDATE SET version = rollups_changestamp.version + 1"""


MEETING_KEY_CHANGED = (
    "OLD.date {ne} NEW.date OR OLD.kind {ne} NEW.kind OR OLD.coalition_id {ne} NEW.coalition_id"
    " OR OLD.visibility {ne} NEW.visibility"
)
PARTICIPATION_MOVED = "OLD.meeting_id {ne} NEW.meeting_id OR OLD.organization_id {ne} NEW.organization_id"

# name: (timing and event, table, WHEN condition or None, statements, value the PG function returns)
TRIGGERS = {
    "rollups_participation_insert": (
        "AFTER INSERT",
        "partners_participation",
        None,
        _add("NEW", "p.id < NEW.id"),
        "NULL",
    ),
    "rollups_participation_delete": ("BEFORE DELETE", "partners_participation", None, _remove("OLD"), "OLD"),
    # Services replace participations rather than edit them; an edit elsewhere (the admin)
    # counts as leaving one activity and joining another.
    "rollups_participation_update": (
        "BEFORE UPDATE",
        "partners_participation",
        PARTICIPATION_MOVED,
        _remove("OLD") + _add("NEW", "p.id <> NEW.id"),
        "NEW",
    ),
    "rollups_meeting_update": ("AFTER UPDATE", "partners_meeting", MEETING_KEY_CHANGED, _move_meeting(), "NULL"),
}


def _render(statements: list[str], *, least: str, greatest: str) -> list[str]:
    return [s.replace("{least}", least).replace("{greatest}", greatest) for s in statements]


def create_sql(vendor: str) -> list[str]:
    """The statements that install every trigger on the given database vendor."""
    sql = []
    for name, (event, table, when, statements, returns) in TRIGGERS.items():
        if vendor == "postgresql":
            body = ";\n".join(_render(statements, least="LEAST", greatest="GREATEST"))
            sql.append(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN\n{body};\nRETURN {returns};\nEND $$"
            )
            condition = f" WHEN ({when.format(ne='IS DISTINCT FROM')})" if when else ""
            sql.append(f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW{condition} EXECUTE FUNCTION {name}()")
        elif vendor == "sqlite":
            body = ";\n".join(_render(statements, least="min", greatest="max"))
            condition = f" WHEN {when.format(ne='IS NOT')}" if when else ""
            sql.append(f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW{condition} BEGIN\n{body};\nEND")
        else:
            raise NotImplementedError(f"Rollup triggers support PostgreSQL and SQLite, not {vendor!r}.")
    return sql


def drop_sql(vendor: str) -> list[str]:
    sql = []
    for name, (_event, table, *_rest) in TRIGGERS.items():
        sql.append(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if vendor == "postgresql" else ""))
        if vendor == "postgresql":
            sql.append(f"DROP FUNCTION IF EXISTS {name}()")
    return sql
