"""Builds the fictional demo region from the data files in demo/data, through the importer.

Each file is in the columns of the import templates (docs/samples) and goes through the same
engine as an admin's upload, recorded as an ImportJob by the demo admin. What the importer
does not read (the coalitions themselves, accounts and coordinator roles, who logged each
activity, the self-reported leadership figures) is applied here, from the same files or from
DEMO_ACCOUNTS below.

The files hold the region as it looked on REFERENCE_DAY; every date in a membership,
partnership or activity is moved by (today - REFERENCE_DAY) on load, so the region is always
as fresh as on the day it was written ("last 12 months" figures stay alive). A title may name
its own date, e.g. "Task force monthly meeting – {date:%B %Y}", filled in after the move.
The build runs in one transaction and is skipped when the demo is present.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from imports.engine import importer_for, read_file, run_import
from imports.models import ImportJob, ImportKind, ImportStatus
from partners.models import (
    Coalition,
    CoalitionCoordinator,
    Contact,
    Meeting,
    Membership,
    Organization,
    Participation,
    Partnership,
    Profile,
    Sector,
)
from partners.services.coalitions import coalition_create

DATA_DIR = Path(__file__).resolve().parent / "data"
REFERENCE_DAY = datetime.date(2026, 1, 1)
MARKER_SLUG = "harbor-county-task-force"

# The import files, in the order a fresh database needs them, and the columns holding dates.
IMPORT_FILES: list[tuple[str, tuple[str, ...]]] = [
    (ImportKind.ORGANIZATIONS, ()),
    (ImportKind.CONTACTS, ()),
    (ImportKind.MEMBERSHIPS, ("start_date", "end_date")),
    (ImportKind.PARTNERSHIPS, ("start_date", "end_date", "renewal_date")),
    (ImportKind.MEETINGS, ("date",)),
]
# Columns of the demo files that the importer does not read; applied after the import.
LEADERSHIP_COLUMNS = ("leadership_women_pct", "leadership_minority_pct")
LOGGED_BY_COLUMN = "logged_by"

# Demo accounts: username -> (password, role, organisation slug or None, coordinated coalition slug or None).
DEMO_ACCOUNTS = {
    "admin": ("coalition-admin-demo", "admin", None, None),
    "coordinator": ("coalition-coordinator-demo", "coordinator", "papd-htu", "harbor-county-task-force"),
    "member": ("coalition-member-demo", "member", "beacon", None),
    "outsider": ("coalition-outsider-demo", "member", "lantern", None),
}
IMPORTING_ACCOUNT = "admin"


class DemoDataError(Exception):
    """A demo data file did not import cleanly; the message lists the first problems."""


@dataclass
class DemoSummary:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def demo_present() -> bool:
    return Coalition.objects.filter(slug=MARKER_SLUG).exists()


def demo_counts() -> dict[str, int]:
    return {
        "sectors": Sector.objects.count(),
        "organizations": Organization.objects.count(),
        "contacts": Contact.objects.count(),
        "coalitions": Coalition.objects.count(),
        "memberships": Membership.objects.count(),
        "partnerships": Partnership.objects.count(),
        "meetings": Meeting.objects.count(),
        "participations": Participation.objects.count(),
        "users": get_user_model().objects.count(),
    }


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of demo/data/<name>.csv as {column: text}."""
    with open(DATA_DIR / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def shift_day(raw: str, today: datetime.date) -> str:
    """A date of the data files moved so that REFERENCE_DAY falls on `today`."""
    if not raw:
        return raw
    return (datetime.date.fromisoformat(raw) + (today - REFERENCE_DAY)).isoformat()


def dated_rows(name: str, date_columns: tuple[str, ...], today: datetime.date) -> list[dict[str, str]]:
    """The rows of a data file with their dates moved to `today` and dated titles filled in."""
    rows = read_rows(name)
    for row in rows:
        for column in date_columns:
            row[column] = shift_day(row[column], today)
        if "{date" in row.get("title", ""):
            row["title"] = row["title"].format(date=datetime.date.fromisoformat(row["date"]))
    return rows


def build_demo(*, today: datetime.date | None = None) -> DemoSummary:
    if demo_present():
        return DemoSummary(created=False, counts=demo_counts())
    today = today or timezone.localdate()
    with transaction.atomic():
        users = _accounts()
        _coalitions(users[IMPORTING_ACCOUNT])
        for kind, date_columns in IMPORT_FILES:
            rows = dated_rows(kind, date_columns, today)
            import_rows(kind=kind, rows=rows, actor=users[IMPORTING_ACCOUNT])
            if kind == ImportKind.ORGANIZATIONS:
                _leadership(rows)
            elif kind == ImportKind.MEETINGS:
                _logged_by(rows, users)
        _roles(users)
    return DemoSummary(created=True, counts=demo_counts())


def import_rows(*, kind: str, rows: list[dict[str, str]], actor) -> ImportJob:
    """Import `rows` as an admin's upload of <kind>.csv would, and keep the job as its record."""
    columns = importer_for(kind).columns
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c for c in columns if c in rows[0]], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    content = buffer.getvalue().encode("utf-8")
    filename = f"demo-{kind}.csv"
    table = read_file(content, filename, kind)
    report = run_import(kind=kind, table=table, actor=actor, commit=True)
    if not report.committed:
        problems = [
            f"line {row['line']}: {error['column']} {error['message']}"
            for row in report.rows
            if row["status"] == "error"
            for error in row["errors"]
        ]
        raise DemoDataError(f"demo/data/{kind}.csv did not import: " + "; ".join(problems[:5]))
    return ImportJob.objects.create(
        created_by=actor,
        kind=kind,
        filename=filename,
        content=content,
        size=len(content),
        row_count=len(table.rows),
        status=ImportStatus.IMPORTED,
        report=report.as_json(),
        checked_at=timezone.now(),
        imported_at=timezone.now(),
    )


def _accounts() -> dict[str, object]:
    User = get_user_model()
    users = {}
    for username, (password, role, _org, _coalition) in DEMO_ACCOUNTS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@example.org", first_name=username.title())
        user.is_superuser = user.is_staff = role == "admin"
        user.set_password(password)
        user.save()
        users[username] = user
    return users


def _coalitions(actor) -> None:
    for row in read_rows("coalitions"):
        coalition_create(
            actor=actor,
            slug=row["slug"],
            name=row["name"],
            kind=row["kind"],
            scope=row["scope"],
            countries=[code.strip() for code in row["countries"].split(";")],
            description=row["description"],
            founded_on=datetime.date.fromisoformat(row["founded_on"]),
            quiet_after_days=int(row["quiet_after_days"]),
        )


def _leadership(rows: list[dict[str, str]]) -> None:
    """The self-reported leadership figures, which the organisation template has no column for."""
    organizations = Organization.objects.in_bulk([row["slug"] for row in rows], field_name="slug")
    for row in rows:
        organization = organizations[row["slug"]]
        for column in LEADERSHIP_COLUMNS:
            setattr(organization, column, int(row[column]) if row[column] else None)
    Organization.objects.bulk_update(organizations.values(), list(LEADERSHIP_COLUMNS))


def _logged_by(rows: list[dict[str, str]], users: dict[str, object]) -> None:
    """Who logged each activity: the importer records the importing admin."""
    by_key = {
        (m.date, m.title, m.coalition.slug if m.coalition else ""): m
        for m in Meeting.objects.select_related("coalition")
    }
    changed = []
    for row in rows:
        meeting = by_key[(datetime.date.fromisoformat(row["date"]), row["title"], row["coalition"])]
        user = users[row[LOGGED_BY_COLUMN]]
        if meeting.logged_by_id != user.pk:
            meeting.logged_by = user
            changed.append(meeting)
    Meeting.objects.bulk_update(changed, ["logged_by"], batch_size=500)


def _roles(users: dict[str, object]) -> None:
    """Each account's organisation and the coalition its coordinator leads."""
    for username, (_password, _role, org_slug, coalition_slug) in DEMO_ACCOUNTS.items():
        organization = Organization.objects.filter(slug=org_slug).first() if org_slug else None
        Profile.objects.update_or_create(user=users[username], defaults={"organization": organization})
        if coalition_slug:
            coalition = Coalition.objects.get(slug=coalition_slug)
            CoalitionCoordinator.objects.get_or_create(user=users[username], coalition=coalition)
