"""Who may plan a meeting, change or cancel it, reply to its invitations, record its attendance,
write its minutes, and see or change action items (see partners.permissions for the roles)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from partners.models import ActionItem, Coalition, Meeting, Membership
from partners.permissions import (
    can_edit_meeting,
    can_log_into_coalition,
    coordinated_coalition_ids,
    is_admin,
    is_coordinator,
    is_signed_in,
    meetings_visible_to,
    organization_id_of,
)


def can_plan_meeting(user, coalition_id: int | None) -> bool:
    """Admins; coordinators, for their coalitions; members, into a coalition their organisation
    belongs to now or without a coalition (their organisation must then be among the invitees,
    which the service checks)."""
    if is_admin(user) or (coalition_id is not None and is_coordinator(user, coalition_id)):
        return True
    return organization_id_of(user) is not None and can_log_into_coalition(user, coalition_id)


def can_manage_planned_meeting(user, meeting: Meeting) -> bool:
    """Change, cancel, record attendance and see the replies: the organiser (who planned it),
    the coordinators of its coalition and admins."""
    if is_admin(user) or (meeting.coalition_id is not None and is_coordinator(user, meeting.coalition_id)):
        return True
    return is_signed_in(user) and meeting.logged_by_id is not None and meeting.logged_by_id == user.pk


def can_record_attendance(user, meeting: Meeting) -> bool:
    return can_manage_planned_meeting(user, meeting) and meeting.cancelled_at is None


def can_reply_to_invitation(user, invitation) -> bool:
    """An invited organisation answers for itself: its members (and admins)."""
    if is_admin(user):
        return True
    org_id = organization_id_of(user)
    return org_id is not None and org_id == invitation.organization_id


def can_write_minutes(user, meeting: Meeting) -> bool:
    """Decisions and action items: whoever may manage the meeting or edit the activity."""
    return can_manage_planned_meeting(user, meeting) or can_edit_meeting(user, meeting)


def can_add_action_item(user, *, meeting: Meeting | None, coalition: Coalition | None) -> bool:
    if meeting is not None:
        return can_write_minutes(user, meeting)
    if coalition is not None:
        return is_admin(user) or is_coordinator(user, coalition.pk)
    return is_admin(user)


def can_update_action_item(user, item: ActionItem) -> bool:
    """Its owner organisation's members, its owner, who created it, the organiser of its meeting
    and the coordinators of its coalition (other participants may add items, not close others')."""
    if is_admin(user):
        return True
    if not is_signed_in(user):
        return False
    if organization_id_of(user) == item.owner_organization_id or user.pk in (item.owner_user_id, item.created_by_id):
        return True
    if item.coalition_id is not None and is_coordinator(user, item.coalition_id):
        return True
    return item.meeting is not None and can_manage_planned_meeting(user, item.meeting)


def action_items_visible_to(user) -> QuerySet[ActionItem]:
    """An action item is seen as its meeting is; one without a meeting by its coalition's
    members (current or past) and coordinators; one with neither by its owner organisation."""
    if is_admin(user):
        return ActionItem.objects.all()
    if not is_signed_in(user):
        return ActionItem.objects.none()
    org_id = organization_id_of(user)
    standing = Q(coalition_id__in=sorted(coordinated_coalition_ids(user)))
    if org_id is not None:
        standing |= Q(coalition_id__in=Membership.objects.filter(organization_id=org_id).values("coalition_id"))
        standing |= Q(coalition__isnull=True, owner_organization_id=org_id)
    return ActionItem.objects.filter(
        Q(meeting__in=meetings_visible_to(user).values("pk")) | (Q(meeting__isnull=True) & standing)
    )
