"""The membership importer: memberships matched by coalition, organisation and start date."""

from __future__ import annotations

from typing import Any

from imports import values as v
from imports.context import ImportContext
from imports.importers.base import NEW, UNCHANGED, UPDATE, Cells, Importer, RowOutcome, changed
from imports.parsing import Table
from partners import permissions as perms
from partners.choices import MembershipRole
from partners.exports import columns as specs
from partners.services import coalitions as coalition_services


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
