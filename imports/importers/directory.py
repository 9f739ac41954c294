"""Importers of the directory: organisations (matched by slug, or else by name) and their
contacts (matched by organisation and name)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from imports import values as v
from imports.context import ImportContext
from imports.importers.base import NEW, SLUG, UNCHANGED, UPDATE, Cells, Importer, RowOutcome, changed
from imports.parsing import Table
from partners import permissions as perms
from partners.choices import BudgetBand, ContactVisibility, ProfileVisibility, StaffSize
from partners.exports import columns as specs
from partners.services import organizations as organization_services


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
        if cells.has("visibility"):
            data["visibility"] = cells.read(
                "visibility", lambda raw: v.choice(raw, ContactVisibility.choices, default=ContactVisibility.COALITIONS)
            )
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
