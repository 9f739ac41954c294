"""Writes for partnerships between two or more organisations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from health.lifecycle import note_status_change
from partners import permissions as perms
from partners.models import Organization, Partnership
from partners.services.common import apply_fields, claim_version, require, save_changes, validate_distinct

# What the pages, the API and an import may set on a partnership, in the order shown; the
# organisations are set apart (the service checks who may be named).
PARTNERSHIP_EDITABLE_FIELDS = (
    "title",
    "kind",
    "status",
    "organizations",
    "coalition",
    "start_date",
    "end_date",
    "renewal_date",
    "description",
)
PARTNERSHIP_FIELDS = set(PARTNERSHIP_EDITABLE_FIELDS) - {"organizations"}


def _check_organizations(organizations: Sequence[Organization]) -> list[int]:
    ids = [o.pk for o in organizations]
    validate_distinct(
        ids, field="organizations", minimum=2, message=_("A partnership needs at least two distinct organisations.")
    )
    return ids


def partnership_create(
    *, actor, organizations: Sequence[Organization], status_reason: str = "", **data: Any
) -> Partnership:
    ids = _check_organizations(organizations)
    coalition = data.get("coalition")
    require(perms.can_create_partnership(actor, organization_ids=ids, coalition_id=coalition.pk if coalition else None))
    partnership = Partnership()
    apply_fields(partnership, data, PARTNERSHIP_FIELDS)
    partnership.full_clean()
    note_status_change(partnership, actor=actor, reason=status_reason)  # recorded in the status history
    with transaction.atomic():
        partnership.save()
        partnership.organizations.set(ids)
    return partnership


def partnership_update(
    *,
    actor,
    partnership: Partnership,
    organizations: Sequence[Organization] | None = None,
    expected_version: int | None = None,
    status_reason: str = "",
    **data: Any,
) -> Partnership:
    require(perms.can_edit_partnership(actor, partnership))
    ids = _check_organizations(organizations) if organizations is not None else None
    if ids is not None and not perms.is_admin(actor):
        # A member may not hand the partnership over to others and lose sight of it.
        coalition = data.get("coalition", partnership.coalition)
        require(
            perms.can_create_partnership(actor, organization_ids=ids, coalition_id=coalition.pk if coalition else None)
        )
    changed = apply_fields(partnership, data, PARTNERSHIP_FIELDS)
    partnership.full_clean()
    note_status_change(partnership, actor=actor, reason=status_reason)  # recorded in the status history
    with transaction.atomic():
        claim_version(partnership, expected_version)
        save_changes(partnership, changed)
        if ids is not None:
            partnership.organizations.set(ids)
    return partnership


def partnership_delete(*, actor, partnership: Partnership, expected_version: int | None = None) -> None:
    require(perms.can_edit_partnership(actor, partnership))
    with transaction.atomic():
        claim_version(partnership, expected_version)
        partnership.delete()
