"""Writes for coalitions and memberships, including the no-overlapping-spans rule."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partners import permissions as perms
from partners.models import Coalition, Membership
from partners.services.common import apply_fields, claim_version, require, save_changes
from partners.services.organizations import unique_slug

# What the API and an import may set on a coalition and on a membership, in the order shown.
COALITION_EDITABLE_FIELDS = (
    "name",
    "kind",
    "scope",
    "countries",
    "description",
    "founded_on",
    "quiet_after_days",
    "absent_after_meetings",
)
COALITION_FIELDS = set(COALITION_EDITABLE_FIELDS)
MEMBERSHIP_EDITABLE_FIELDS = ("organization", "coalition", "role", "start_date", "end_date")
# Moving a membership to another coalition needs the right to manage both: set apart, below.
MEMBERSHIP_FIELDS = set(MEMBERSHIP_EDITABLE_FIELDS) - {"coalition"}


def coalition_create(*, actor, slug: str = "", **data: Any) -> Coalition:
    require(perms.can_create_coalition(actor))
    coalition = Coalition()
    apply_fields(coalition, data, COALITION_FIELDS)
    coalition.slug = slug or unique_slug(Coalition, data.get("name", ""))
    coalition.full_clean()
    coalition.save()
    return coalition


def coalition_update(*, actor, coalition: Coalition, expected_version: int | None = None, **data: Any) -> Coalition:
    require(perms.can_edit_coalition(actor, coalition))
    changed = apply_fields(coalition, data, COALITION_FIELDS)
    coalition.full_clean()
    with transaction.atomic():
        claim_version(coalition, expected_version)
        save_changes(coalition, changed)
    return coalition


def coalition_delete(*, actor, coalition: Coalition, expected_version: int | None = None) -> None:
    require(perms.can_delete_coalition(actor, coalition))
    with transaction.atomic():
        claim_version(coalition, expected_version)
        coalition.delete()


def _check_no_overlap(membership: Membership) -> None:
    """Spans of the same organisation in the same coalition may not overlap (open end = today on)."""
    others = Membership.objects.filter(
        organization_id=membership.organization_id, coalition_id=membership.coalition_id
    ).exclude(pk=membership.pk)
    others = others.during(membership.start_date, membership.end_date or datetime.date.max)
    clash = others.order_by("start_date").first()
    if clash:
        until = clash.end_date.isoformat() if clash.end_date else _("now")
        raise ValidationError(
            {
                "start_date": _("This span overlaps the membership from %(start)s to %(end)s.")
                % {"start": clash.start_date.isoformat(), "end": until}
            }
        )


def membership_create(*, actor, coalition: Coalition, **data: Any) -> Membership:
    require(perms.can_edit_coalition(actor, coalition))
    membership = Membership(coalition=coalition)
    apply_fields(membership, data, MEMBERSHIP_FIELDS)
    membership.full_clean()
    with transaction.atomic():
        _check_no_overlap(membership)
        membership.save()
    return membership


def membership_update(*, actor, membership: Membership, expected_version: int | None = None, **data: Any) -> Membership:
    require(perms.can_edit_coalition(actor, membership.coalition))
    moved = []
    if "coalition" in data:
        require(perms.can_edit_coalition(actor, data["coalition"]))
        membership.coalition = data.pop("coalition")
        moved = ["coalition"]
    changed = apply_fields(membership, data, MEMBERSHIP_FIELDS)
    membership.full_clean()
    with transaction.atomic():
        _check_no_overlap(membership)
        claim_version(membership, expected_version)
        save_changes(membership, moved + changed)
    return membership


def membership_delete(*, actor, membership: Membership, expected_version: int | None = None) -> None:
    require(perms.can_edit_coalition(actor, membership.coalition))
    with transaction.atomic():
        claim_version(membership, expected_version)
        membership.delete()
