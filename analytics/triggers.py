"""The database triggers that keep the rollup tables in step with meetings and participations.

Triggers, rather than calls from the services, because rows reach these tables by several
roads (the services, the admin, deletions that cascade from an organisation or a coalition,
imports, test factories): a trigger runs inside whichever transaction writes the row, so the
rollup can never drift from the rows it summarises. Bulk loaders switch triggers off for speed
and then run `rebuild_rollups`.

The statements are written once and rendered for PostgreSQL (a PL/pgSQL function per trigger)
and SQLite (statements inside the trigger). Counting rules:
- an inserted participation pairs with the meeting's participations of lower id, so a
  multi-row insert counts each pair exactly once whichever way the engine runs row triggers;
- a participation about to be deleted pairs with the others still present (BEFORE DELETE sees
  the rows already deleted by the same statement as gone), so deleting a whole meeting takes
  each pair off exactly once;
- an activity becomes collaborative when its second organisation arrives and stops being so
  when it drops back to one;
- for a participants-only activity, each participant `w` also gets "via" rows for the pairs
  among the *other* participants: a participant may see those pairs, and nobody else in the
  same visibility class may (see analytics/reads.py).
"""

# ruff: noqa: S608  (the SQL is assembled from constants of this module, never from input)

from __future__ import annotations

KEY = "date, kind, coalition, visibility"
PAIR_KEY = f"org_a_id, org_b_id, {KEY}, via"
PARTICIPANTS = "'participants'"


def meeting_key(m: str) -> str:
    """The rollup key columns of meeting `m` (a table alias, or NEW/OLD in a meeting trigger)."""
    return f"{m}.date AS d, {m}.kind AS k, COALESCE({m}.coalition_id, 0) AS c, {m}.visibility AS vis"


def _pairs_added(row: str, others) -> list[str]:
    """SELECTs of (a, b, d, k, c, vis, w) for the pair rows participation `row` forms with the
    participations `others(alias)` of its meeting."""
    return [
        # The plain pair rows: the new organisation with each other one.
        f"""SELECT {{least}}(p.organization_id, {row}.organization_id) AS a,
                   {{greatest}}(p.organization_id, {row}.organization_id) AS b, {meeting_key("m")}, 0 AS w
            FROM partners_participation p JOIN partners_meeting m ON m.id = p.meeting_id
            WHERE p.meeting_id = {row}.meeting_id AND {others("p")}""",
        # Participants only: the new organisation may see the pairs among the others...
        f"""SELECT p.organization_id AS a, q.organization_id AS b, {meeting_key("m")}, {row}.organization_id AS w
            FROM partners_participation p
            JOIN partners_participation q ON q.meeting_id = p.meeting_id AND q.organization_id > p.organization_id
            JOIN partners_meeting m ON m.id = p.meeting_id
            WHERE p.meeting_id = {row}.meeting_id AND {others("p")} AND {others("q")}
              AND m.visibility = {PARTICIPANTS}""",
        # ...and each other participant may see the new organisation's pairs with the rest.
        f"""SELECT {{least}}(p.organization_id, {row}.organization_id) AS a,
                   {{greatest}}(p.organization_id, {row}.organization_id) AS b, {meeting_key("m")},
                   o.organization_id AS w
            FROM partners_participation o
            JOIN partners_participation p ON p.meeting_id = o.meeting_id AND p.organization_id <> o.organization_id
            JOIN partners_meeting m ON m.id = o.meeting_id
            WHERE o.meeting_id = {row}.meeting_id AND {others("o")} AND {others("p")}
              AND m.visibility = {PARTICIPANTS}""",
    ]


def _meeting_pairs(key: str) -> str:
    """SELECT of every pair row of the meeting NEW.id under the key of `key` (NEW or OLD)."""
    return f"""SELECT p1.organization_id AS a, p2.organization_id AS b, {meeting_key(key)}, 0 AS w
               FROM partners_participation p1
               JOIN partners_participation p2
                 ON p2.meeting_id = p1.meeting_id AND p2.organization_id > p1.organization_id
               WHERE p1.meeting_id = NEW.id
               UNION ALL
               SELECT p1.organization_id, p2.organization_id, {meeting_key(key)}, o.organization_id
               FROM partners_participation o
               JOIN partners_participation p1
                 ON p1.meeting_id = o.meeting_id AND p1.organization_id <> o.organization_id
               JOIN partners_participation p2
                 ON p2.meeting_id = o.meeting_id AND p2.organization_id > p1.organization_id
                AND p2.organization_id <> o.organization_id
               WHERE o.meeting_id = NEW.id AND {key}.visibility = {PARTICIPANTS}"""


def _grouped(select: str) -> str:
    return f"SELECT a, b, d, k, c, vis, w, count(*) AS n FROM ({select}) y GROUP BY a, b, d, k, c, vis, w"


def _pair_add(select: str) -> str:
    return f"""INSERT INTO analytics_pairday ({PAIR_KEY}, activities)
               SELECT a, b, d, k, c, vis, w, n FROM ({_grouped(select)}) x WHERE 1 = 1
               ON CONFLICT ({PAIR_KEY}) DO UPDATE SET activities = analytics_pairday.activities + excluded.activities"""


def _pair_subtract(select: str) -> str:
    return f"""UPDATE analytics_pairday SET activities = analytics_pairday.activities - x.n
               FROM ({_grouped(select)}) x
               WHERE analytics_pairday.org_a_id = x.a AND analytics_pairday.org_b_id = x.b
                 AND analytics_pairday.date = x.d AND analytics_pairday.kind = x.k AND analytics_pairday.coalition = x.c
                 AND analytics_pairday.visibility = x.vis AND analytics_pairday.via = x.w"""


def _bump(coalition_sql: str) -> str:
    return f"""INSERT INTO analytics_changestamp (coalition, version) SELECT {coalition_sql}, 1 WHERE 1 = 1
               ON CONFLICT (coalition) DO UPDATE SET version = analytics_changestamp.version + 1"""


def _add(row: str, others) -> list[str]:
    """Statements adding participation `row` (NEW) to the rollups; `others(alias)` selects the
    participations it pairs with."""
    n_others = (
        f"(SELECT count(*) FROM partners_participation p WHERE p.meeting_id = {row}.meeting_id AND {others('p')})"
    )
    return [
        *(_pair_add(s) for s in _pairs_added(row, others)),
        # The new organisation joins a collaborative activity when anyone else is there.
        f"""INSERT INTO analytics_orgday (organization_id, {KEY}, activities)
            SELECT {row}.organization_id, {meeting_key("m")}, 1 FROM partners_meeting m
            WHERE m.id = {row}.meeting_id AND {n_others} >= 1
            ON CONFLICT (organization_id, {KEY}) DO UPDATE SET activities = analytics_orgday.activities + 1""",
        # With exactly one other, the activity has just become collaborative: count it for
        # the organisation already there, and count the activity itself.
        f"""INSERT INTO analytics_orgday (organization_id, {KEY}, activities)
            SELECT o.organization_id, {meeting_key("m")}, 1
            FROM partners_participation o JOIN partners_meeting m ON m.id = o.meeting_id
            WHERE o.meeting_id = {row}.meeting_id AND {others("o")} AND {n_others} = 1
            ON CONFLICT (organization_id, {KEY}) DO UPDATE SET activities = analytics_orgday.activities + 1""",
        f"""INSERT INTO analytics_activityday ({KEY}, activities)
            SELECT {meeting_key("m")}, 1 FROM partners_meeting m
            WHERE m.id = {row}.meeting_id AND {n_others} = 1
            ON CONFLICT ({KEY}) DO UPDATE SET activities = analytics_activityday.activities + 1""",
        _bump(f"(SELECT COALESCE(m.coalition_id, 0) FROM partners_meeting m WHERE m.id = {row}.meeting_id)"),
    ]


def _remove(row: str) -> list[str]:
    """Statements taking participation `row` (OLD, still in the table) out of the rollups."""

    def others(alias: str) -> str:
        return f"{alias}.id <> {row}.id"

    n_others = (
        f"(SELECT count(*) FROM partners_participation p WHERE p.meeting_id = {row}.meeting_id AND {others('p')})"
    )
    meeting_date = f"(SELECT m.date FROM partners_meeting m WHERE m.id = {row}.meeting_id)"
    return [
        *(_pair_subtract(s) for s in _pairs_added(row, others)),
        # The organisation leaves a collaborative activity; with exactly one other left, the
        # activity stops being collaborative for that one too, and stops counting.
        f"""UPDATE analytics_orgday SET activities = analytics_orgday.activities - 1
            FROM (SELECT o.organization_id AS o, {meeting_key("m")}
                  FROM partners_participation o JOIN partners_meeting m ON m.id = o.meeting_id
                  WHERE o.meeting_id = {row}.meeting_id AND {n_others} >= 1
                    AND (o.id = {row}.id OR {n_others} = 1)) x
            WHERE analytics_orgday.organization_id = x.o AND analytics_orgday.date = x.d AND analytics_orgday.kind = x.k
              AND analytics_orgday.coalition = x.c AND analytics_orgday.visibility = x.vis""",
        f"""UPDATE analytics_activityday SET activities = analytics_activityday.activities - 1
            FROM (SELECT {meeting_key("m")} FROM partners_meeting m
                  WHERE m.id = {row}.meeting_id AND {n_others} = 1) x
            WHERE analytics_activityday.date = x.d AND analytics_activityday.kind = x.k
              AND analytics_activityday.coalition = x.c AND analytics_activityday.visibility = x.vis""",
        f"DELETE FROM analytics_pairday WHERE activities = 0 AND date = {meeting_date}",
        # By organisation first: the unique key (organisation, date, ...) finds the rows.
        f"""DELETE FROM analytics_orgday WHERE activities = 0 AND date = {meeting_date}
            AND organization_id IN (SELECT p.organization_id FROM partners_participation p
                                    WHERE p.meeting_id = {row}.meeting_id)""",
        f"DELETE FROM analytics_activityday WHERE activities = 0 AND date = {meeting_date}",
        _bump(f"(SELECT COALESCE(m.coalition_id, 0) FROM partners_meeting m WHERE m.id = {row}.meeting_id)"),
    ]


def _move_meeting() -> list[str]:
    """Statements moving a meeting's counts from its old key (OLD) to its new one (NEW)."""
    collaborative = "(SELECT count(*) FROM partners_participation p WHERE p.meeting_id = NEW.id) >= 2"

    def old_key(table: str) -> str:
        return (
            f"{table}.date = OLD.date AND {table}.kind = OLD.kind"
            f" AND {table}.coalition = COALESCE(OLD.coalition_id, 0) AND {table}.visibility = OLD.visibility"
        )

    return [
        _pair_subtract(_meeting_pairs("OLD")),
        _pair_add(_meeting_pairs("NEW")),
        f"""UPDATE analytics_orgday SET activities = analytics_orgday.activities - 1
            FROM (SELECT p.organization_id AS o FROM partners_participation p WHERE p.meeting_id = NEW.id) x
            WHERE {collaborative} AND analytics_orgday.organization_id = x.o AND {old_key("analytics_orgday")}""",
        f"""INSERT INTO analytics_orgday (organization_id, {KEY}, activities)
            SELECT o.organization_id, {meeting_key("NEW")}, 1
            FROM partners_participation o WHERE o.meeting_id = NEW.id AND {collaborative}
            ON CONFLICT (organization_id, {KEY}) DO UPDATE SET activities = analytics_orgday.activities + 1""",
        f"""UPDATE analytics_activityday SET activities = analytics_activityday.activities - 1
            WHERE {collaborative} AND {old_key("analytics_activityday")}""",
        f"""INSERT INTO analytics_activityday ({KEY}, activities)
            SELECT {meeting_key("NEW")}, 1 WHERE {collaborative}
            ON CONFLICT ({KEY}) DO UPDATE SET activities = analytics_activityday.activities + 1""",
        "DELETE FROM analytics_pairday WHERE activities = 0 AND date = OLD.date",
        """DELETE FROM analytics_orgday WHERE activities = 0 AND date = OLD.date
           AND organization_id IN (SELECT p.organization_id FROM partners_participation p
                                   WHERE p.meeting_id = NEW.id)""",
        "DELETE FROM analytics_activityday WHERE activities = 0 AND date = OLD.date",
        _bump("COALESCE(OLD.coalition_id, 0)"),
        _bump("COALESCE(NEW.coalition_id, 0)"),
    ]


def _lower_id(alias: str) -> str:
    return f"{alias}.id < NEW.id"


def _other_than_new(alias: str) -> str:
    return f"{alias}.id <> NEW.id"


MEETING_KEY_CHANGED = (
    "OLD.date {ne} NEW.date OR OLD.kind {ne} NEW.kind OR OLD.coalition_id {ne} NEW.coalition_id"
    " OR OLD.visibility {ne} NEW.visibility"
)
PARTICIPATION_MOVED = "OLD.meeting_id {ne} NEW.meeting_id OR OLD.organization_id {ne} NEW.organization_id"

# name: (timing and event, table, WHEN condition or None, statements, value the PG function returns)
TRIGGERS = {
    "analytics_participation_insert": ("AFTER INSERT", "partners_participation", None, _add("NEW", _lower_id), "NULL"),
    "analytics_participation_delete": ("BEFORE DELETE", "partners_participation", None, _remove("OLD"), "OLD"),
    # Services replace participations rather than edit them; an edit elsewhere (the admin)
    # counts as leaving one activity and joining another.
    "analytics_participation_update": (
        "BEFORE UPDATE",
        "partners_participation",
        PARTICIPATION_MOVED,
        _remove("OLD") + _add("NEW", _other_than_new),
        "NEW",
    ),
    "analytics_meeting_update": ("AFTER UPDATE", "partners_meeting", MEETING_KEY_CHANGED, _move_meeting(), "NULL"),
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
