"""Importers of the work done together: partnerships (matched by title and organisations) and
meetings (matched by date, title and coalition) with their participants."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from imports import values as v
from imports.context import ImportContext
from imports.importers.base import (
    NEW,
    UNCHANGED,
    UPDATE,
    Cells,
    Importer,
    RowInvalid,
    RowOutcome,
    changed,
    own_coalition,
)
from imports.parsing import Table
from imports.values import CellError
from partners import permissions as perms
from partners.choices import MeetingKind, MeetingVisibility, ParticipationRole, PartnershipKind, PartnershipStatus
from partners.exports import columns as specs
from partners.models import Organization
from partners.services import meetings as meeting_services
from partners.services import partnerships as partnership_services
from partners.services.meetings import ParticipationInput


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
