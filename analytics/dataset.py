"""A large, realistic, fictional data set for the benchmark, written with bulk inserts.

Organisations follow the demo region's sector mix; participation is heavy-tailed (a few very
active organisations, a long tail); each activity has two to eight organisations, mostly drawn
from the members of its coalition; dates span six years. On PostgreSQL rows go in with
`COPY` and the rollup triggers switched off for the session, then the rollups are rebuilt
once; elsewhere with `bulk_create`.
"""

from __future__ import annotations

import datetime
import io
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable

import numpy as np
from django.db import connection, models, transaction
from django.utils import timezone

from analytics.rebuild import rebuild_rollups
from partners.choices import MeetingKind, MeetingVisibility, MembershipRole
from partners.models import Coalition, Meeting, Membership, Organization, Participation, Sector

YEARS = 6
SIZES = [2, 3, 4, 5, 6, 7, 8]
SIZE_WEIGHTS = [30, 25, 17, 12, 8, 5, 3]
COALITION_SHARE = 0.7
PARTICIPANTS_ONLY_SHARE = 0.1
FUTURE_SHARE = 0.02
COALITION_KINDS = {
    MeetingKind.COALITION_MEETING: 40,
    MeetingKind.CASE_COORDINATION: 20,
    MeetingKind.TRAINING: 10,
    MeetingKind.JOINT_OPERATION: 10,
    MeetingKind.REFERRAL: 10,
    MeetingKind.OTHER: 10,
}
OTHER_KINDS = {
    MeetingKind.REFERRAL: 25,
    MeetingKind.TRAINING: 20,
    MeetingKind.OUTREACH: 20,
    MeetingKind.RESEARCH: 10,
    MeetingKind.ADVOCACY: 15,
    MeetingKind.OTHER: 10,
}
CITIES = ["Port Aurora", "Millbrook", "Eastvale", "Harbor City", "Northfield", "Riverside", "Lakeview", "Cedar Falls"]
REGIONS = ["Harbor County", "Northshore", "Central Valley", "Southern Plains", "Lake District", "Coastal Region"]
CHUNK = 50_000


class Progress:
    def __init__(self, write: Callable[[str], None]):
        self.write, self.started = write, time.monotonic()

    def __call__(self, message: str) -> None:
        self.write(f"[{time.monotonic() - self.started:7.1f}s] {message}")


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


class Writer:
    """Writes rows (dicts of attname → value) into a model's table: COPY on PostgreSQL,
    bulk_create elsewhere. Fields left out take their default, NULL or ''."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.now = timezone.now()

    def _complete(self, model: type[models.Model], row: dict) -> list:
        values = []
        for field in model._meta.concrete_fields:
            if field.attname in row:
                value = row[field.attname]
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = self.now
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            else:
                value = ""
            values.append(value)
        return values

    @staticmethod
    def _text(value) -> str:
        if value is None:
            return r"\N"
        if isinstance(value, bool):
            return "t" if value else "f"
        if isinstance(value, datetime.date | datetime.datetime):
            return value.isoformat()
        if isinstance(value, list | tuple):  # a multiple CountryField is stored as "US,CA"
            value = ",".join(value)
        return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")

    def write(self, model: type[models.Model], rows: Iterable[dict]) -> int:
        fields = model._meta.concrete_fields
        n = 0
        if self.postgres:
            buffer = io.StringIO()
            for row in rows:
                buffer.write("\t".join(self._text(v) for v in self._complete(model, row)))
                buffer.write("\n")
                n += 1
            buffer.seek(0)
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            with connection.cursor() as cursor:
                cursor.cursor.copy_expert(f"COPY {model._meta.db_table} ({columns}) FROM STDIN", buffer)
        else:
            objs = [
                model(**dict(zip((f.attname for f in fields), self._complete(model, row), strict=True))) for row in rows
            ]
            model.objects.bulk_create(objs, batch_size=500)
            n = len(objs)
        return n


def _weights(kinds: dict) -> tuple[list, np.ndarray]:
    names = list(kinds)
    w = np.array([kinds[k] for k in names], dtype=float)
    return names, w / w.sum()


def generate(*, orgs: int, meetings: int, seed: int, say: Callable[[str], None]) -> dict[str, int]:
    """Build the data set into the current database (which must hold no organisations yet)."""
    if Organization.objects.exists():
        raise ValueError("The database already holds organisations; generate into a fresh database.")
    progress = Progress(say)
    rng, prng = np.random.default_rng(seed), random.Random(seed)
    today = timezone.localdate()
    writer = Writer()
    sectors = {s.slug: s.pk for s in Sector.objects.all()}
    # The demo region's sector mix: organisations per primary sector in demo/data/organizations.csv.
    mix = Counter(
        {
            "law-enforcement": 5,
            "prosecution-courts": 4,
            "government": 5,
            "ngo-victim-services": 11,
            "shelters-housing": 5,
            "legal-aid": 3,
            "health-care": 4,
            "faith-based": 4,
            "survivor-led": 4,
            "business": 5,
            "labour-unions": 3,
            "education-academia": 3,
            "media": 2,
            "international-donors": 4,
        }
    )
    sector_slugs = [s for s in mix if s in sectors] or list(sectors)
    sector_p = np.array([mix.get(s, 1) for s in sector_slugs], dtype=float)
    sector_p /= sector_p.sum()
    all_sector_ids = list(sectors.values())

    with transaction.atomic():
        if writer.postgres:
            with connection.cursor() as cursor:
                # Triggers (the rollups, and the deferred foreign-key checks) are off for this
                # transaction: the rows are consistent by construction, and the rollups are
                # rebuilt once at the end.
                cursor.execute("SET LOCAL session_replication_role = replica")

        # --- organisations: sector mix of the demo, heavy-tailed activity ------------------
        org0 = _next_id(Organization)
        org_ids = np.arange(org0, org0 + orgs)
        primary = rng.choice(len(sector_slugs), size=orgs, p=sector_p)
        activity = 1.0 / np.power(rng.permutation(orgs) + 1.0, 0.9)  # Zipf-like: rank^-0.9
        org_rows, sector_rows = [], []
        through = Organization.sectors.through
        link = _next_id(through)
        for i, pk in enumerate(org_ids.tolist()):
            sector = sectors[sector_slugs[primary[i]]]
            city = CITIES[i % len(CITIES)]
            org_rows.append(
                {
                    "id": pk,
                    "name": f"{city} {sector_slugs[primary[i]].replace('-', ' ').title()} {i + 1:05d}",
                    "slug": f"generated-{i + 1:05d}",
                    "primary_sector_id": sector,
                    "description": "Fictional organisation generated for the benchmark.",
                    "city": city,
                    "region": REGIONS[i % len(REGIONS)],
                    "country": prng.choice(["US", "US", "US", "CA", "MX"]),
                    "founded_year": prng.randint(1950, 2022),
                    "staff_size": prng.choice(["1-5", "6-20", "21-100", "101-500", "500+"]),
                    "budget_band": prng.choice(["under-50k", "50k-250k", "250k-1m", "1m-10m", "over-10m"]),
                    "survivor_led": prng.random() < 0.05,
                    "visibility": "public" if prng.random() < 0.85 else "members",
                    "is_active": True,
                }
            )
            sector_rows.append({"id": link, "organization_id": pk, "sector_id": sector})
            link += 1
            if prng.random() < 0.2:
                extra = prng.choice(all_sector_ids)
                if extra != sector:
                    sector_rows.append({"id": link, "organization_id": pk, "sector_id": extra})
                    link += 1
        writer.write(Organization, org_rows)
        writer.write(through, sector_rows)
        progress(f"organisations  {orgs:>10,}")

        # --- coalitions and memberships ----------------------------------------------------
        n_coalitions = max(10, min(400, orgs // 25))
        c0, m0 = _next_id(Coalition), _next_id(Membership)
        coalition_rows, membership_rows, members = [], [], []
        p_all = activity / activity.sum()
        for c in range(n_coalitions):
            size = int(min(max(5, rng.pareto(1.5) * 12 + 5), max(5, orgs // 4), 300))
            picked = rng.choice(orgs, size=min(size, orgs), replace=False, p=p_all)
            members.append(picked)
            coalition_rows.append(
                {
                    "id": c0 + c,
                    "name": f"{REGIONS[c % len(REGIONS)]} Anti-Trafficking Coalition {c + 1:03d}",
                    "slug": f"generated-coalition-{c + 1:03d}",
                    "kind": prng.choice(["task_force", "coalition", "network", "working_group", "referral_mechanism"]),
                    "scope": prng.choice(["local", "state", "national", "transnational"]),
                    "countries": ["US"],
                    "founded_on": today - datetime.timedelta(days=365 * YEARS + prng.randint(0, 3650)),
                    "quiet_after_days": 90,
                    "absent_after_meetings": 3,
                }
            )
            for j, org_index in enumerate(picked.tolist()):
                membership_rows.append(
                    {
                        "id": m0 + len(membership_rows),
                        "organization_id": int(org_ids[org_index]),
                        "coalition_id": c0 + c,
                        "role": MembershipRole.LEAD if j == 0 else MembershipRole.MEMBER,
                        "start_date": today - datetime.timedelta(days=365 * YEARS + prng.randint(0, 700)),
                        "end_date": None,
                    }
                )
        writer.write(Coalition, coalition_rows)
        writer.write(Membership, membership_rows)
        progress(f"coalitions     {n_coalitions:>10,} with {len(membership_rows):,} memberships")

        # --- activities ----------------------------------------------------------------------
        sizes = rng.choice(SIZES, size=meetings, p=np.array(SIZE_WEIGHTS) / sum(SIZE_WEIGHTS))
        coalition_size = np.array([len(m) for m in members], dtype=float)
        in_coalition = rng.random(meetings) < COALITION_SHARE
        coalition_of = rng.choice(n_coalitions, size=meetings, p=coalition_size / coalition_size.sum())
        days = rng.integers(0, 365 * YEARS, size=meetings)
        future = rng.random(meetings) < FUTURE_SHARE
        dates_offset = np.where(future, -rng.integers(1, 90, size=meetings), days)
        participants_only = rng.random(meetings) < PARTICIPANTS_ONLY_SHARE
        ck, cp = _weights(COALITION_KINDS)
        ok, op = _weights(OTHER_KINDS)
        kind_c = rng.choice(len(ck), size=meetings, p=cp)
        kind_o = rng.choice(len(ok), size=meetings, p=op)

        pools = [(m, np.cumsum(activity[m]) / activity[m].sum()) for m in members]
        everyone = (np.arange(orgs), np.cumsum(p_all))
        meeting0, part0 = _next_id(Meeting), _next_id(Participation)
        written_parts = 0
        for start in range(0, meetings, CHUNK):
            stop = min(meetings, start + CHUNK)
            meeting_rows, part_rows = [], []
            draws = rng.random((stop - start, 20))
            for i in range(start, stop):
                pool, cum = pools[coalition_of[i]] if in_coalition[i] else everyone
                want = min(int(sizes[i]), len(pool))
                chosen = dict.fromkeys(np.searchsorted(cum, draws[i - start]).clip(0, len(pool) - 1).tolist())
                picked = list(chosen)[:want]
                if len(picked) < want:
                    rest = [x for x in range(len(pool)) if x not in chosen]
                    picked += prng.sample(rest, want - len(picked))
                kind = ck[kind_c[i]] if in_coalition[i] else ok[kind_o[i]]
                mid = meeting0 + i
                meeting_rows.append(
                    {
                        "id": mid,
                        "date": today - datetime.timedelta(days=int(dates_offset[i])),
                        "duration_minutes": prng.choice([60, 90, 120, 180, None]),
                        "kind": kind,
                        "title": f"{MeetingKind(kind).label} {i + 1}",
                        "coalition_id": int(c0 + coalition_of[i]) if in_coalition[i] else None,
                        "visibility": MeetingVisibility.PARTICIPANTS
                        if participants_only[i]
                        else MeetingVisibility.COALITION,
                    }
                )
                for j, x in enumerate(picked):
                    part_rows.append(
                        {
                            "id": part0 + written_parts + len(part_rows),
                            "meeting_id": mid,
                            "organization_id": int(pool[x] + org0),
                            "role": "host" if j == 0 else "participant",
                        }
                    )
            writer.write(Meeting, meeting_rows)
            written_parts += writer.write(Participation, part_rows)
            progress(
                f"activities     {stop:>10,} / {meetings:,} ({100 * stop // meetings}%),"
                f" {written_parts:,} participations"
            )

    if writer.postgres:
        _reset_sequences([Organization, through, Coalition, Membership, Meeting, Participation])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        progress("sequences reset, tables analysed")
    counts = rebuild_rollups()
    progress("rollups rebuilt: " + ", ".join(f"{t.removeprefix('analytics_')} {n:,}" for t, n in counts.items()))
    return {"organisations": orgs, "coalitions": n_coalitions, "activities": meetings, "participations": written_parts}


def _reset_sequences(models_: list[type[models.Model]]) -> None:
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))",  # noqa: S608
                [table],
            )
