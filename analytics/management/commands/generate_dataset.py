"""`manage.py generate_dataset`: a large fictional data set for the benchmark, in bulk."""

import time

from django.core.management.base import BaseCommand, CommandError

from analytics.dataset import generate

SIZES = {"S": (500, 10_000), "M": (3_000, 100_000), "L": (10_000, 1_000_000)}


class Command(BaseCommand):
    help = (
        "Generate a large, realistic, fictional data set (organisations, coalitions, memberships, "
        "activities) with bulk inserts, then rebuild the analytics rollups. Sizes: "
        + ", ".join(f"{k} = {o:,} organisations / {m:,} activities" for k, (o, m) in SIZES.items())
        + ". Needs a database without organisations."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), help="A preset size (S, M or L).")
        parser.add_argument("--orgs", type=int, help="Number of organisations.")
        parser.add_argument("--meetings", type=int, help="Number of activities.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")

    def handle(self, *args, size, orgs, meetings, seed, **options):
        preset = SIZES.get(size, (None, None))
        orgs, meetings = orgs or preset[0], meetings or preset[1]
        if not orgs or not meetings:
            raise CommandError("Give --size, or both --orgs and --meetings.")
        if orgs < 10 or meetings < 1:
            raise CommandError("Use at least 10 organisations and 1 activity.")
        started = time.monotonic()
        try:
            counts = generate(orgs=orgs, meetings=meetings, seed=seed, say=self.stdout.write)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Generated {summary} in {time.monotonic() - started:.1f}s."))
