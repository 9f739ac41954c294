"""Writes for action items (what, owner organisation and person, due date, status): creating,
changing, closing and reopening them; each whole or not at all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from partners import permissions as perms
from partners.choices import ActionItemStatus, MeetingVisibility
from partners.dates import check_date
from partners.models import ActionItem, Coalition, Invitation, Meeting, Membership, Participation, Profile
from partners.services.common import apply_fields, require

ACTION_ITEM_FIELDS = {"title", "owner_organization", "owner_user", "due_on", "status"}


def organization_sees_meeting(organization_id: int, meeting: Meeting) -> bool:
    """Whether the users of an organisation see the meeting (the rule of meetings_visible_to)."""
    if Participation.objects.filter(meeting=meeting, organization_id=organization_id).exists():
        return True
    if meeting.is_planned and Invitation.objects.filter(meeting=meeting, organization_id=organization_id).exists():
        return True
    if meeting.visibility != MeetingVisibility.COALITION:
        return False
    return meeting.coalition_id is None or (
        Membership.objects.filter(coalition_id=meeting.coalition_id, organization_id=organization_id).exists()
    )


# Changing any of these re-checks who owns the item; closing or reopening it does not, so an item
# stays closable after its owner leaves the organisation or the meeting narrows its visibility.
OWNERSHIP_FIELDS = frozenset({"owner_organization", "owner_user", "meeting", "coalition"})


def _check_action_item(item: ActionItem, changed: Iterable[str] | None = None) -> None:
    """Check a new item whole, or a changed one's changed fields (`changed`)."""
    fields = set(ACTION_ITEM_FIELDS if changed is None else changed)
    if "title" in fields and not (item.title or "").strip():
        raise ValidationError({"title": _("Say what is to be done.")})
    if "due_on" in fields:
        check_date(item.due_on, field="due_on")
    if changed is not None and not fields & OWNERSHIP_FIELDS:
        return
    if item.meeting_id is not None and not organization_sees_meeting(item.owner_organization_id, item.meeting):
        raise ValidationError(
            {
                "owner_organization": _(
                    "The owner organisation must be able to see the meeting (a participant or invitee)."
                )
            }
        )
    if (
        item.coalition_id is not None
        and item.meeting_id is None
        and not Membership.objects.filter(
            coalition_id=item.coalition_id, organization_id=item.owner_organization_id
        ).exists()
    ):
        raise ValidationError({"owner_organization": _("Choose a member organisation of the coalition.")})
    if (
        item.owner_user_id is not None
        and not Profile.objects.filter(
            user_id=item.owner_user_id, organization_id=item.owner_organization_id, user__is_active=True
        ).exists()
    ):
        raise ValidationError({"owner_user": _("Choose a person who works for the owner organisation.")})


def _stamp_closed(item: ActionItem) -> None:
    if item.status == ActionItemStatus.OPEN:
        item.closed_at = None
    elif item.closed_at is None:
        item.closed_at = timezone.now()


def action_item_create(
    *, actor, meeting: Meeting | None = None, coalition: Coalition | None = None, **data: Any
) -> ActionItem:
    if meeting is not None:
        coalition = meeting.coalition
    require(perms.can_add_action_item(actor, meeting=meeting, coalition=coalition))
    if meeting is not None and meeting.cancelled_at is not None:
        raise ValidationError({"meeting": _("This meeting was cancelled.")})
    item = ActionItem(meeting=meeting, coalition=coalition, created_by=actor)
    apply_fields(item, data, ACTION_ITEM_FIELDS)
    if item.owner_organization_id is None:
        raise ValidationError({"owner_organization": _("Choose the organisation that owns this.")})
    item.title = (item.title or "").strip()
    _stamp_closed(item)
    item.full_clean()
    _check_action_item(item)
    item.save()
    return item


def action_item_update(*, actor, item: ActionItem, **data: Any) -> ActionItem:
    """Change an action item; closing it (done or dropped) stamps when, reopening clears it."""
    require(perms.can_update_action_item(actor, item))
    changed = apply_fields(item, data, ACTION_ITEM_FIELDS)
    if not changed:
        return item
    item.title = (item.title or "").strip()
    _stamp_closed(item)
    item.full_clean()
    _check_action_item(item, changed)
    item.save(update_fields=[*changed, "title", "closed_at", "updated_at"])
    return item
