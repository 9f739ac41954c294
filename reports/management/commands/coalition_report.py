"""`manage.py coalition_report SLUG --since --until -o FILE.pdf`: write a coalition's report as PDF."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from partners.models import Coalition
from reports.forms import ReportPeriodForm
from reports.rendering import report_pdf
from reports.selectors import coalition_report


class _SystemAdmin(AnonymousUser):
    """The command's viewer: sees the data as an admin does (it runs on the server, unattended)."""

    is_anonymous = False
    is_authenticated = True
    is_active = True
    is_superuser = True
    username = "system"

    def get_username(self) -> str:
        return self.username


class Command(BaseCommand):
    help = (
        "Write a coalition's report for a period as a PDF, for scheduling. The report is prepared "
        "with an admin's view of the data: every activity of the coalition is counted, including "
        "those visible to their participants only. Keep the file where only admins can read it."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The coalition's slug, e.g. harbor-county-task-force.")
        parser.add_argument("--since", default="", help="First day of the period, YYYY-MM-DD (default: a year ago).")
        parser.add_argument("--until", default="", help="Last day of the period, YYYY-MM-DD (default: today).")
        parser.add_argument("-o", "--output", required=True, help="Where to write the PDF, e.g. report.pdf.")

    def handle(self, *args, slug: str, since: str, until: str, output: str, **options):
        coalition = Coalition.objects.filter(slug=slug).first()
        if coalition is None:
            raise CommandError(f"No coalition with the slug {slug!r}.")
        form = ReportPeriodForm({"since": since, "until": until})
        if not form.is_valid():
            problems = "; ".join(f"--{name}: {' '.join(errors)}" for name, errors in form.errors.items())
            raise CommandError(problems)
        path = Path(output)
        if not path.parent.exists():
            raise CommandError(f"The folder {path.parent} does not exist.")
        viewer = _SystemAdmin()
        report = coalition_report(viewer=viewer, coalition=coalition, period=form.period)
        path.write_bytes(report_pdf(report, viewer_name="admin"))
        p = report.period
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {path} ({coalition.name}, {p.since:%Y-%m-%d} to {p.until:%Y-%m-%d}).")
        )
