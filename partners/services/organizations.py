"""Writes for organisations and their contacts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from partners import permissions as perms
from partners.models import Contact, Organization, Sector
from partners.services.common import apply_fields, claim_version, require, save_changes

# What the profile form, the API and an import may set on an organisation, in the order shown.
ORGANIZATION_EDITABLE_FIELDS = (
    "name",
    "acronym",
    "primary_sector",
    "sectors",
    "description",
    "website",
    "email",
    "phone",
    "city",
    "region",
    "country",
    "areas_of_work",
    "trafficking_forms",
    "populations",
    "founded_year",
    "staff_size",
    "budget_band",
    "survivor_led",
    "visibility",
    "is_active",
    "leadership_women_pct",
    "leadership_minority_pct",
)
ORGANIZATION_M2M = {"sectors", "areas_of_work", "trafficking_forms", "populations"}
ORGANIZATION_FIELDS = set(ORGANIZATION_EDITABLE_FIELDS) - ORGANIZATION_M2M
# What the API and an import may set on a contact (its organisation is set once, at creation).
CONTACT_EDITABLE_FIELDS = ("name", "title", "email", "phone", "visibility")
CONTACT_FIELDS = set(CONTACT_EDITABLE_FIELDS)


def unique_slug(model, text: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(text)[:180] or "item"
    slug, n = base, 2
    existing = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while existing.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Iterable]]:
    plain = {k: v for k, v in data.items() if k not in ORGANIZATION_M2M}
    m2m = {k: v for k, v in data.items() if k in ORGANIZATION_M2M}
    return plain, m2m


def _set_m2m(organization: Organization, m2m: dict[str, Iterable]) -> None:
    for name, values in m2m.items():
        getattr(organization, name).set(list(values))
    # The primary sector is always one of the organisation's sectors.
    if organization.primary_sector_id and not organization.sectors.filter(pk=organization.primary_sector_id).exists():
        organization.sectors.add(organization.primary_sector_id)


def organization_create(*, actor, slug: str = "", **data: Any) -> Organization:
    require(perms.can_create_organization(actor))
    plain, m2m = _split(data)
    organization = Organization()
    apply_fields(organization, plain, ORGANIZATION_FIELDS)
    organization.slug = slug or unique_slug(Organization, plain.get("name", ""))
    organization.full_clean()
    with transaction.atomic():
        organization.save()
        _set_m2m(organization, m2m)
    return organization


def organization_update(
    *, actor, organization: Organization, expected_version: int | None = None, **data: Any
) -> Organization:
    require(perms.can_edit_organization(actor, organization))
    plain, m2m = _split(data)
    changed = apply_fields(organization, plain, ORGANIZATION_FIELDS)
    organization.full_clean()
    with transaction.atomic():
        claim_version(organization, expected_version)
        save_changes(organization, changed)
        _set_m2m(organization, m2m)
    return organization


def organization_delete(*, actor, organization: Organization, expected_version: int | None = None) -> None:
    require(perms.can_delete_organization(actor, organization))
    with transaction.atomic():
        claim_version(organization, expected_version)
        organization.delete()


def contact_create(*, actor, organization: Organization, **data: Any) -> Contact:
    """Add a staff contact. Whoever adds it vouches for it: it counts as confirmed today."""
    require(perms.can_edit_organization(actor, organization))
    contact = Contact(organization=organization, last_confirmed_on=timezone.localdate())
    apply_fields(contact, data, CONTACT_FIELDS)
    contact.full_clean()
    contact.save()
    return contact


def contact_update(*, actor, contact: Contact, expected_version: int | None = None, **data: Any) -> Contact:
    """Change a contact's details; an edit is a confirmation too (the date moves to today)."""
    require(perms.can_edit_organization(actor, contact.organization))
    changed = apply_fields(contact, data, CONTACT_FIELDS)
    if contact.last_confirmed_on != timezone.localdate():
        contact.last_confirmed_on = timezone.localdate()
        changed.append("last_confirmed_on")
    contact.full_clean()
    with transaction.atomic():
        claim_version(contact, expected_version)
        save_changes(contact, changed)
    return contact


def contact_delete(*, actor, contact: Contact, expected_version: int | None = None) -> None:
    require(perms.can_edit_organization(actor, contact.organization))
    with transaction.atomic():
        claim_version(contact, expected_version)
        contact.delete()


def contacts_confirm(*, actor, organization: Organization, contact_ids: Iterable[int] | None = None) -> int:
    """Confirm that the organisation's contacts (all, or those named) are current as they stand.

    One step for the member asked once a year. Each contact is saved on its own, so its history
    (the audit of contact changes) records who confirmed it and when; all or none are saved.
    Returns how many contacts were confirmed.
    """
    require(perms.can_edit_organization(actor, organization))
    today = timezone.localdate()
    contacts = Contact.objects.filter(organization=organization)
    if contact_ids is not None:
        wanted = set(contact_ids)
        contacts = contacts.filter(pk__in=wanted)
        found = set(contacts.values_list("pk", flat=True))
        if found != wanted:
            raise ValidationError({"contacts": _("Some of these contacts are not this organisation's.")})
    with transaction.atomic():
        confirmed = list(contacts.select_for_update().order_by("pk"))
        for contact in confirmed:
            claim_version(contact, None)
            contact.last_confirmed_on = today
            save_changes(contact, ["last_confirmed_on"])
    return len(confirmed)


def sector_ids(slugs: Iterable[str]) -> list[int]:
    return list(Sector.objects.filter(slug__in=list(slugs)).values_list("pk", flat=True))
