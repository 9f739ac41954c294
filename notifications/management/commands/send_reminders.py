"""Send today's reminders now (renewals, action items, meetings, contacts), for cron users.

python manage.py send_reminders            # send what is due and has not gone out
python manage.py send_reminders --dry-run  # print who would get what; send and record nothing
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications import reminders
from notifications.models import SentNotification


class Command(BaseCommand):
    help = "Send today's reminders that have not gone out yet (--dry-run: only print them)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print who would get what; send nothing.")
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run: bool = False, date: str | None = None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date={date!r} is not a date; use YYYY-MM-DD.")
        if not dry_run:
            counts = reminders.reminders_send(today=today)
            self.stdout.write(f"Reminders sent: {counts['sent']}; already sent: {counts['already']}.")
            return
        count = 0
        for outgoing in reminders.reminder_outgoing(today=today):
            sent = SentNotification.objects.filter(kind=outgoing.kind, key=outgoing.key, address=outgoing.address)
            state = "already sent" if sent.exists() else "would send"
            self.stdout.write(f"{outgoing.address}: {outgoing.kind} {outgoing.key} ({state})")
            count += 1
        self.stdout.write(f"Dry run: {count} reminders considered; nothing sent, nothing recorded.")
