"""One importer per kind of file: read a row's cells, find the record the row names, and write it
through partners.services (so the role rules, validation and audit history apply).

Rows are matched to existing records by a natural key, never by database id, so a file moves
between databases: organisations by slug, contacts by organisation and name, memberships by
coalition, organisation and start date, partnerships by title and organisations, meetings by
date, title and coalition. A row whose values match its record is "unchanged" and not written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from imports import values as v
from imports.context import ImportContext
from imports.parsing import Table
from imports.values import CellError
from partners import permissions as perms
from partners.choices import (
    BudgetBand,
    MeetingKind,
    MeetingVisibility,
    MembershipRole,
    ParticipationRole,
    PartnershipKind,
    PartnershipStatus,
    ProfileVisibility,
    StaffSize,
)
from partners.exports import columns as specs
from partners.models import Organization
from partners.services import coalitions as coalition_services
from partners.services import meetings as meeting_services
from partners.services import organizations as organization_services
from partners.services import partnerships as partnership_services
from partners.services.meetings import ParticipationInput

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
SLUG = re.compile(r"^[-a-z0-9_]+$")


@dataclass
class RowOutcome:
    status: str
    label: str
    changes: list[str] = field(default_factory=list)


class RowInvalid(Exception):
    """The row cannot be imported; `errors` lists (column, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]], label: str = ""):
        self.errors = errors
        self.label = label
        super().__init__("; ".join(m for _c, m in errors))


class Cells:
    """The cells of one row. Reading collects every problem, so a row reports them all at once."""

    def __init__(self, row: dict[str, str], headers: set[str]):
        self.row = row
        self.headers = headers
        self.errors: list[tuple[str, str]] = []

    def has(self, column: str) -> bool:
        return column in self.headers

    def read(self, column: str, parse: Callable[[str], Any] = v.text, *, required: bool = False) -> Any:
        raw = self.row.get(column, "")
        if required and not v.text(raw):
            self.errors.append((column, _("A value is required.")))
            return None
        try:
            return parse(raw)
        except CellError as exc:
            self.errors.append((column, str(exc)))
            return None

    def fail(self, column: str, message: str) -> None:
        self.errors.append((column, message))

    def check(self, label: str) -> None:
        if self.errors:
            raise RowInvalid(self.errors, label)


def _differs(instance: models.Model, name: str, value: Any) -> bool:
    current = getattr(instance, name)
    if name == "country":
        return (current.code if current else "") != value
    if isinstance(value, list):  # a many-to-many, compared as a set of records
        return {o.pk for o in current.all()} != {o.pk for o in value}
    if isinstance(current, models.Model) or isinstance(value, models.Model):
        return getattr(current, "pk", None) != getattr(value, "pk", None)
    return current != value


def changed(instance: models.Model, data: dict[str, Any]) -> list[str]:
    return [name for name, value in data.items() if _differs(instance, name, value)]


class Importer:
    """Reads rows of one kind; subclasses say which columns are required and how a row is written."""

    kind: str = ""
    resource: specs.Resource
    required_columns: tuple[str, ...] = ()
    # A service's field name -> the column it came from, for placing errors.
    field_columns: dict[str, str] = {}

    @property
    def columns(self) -> list[str]:
        return self.resource.headers

    def column_of(self, field_name: str) -> str:
        column = self.field_columns.get(field_name, field_name)
        return column if column in self.columns else ""

    def prepare(self, table: Table, ctx: ImportContext) -> None:
        """Load what the rows will look up, in a few queries rather than one per row."""

    def process(self, cells: Cells, ctx: ImportContext, line: int) -> RowOutcome:
        raise NotImplementedError

    @staticmethod
    def once(ctx: ImportContext, cells: Cells, key: object, line: int, column: str, label: str) -> None:
        """Refuse a second row for the same record: which one should win is the user's call."""
        first = ctx.seen.get(key)
        if first is not None:
            cells.fail(column, _("Row %(first)s already describes this record.") % {"first": first})
        else:
            ctx.seen[key] = line


class OrganizationImporter(Importer):
    kind = "organizations"
    resource = specs.ORGANIZATIONS
    required_columns = ("name", "primary_sector", "country")
    TEXT = ("acronym", "description", "website", "email", "phone", "city", "region")
    VOCABULARIES = (
        ("sectors", "sector"),
        ("areas_of_work", "area"),
        ("trafficking_forms", "form"),
        ("populations", "population"),
    )

    def process(self, cells: Cells, ctx: ImportContext, line: int) -> RowOutcome:
        slug = cells.read("slug")
        name = cells.read("name", required=True)
        label = name or slug or ""
        if slug and not SLUG.match(slug):
            cells.fail("slug", _("Use only lower-case letters, digits and hyphens."))
        existing = ctx.organizations.get(slug) if slug else (ctx.organization_by_name(name) if name else None)
        data: dict[str, Any] = {"name": name}
        for column in self.TEXT:
            if cells.has(column):
                data[column] = cells.read(column)
        primary = cells.read("primary_sector", lambda raw: ctx.term("sector", raw), required=True)
        data["primary_sector"] = primary
        data["country"] = cells.read("country", v.country)
        for column, vocabulary in self.VOCABULARIES:
            if cells.has(column):
                data[column] = cells.read(column, lambda raw, voc=vocabulary: ctx.terms(voc, v.split_list(raw)))
        if cells.has("founded_year"):
            data["founded_year"] = cells.read("founded_year", v.integer)
        if cells.has("staff_size"):
            data["staff_size"] = cells.read("staff_size", lambda raw: v.choice(raw, StaffSize.choices, default=""))
        if cells.has("budget_band"):
            data["budget_band"] = cells.read("budget_band", lambda raw: v.choice(raw, BudgetBand.choices, default=""))
        if cells.has("visibility"):
            data["visibility"] = cells.read(
                "visibility", lambda raw: v.choice(raw, ProfileVisibility.choices, default=ProfileVisibility.MEMBERS)
            )
        if cells.has("survivor_led"):
            data["survivor_led"] = cells.read("survivor_led", lambda raw: v.boolean(raw, default=False))
        if cells.has("is_active"):
            data["is_active"] = cells.read("is_active", lambda raw: v.boolean(raw, default=True))
        self.once(ctx, cells, ("org", slug or (name or "").lower()), line, "slug" if slug else "name", label)
        cells.check(label)
        if primary is not None and data.get("sectors") is not None:
            # The services always keep the primary sector among the sectors; so does the comparison.
            data["sectors"] = list(dict.fromkeys([primary, *data["sectors"]]))
        if existing is None:
            organization = organization_services.organization_create(actor=ctx.actor, slug=slug or "", **data)
            ctx.remember_organization(organization)
            return RowOutcome(NEW, label)
        changes = changed(existing, data)
        if not changes:
            return RowOutcome(UNCHANGED, label)
        organization_services.organization_update(
            actor=ctx.actor, organization=existing, **{name: data[name] for name in changes}
        )
        return RowOutcome(UPDATE, label, changes)


class ContactImporter(Importer):
    kind = "contacts"
    resource = specs.CONTACTS
    required_columns = ("organization", "name")

    def prepare(self, table: Table, ctx: ImportContext) -> None:
        self.index = {(c.organization_id, c.name.lower()): c for c in perms.contacts_visible_to(ctx.actor)}

    def process(self, cells: Cells, ctx: ImportContext, line: int) -> RowOutcome:
        organization = cells.read("organization", ctx.organization, required=True)
        name = cells.read("name", required=True)
        label = f"{name} ({organization})" if organization else name or ""
        data = {column: cells.read(column) for column in ("title", "email", "phone") if cells.has(column)}
        key = (getattr(organization, "pk", None), (name or "").lower())
        self.once(ctx, cells, ("contact", *key), line, "name", label)
        cells.check(label)
        existing = self.index.get(key)
        if existing is None:
            contact = organization_services.contact_create(
                actor=ctx.actor, organization=organization, name=name, **data
            )
            self.index[key] = contact
            return RowOutcome(NEW, label)
        data = {"name": name, **data}
        changes = changed(existing, data)
        if not changes:
            return RowOutcome(UNCHANGED, label)
        organization_services.contact_update(actor=ctx.actor, contact=existing, **{k: data[k] for k in changes})
        return RowOutcome(UPDATE, label, changes)


class MembershipImporter(Importer):
    kind = "memberships"
    resource = specs.MEMBERSHIPS
    required_columns = ("coalition", "organization", "start_date")

    def prepare(self, table: Table, ctx: ImportContext) -> None:
        self.index = {
            (m.organization_id, m.coalition_id, m.start_date): m
            for m in perms.memberships_visible_to(ctx.actor).select_related("coalition")
        }

    def process(self, cells: Cells, ctx: ImportContext, line: int) -> RowOutcome:
        coalition = cells.read("coalition", ctx.coalition, required=True)
        organization = cells.read("organization", ctx.organization, required=True)
        start = cells.read("start_date", v.date, required=True)
        label = f"{organization} in {coalition} from {start}" if organization and coalition else ""
        data: dict[str, Any] = {}
        if cells.has("role"):
            data["role"] = cells.read(
                "role", lambda raw: v.choice(raw, MembershipRole.choices, default=MembershipRole.MEMBER)
            )
        if cells.has("end_date"):
            data["end_date"] = cells.read("end_date", v.date)
        key = (getattr(organization, "pk", None), getattr(coalition, "pk", None), start)
        self.once(ctx, cells, ("membership", *key), line, "start_date", label)
        cells.check(label)
        existing = self.index.get(key)
        if existing is None:
            membership = coalition_services.membership_create(
                actor=ctx.actor, coalition=coalition, organization=organization, start_date=start, **data
            )
            self.index[key] = membership
            return RowOutcome(NEW, label)
        changes = changed(existing, data)
        if not changes:
            return RowOutcome(UNCHANGED, label)
        coalition_services.membership_update(actor=ctx.actor, membership=existing, **{k: data[k] for k in changes})
        return RowOutcome(UPDATE, label, changes)


def own_coalition(cells: Cells, ctx: ImportContext, coalition) -> None:
    """Coordinators import only into their coalitions, so their rows must name one."""
    if coalition is None and not ctx.is_admin and not any(column == "coalition" for column, _m in cells.errors):
        cells.fail("coalition", _("Name one of the coalitions you coordinate."))


def _organizations(raw: str, ctx: ImportContext) -> list[Organization]:
    found, errors = [], []
    for item in v.split_list(raw):
        try:
            found.append(ctx.organization(item))
        except CellError as exc:
            errors.append(str(exc))
    if errors:
        raise CellError(" ".join(errors))
    return found


class PartnershipImporter(Importer):
    kind = "partnerships"
    resource = specs.PARTNERSHIPS
    required_columns = ("title", "kind", "organizations")

    def process(self, cells: Cells, ctx: ImportContext, line: int) -> RowOutcome:
        title = cells.read("title", required=True)
        label = title or ""
        organizations = cells.read("organizations", lambda raw: _organizations(raw, ctx), required=True)
        data: dict[str, Any] = {
            "kind": cells.read("kind", lambda raw: v.choice(raw, PartnershipKind.choices, default=""), required=True)
        }
        if cells.has("status"):
            data["status"] = cells.read(
                "status", lambda raw: v.choice(raw, PartnershipStatus.choices, default=PartnershipStatus.ACTIVE)
            )
        coalition = cells.read("coalition", lambda raw: ctx.coalition(raw) if v.text(raw) else None)
        own_coalition(cells, ctx, coalition)
        if cells.has("coalition"):
            data["coalition"] = coalition
        for column in ("start_date", "end_date", "renewal_date"):
            if cells.has(column):
                data[column] = cells.read(column, v.date)
        if cells.has("description"):
            data["description"] = cells.read("description")
        key = ((title or "").lower(), frozenset(o.pk for o in organizations or ()))
        self.once(ctx, cells, ("partnership", *key), line, "title", label)
        cells.check(label)
        existing = next(
            (p for p in ctx.partnerships.get(key[0], []) if frozenset(o.pk for o in p.organizations.all()) == key[1]),
            None,
        )
        if existing is None:
            partnership = partnership_services.partnership_create(
                actor=ctx.actor, organizations=organizations, title=title, **data
            )
            ctx.remember_partnership(partnership)
            return RowOutcome(NEW, label)
        changes = changed(existing, data)
        if not changes:
            return RowOutcome(UNCHANGED, label)
        partnership_services.partnership_update(actor=ctx.actor, partnership=existing, **{k: data[k] for k in changes})
        return RowOutcome(UPDATE, label, changes)


def _participants(raw: str, ctx: ImportContext) -> list[ParticipationInput]:
    found, errors = [], []
    for item in v.split_list(raw):
        parts = [part.strip() for part in item.split(":")]
        try:
            if len(parts) > 3:
                raise CellError(_("%(item)r: write organisation-slug:role:attendees.") % {"item": item})
            organization = ctx.organization(parts[0])
            role = v.choice(parts[1] if len(parts) > 1 else "", ParticipationRole.choices, default="participant")
            attendees = v.integer(parts[2] if len(parts) > 2 else "", minimum=0, maximum=10000)
            found.append(ParticipationInput(organization=organization, role=role, attendees=attendees))
        except CellError as exc:
            errors.append(str(exc))
    if errors:
        raise CellError(" ".join(errors))
    return found


class MeetingImporter(Importer):
    kind = "meetings"
    resource = specs.MEETINGS
    required_columns = ("date", "title", "kind", "participants")
    field_columns = {"participations": "participants"}
    FIELDS = ("kind", "partnership", "duration_minutes", "visibility", "outcomes")

    def prepare(self, table: Table, ctx: ImportContext) -> None:
        dates = []
        for _line, row in table.rows:
            try:
                day = v.date(row.get("date"))
            except CellError:
                continue
            if day:
                dates.append(day)
        self.index: dict[tuple, list] = {}
        if not dates:
            return
        meetings = (
            perms.meetings_visible_to(ctx.actor)
            .filter(date__range=(min(dates), max(dates)))
            .select_related("partnership")
            .prefetch_related("participations")
        )
        for meeting in meetings:
            self.index.setdefault((meeting.date, meeting.title.lower(), meeting.coalition_id), []).append(meeting)

    def process(self, cells: Cells, ctx: ImportContext, line: int) -> RowOutcome:
        day = cells.read("date", v.date, required=True)
        title = cells.read("title", required=True)
        label = f"{day} {title}" if day and title else title or ""
        coalition = cells.read("coalition", lambda raw: ctx.coalition(raw) if v.text(raw) else None)
        own_coalition(cells, ctx, coalition)
        participations = cells.read("participants", lambda raw: _participants(raw, ctx), required=True)
        data: dict[str, Any] = {
            "kind": cells.read("kind", lambda raw: v.choice(raw, MeetingKind.choices, default=""), required=True)
        }
        if cells.has("partnership"):
            data["partnership"] = cells.read(
                "partnership", lambda raw: ctx.partnership_by_title(raw) if v.text(raw) else None
            )
        if cells.has("duration_minutes"):
            data["duration_minutes"] = cells.read(
                "duration_minutes", lambda raw: v.integer(raw, minimum=1, maximum=60 * 24 * 14)
            )
        if cells.has("visibility"):
            data["visibility"] = cells.read(
                "visibility", lambda raw: v.choice(raw, MeetingVisibility.choices, default=MeetingVisibility.COALITION)
            )
        if cells.has("outcomes"):
            data["outcomes"] = cells.read("outcomes")
        key = (day, (title or "").lower(), getattr(coalition, "pk", None))
        self.once(ctx, cells, ("meeting", *key), line, "title", label)
        cells.check(label)
        matches = self.index.get(key, [])
        if len(matches) > 1:
            raise RowInvalid([("title", _("Several meetings share this date, title and coalition."))], label)
        if not matches:
            meeting = meeting_services.meeting_create(
                actor=ctx.actor, participations=participations, date=day, title=title, coalition=coalition, **data
            )
            self.index[key] = [meeting]
            return RowOutcome(NEW, label)
        existing = matches[0]
        changes = changed(existing, data)
        wanted = {(p.organization.pk, p.role, p.attendees) for p in participations}
        current = {(p.organization_id, p.role, p.attendees) for p in existing.participations.all()}
        if wanted != current:
            changes.append("participants")
        if not changes:
            return RowOutcome(UNCHANGED, label)
        meeting_services.meeting_update(
            actor=ctx.actor,
            meeting=existing,
            participations=participations if "participants" in changes else None,
            **{k: data[k] for k in changes if k != "participants"},
        )
        return RowOutcome(UPDATE, label, changes)


IMPORTERS: dict[str, type[Importer]] = {
    cls.kind: cls
    for cls in (OrganizationImporter, ContactImporter, MembershipImporter, PartnershipImporter, MeetingImporter)
}
