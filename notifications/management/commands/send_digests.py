"""Send this week's coordinators' digests now (for cron, and for trying the digest out).

python manage.py send_digests            # send what has not gone out this week
python manage.py send_digests --dry-run  # print who would get what; send and record nothing
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications import digests


class Command(BaseCommand):
    help = "Send the weekly digests that have not gone out this week (--dry-run: only print them)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print who would get what; send nothing.")
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run: bool = False, date: str | None = None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date={date!r} is not a date; use YYYY-MM-DD.")
        if dry_run:
            self._dry_run(today)
            return
        run = digests.digests_send(today=today)
        self.stdout.write(
            f"Digests sent: {run.sent}; already sent this week: {run.already}; nothing to tell: {run.empty}."
        )

    def _dry_run(self, today: datetime.date) -> None:
        count = 0
        for role in digests.coordinator_roles():
            key = digests.week_key(coalition=role.coalition, today=today)
            digest = digests.digest_for(user=role.user, coalition=role.coalition, today=today, key=key)
            already = digests.SentNotification.objects.filter(
                recipient=role.user, kind=digests.NotificationKind.DIGEST, key=key
            ).exists()
            state = "already sent this week" if already else ("nothing to tell" if digest.is_empty else "would send")
            self.stdout.write(
                f"{role.user.email} ({role.user.get_username()}), {role.coalition.name}: {state} — "
                f"{len(digest.attention)} new attention items, {len(digest.renewals)} renewals, "
                f"{len(digest.overdue)} overdue action items, {len(digest.unfiled)} activities without a coalition"
            )
            count += 1
        self.stdout.write(f"Dry run: {count} digests considered; nothing sent, nothing recorded.")
