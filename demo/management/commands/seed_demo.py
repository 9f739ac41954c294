"""`manage.py seed_demo`: build the fictional demo region (once; a second run adds nothing)."""

from django.core.management.base import BaseCommand

from demo.documents import build_documents_demo
from demo.health import build_health_demo
from demo.planning import build_planning_demo
from demo.region import DEMO_ACCOUNTS, build_demo
from partners.models import Organization


class Command(BaseCommand):
    help = (
        "Build a realistic, fictional demo coalition region from the data files in demo/data, through the "
        "importer. Idempotent: a second run adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Kept so existing scripts still run; the region is fixed by its data files (written with seed 2026).",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the database already holds organisations."
        )

    def handle(self, *args, seed: int, if_empty: bool, **options):
        if if_empty and Organization.objects.exists():
            self.stdout.write("The database already holds organisations; demo data not added.")
            return
        summary = build_demo()
        build_health_demo()  # status histories, repair log and check-ins; adds nothing a second time
        build_planning_demo()  # upcoming meetings, replies, minutes and action items; idempotent too
        build_documents_demo()  # small generated PDFs on a few partnerships; adds nothing a second time
        if summary.created:
            self.stdout.write(self.style.SUCCESS("Demo data created."))
        else:
            self.stdout.write("Demo data already present; nothing added.")
        for name, count in summary.counts.items():
            self.stdout.write(f"  {name:<15} {count}")
        self.stdout.write("Demo accounts (username / password / role):")
        for username, (password, role, org, coalition) in DEMO_ACCOUNTS.items():
            where = coalition or org or "everything"
            self.stdout.write(f"  {username:<12} {password:<28} {role} ({where})")
