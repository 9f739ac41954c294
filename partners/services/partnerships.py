"""Writes for partnerships between two or more organisations, and their status history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partners import permissions as perms
from partners.models import Organization, Partnership, StatusChange
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
REASON_MAX_LENGTH = StatusChange._meta.get_field("reason").max_length


def _check_organizations(organizations: Sequence[Organization]) -> list[int]:
    ids = [o.pk for o in organizations]
    validate_distinct(
        ids, field="organizations", minimum=2, message=_("A partnership needs at least two distinct organisations.")
    )
    return ids


def _checked_reason(reason: str) -> str:
    """The reason for a status change, refused before any write when too long."""
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"status_reason": _("Keep the reason under %(n)d characters.") % {"n": REASON_MAX_LENGTH}}
        )
    return reason


def partnership_status_change_record(
    *, partnership: Partnership, from_status: str, actor, reason: str = ""
) -> StatusChange | None:
    """Write the status history row for a save of `partnership` that moved it from `from_status`
    ("" when it was just created); nothing when the status did not change.

    Every write of a partnership calls this inside its transaction: the services below and the
    admin's save (partners.admin), so the history says who acted and why, whichever door was used.
    """
    if from_status == partnership.status:
        return None
    signed_in = actor is not None and actor.is_authenticated
    return StatusChange.objects.create(
        partnership=partnership,
        from_status=from_status,
        to_status=partnership.status,
        changed_by=actor if signed_in else None,
        reason=_checked_reason(reason),
    )


def partnership_create(
    *, actor, organizations: Sequence[Organization], status_reason: str = "", **data: Any
) -> Partnership:
    ids = _check_organizations(organizations)
    coalition = data.get("coalition")
    require(perms.can_act_for(actor, organization_ids=ids, coalition_id=coalition.pk if coalition else None))
    partnership = Partnership()
    apply_fields(partnership, data, PARTNERSHIP_FIELDS)
    partnership.full_clean()
    status_reason = _checked_reason(status_reason)
    with transaction.atomic():
        partnership.save()
        partnership.organizations.set(ids)
        partnership_status_change_record(partnership=partnership, from_status="", actor=actor, reason=status_reason)
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
        require(perms.can_act_for(actor, organization_ids=ids, coalition_id=coalition.pk if coalition else None))
    if "coalition" in data:
        new_coalition = data["coalition"]
        if not perms.can_move_partnership(
            actor,
            from_coalition_id=partnership.coalition_id,
            to_coalition_id=new_coalition.pk if new_coalition else None,
        ):
            raise PermissionDenied(
                _("Only an admin, or a coordinator of both coalitions, can move a partnership to another coalition.")
            )
    from_status = partnership.status
    changed = apply_fields(partnership, data, PARTNERSHIP_FIELDS)
    partnership.full_clean()
    status_reason = _checked_reason(status_reason)
    with transaction.atomic():
        claim_version(partnership, expected_version)
        save_changes(partnership, changed)
        if ids is not None:
            partnership.organizations.set(ids)
        partnership_status_change_record(
            partnership=partnership, from_status=from_status, actor=actor, reason=status_reason
        )
    return partnership


def partnership_delete(*, actor, partnership: Partnership, expected_version: int | None = None) -> None:
    require(perms.can_edit_partnership(actor, partnership))
    with transaction.atomic():
        claim_version(partnership, expected_version)
        partnership.delete()
