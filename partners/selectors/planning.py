"""Reads for planned meetings (agenda, invitations and replies), upcoming invitations and
action items; each starts from the visibility rules in partners.permissions."""

from __future__ import annotations

import datetime

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from partners import permissions as perms
from partners.choices import ActionItemStatus, InvitationReply
from partners.models import ActionItem, AgendaItem, Coalition, Invitation, Meeting
from partners.selectors.directory import meeting_list


def action_items_visible_to(viewer) -> QuerySet[ActionItem]:
    """The action items `viewer` may see: as their meeting is seen (partners.permissions)."""
    return perms.action_items_visible_to(viewer)


def action_item_list(*, viewer) -> QuerySet[ActionItem]:
    return (
        action_items_visible_to(viewer)
        .select_related("meeting", "coalition", "owner_organization", "owner_user", "created_by")
        .order_by(Case(When(status=ActionItemStatus.OPEN, then=Value(0)), default=Value(1)), "due_on", "id")
    )


def action_item_get(*, viewer, pk) -> ActionItem:
    item = action_item_list(viewer=viewer).filter(pk=pk).first()
    if item is None:
        raise Http404("No action item found.")
    return item


def action_items_overdue(
    *, viewer, coalition: Coalition | None = None, today: datetime.date | None = None
) -> QuerySet[ActionItem]:
    """Open action items past their due date that `viewer` may see (of one coalition, if given:
    its own and its meetings')."""
    today = today or timezone.localdate()
    items = action_item_list(viewer=viewer).filter(status=ActionItemStatus.OPEN, due_on__lt=today)
    if coalition is not None:
        items = items.filter(Q(coalition=coalition) | Q(meeting__coalition=coalition))
    return items


def action_items_of(*, viewer, user=None, organization_id: int | None = None) -> QuerySet[ActionItem]:
    """ "My action items" (owned by `user`) or "our action items" (owned by the organisation)."""
    items = action_item_list(viewer=viewer)
    if user is not None:
        return items.filter(owner_user=user)
    if organization_id is not None:
        return items.filter(owner_organization_id=organization_id)
    return items.none()


def _invitations(viewer) -> Prefetch:
    contacts = perms.contacts_visible_to(viewer).order_by("name")
    return Prefetch(
        "invitations",
        queryset=Invitation.objects.select_related("organization", "replied_by")
        .prefetch_related(Prefetch("contacts", queryset=contacts))
        .order_by(
            Case(
                When(reply=InvitationReply.ATTENDING, then=Value(0)),
                When(reply=InvitationReply.MAYBE, then=Value(1)),
                When(reply=InvitationReply.PENDING, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            ),
            "organization__name",
        ),
    )


def planned_meeting_list(*, viewer) -> QuerySet[Meeting]:
    """Meetings planned through the planner (with a start time), with agenda and invitations."""
    return (
        meeting_list(viewer=viewer)
        .filter(starts_at__isnull=False)
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("presenter").order_by("position")),
            _invitations(viewer),
        )
        .order_by("-starts_at", "-id")
    )


def planned_meeting_get(*, viewer, pk) -> Meeting:
    meeting = planned_meeting_list(viewer=viewer).filter(pk=pk).first()
    if meeting is None:
        raise Http404("No meeting found.")
    return meeting


def meeting_detail_get(*, viewer, pk) -> Meeting:
    """One meeting with everything its page shows: participations, agenda, invitations and
    action items."""
    meeting = (
        meeting_list(viewer=viewer)
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("presenter").order_by("position")),
            _invitations(viewer),
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner_organization", "owner_user").order_by(
                    "status", "due_on", "id"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404("No meeting found.")
    return meeting


def upcoming_invitations(*, viewer, now: datetime.datetime | None = None, limit: int = 10) -> list[Invitation]:
    """The invitations of the viewer's organisation to meetings still ahead (not cancelled), soonest first."""
    org_id = perms.organization_id_of(viewer)
    if org_id is None:
        return []
    now = now or timezone.now()
    return list(
        Invitation.objects.filter(
            organization_id=org_id,
            meeting__in=perms.meetings_visible_to(viewer).values("pk"),
            meeting__starts_at__gte=now - datetime.timedelta(hours=12),
            meeting__cancelled_at__isnull=True,
            meeting__attendance_recorded_at__isnull=True,
        )
        .select_related("meeting__coalition")
        .order_by("meeting__starts_at", "meeting_id")[:limit]
    )
