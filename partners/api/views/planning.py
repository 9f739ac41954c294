"""API views for planned meetings (agenda, invitations, replies, cancellation, attendance,
minutes) and action items. Reads through partners.selectors.planning, writes through
partners.services.planning; JSON bodies only (the writes carry nested lists)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from partners import permissions as perms
from partners.api.access import SignedIn
from partners.api.idempotency import IdempotentWritesMixin
from partners.api.serializers.planning import (
    ActionItemSerializer,
    AttendanceSerializer,
    MinutesSerializer,
    PlannedMeetingSerializer,
    ReplySerializer,
)
from partners.api.versioning import expected_version, versioned_schema
from partners.api.views.activities import _participations
from partners.api.views.base import ServiceViewSet
from partners.exports.api import ExportListMixin
from partners.filtersets import ActionItemFilterSet, PlannedMeetingFilterSet
from partners.selectors import planning as selectors
from partners.services import action_items
from partners.services import planning as services


def _agenda(data: dict[str, Any]) -> list[services.AgendaItemInput] | None:
    rows = data.pop("agenda_items", None)
    if rows is None:
        return None
    return [services.AgendaItemInput(title=r["title"], presenter=r.get("presenter")) for r in rows]


def _invitations(data: dict[str, Any]) -> list[services.InvitationInput] | None:
    rows = data.pop("invitations", None)
    if rows is None:
        return None
    return [services.InvitationInput(organization=r["organization"], contacts=r.get("contacts") or ()) for r in rows]


@versioned_schema(PlannedMeetingSerializer)
class PlannedMeetingViewSet(ServiceViewSet):
    """Meetings planned ahead: start and end time (in the coalition's time zone), place or online
    link, agenda and invited organisations. Invited organisations see a planned meeting even when
    it is participants-only, and reply for themselves; the organiser and the coalition's
    coordinators see every reply, change or cancel it, and record attendance once it has started
    (attendance becomes the participations the figures count). A planned meeting with
    invitations is cancelled (POST .../cancel/), never deleted."""

    serializer_class = PlannedMeetingSerializer
    filterset_class = PlannedMeetingFilterSet
    permission_classes = [SignedIn]
    parser_classes = [JSONParser]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.planned_meeting_list(viewer=self.request.user)

    def create_object(self, data: dict[str, Any]):
        agenda = _agenda(data) or []
        invitations = _invitations(data) or []
        return services.meeting_plan(actor=self.request.user, agenda=agenda, invitations=invitations, **data)

    def update_object(self, instance, data: dict[str, Any], version: int | None):
        agenda, invitations = _agenda(data), _invitations(data)
        return services.meeting_plan_update(
            actor=self.request.user,
            meeting=instance,
            agenda=agenda,
            invitations=invitations,
            expected_version=version,
            **data,
        )

    @extend_schema(request=None, responses={200: PlannedMeetingSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None, **kwargs):
        """Cancel the meeting: it stays, shown as cancelled, and every invitee is told."""
        meeting = services.meeting_cancel(
            actor=request.user, meeting=self.get_object(), expected_version=expected_version(request)
        )
        return self.versioned_response(self.reread(meeting))

    @extend_schema(request=ReplySerializer, responses={200: PlannedMeetingSerializer})
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None, **kwargs):
        """Answer for an invited organisation: attending, not_attending or maybe."""
        meeting = self.get_object()
        serializer = ReplySerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        org = serializer.validated_data.get("organization")
        org_id = org.pk if org is not None else perms.organization_id_of(request.user)
        invitation = next((i for i in meeting.invitations.all() if i.organization_id == org_id), None)
        if invitation is None:
            if org is not None:
                raise ValidationError({"organization": _("This organisation is not invited to the meeting.")})
            raise PermissionDenied(_("Your organisation is not invited to this meeting."))
        services.invitation_reply(actor=request.user, invitation=invitation, reply=serializer.validated_data["reply"])
        return self.versioned_response(self.reread(meeting))

    @extend_schema(request=AttendanceSerializer, responses={200: PlannedMeetingSerializer})
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None, **kwargs):
        """Record who came (once the meeting has started): replaces the meeting's participations."""
        meeting = self.get_object()
        serializer = AttendanceSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        services.meeting_attendance_record(
            actor=request.user,
            meeting=meeting,
            participations=_participations(dict(serializer.validated_data)) or [],
            expected_version=expected_version(request),
        )
        return self.versioned_response(self.reread(meeting))

    @extend_schema(request=MinutesSerializer, responses={200: PlannedMeetingSerializer})
    @action(detail=True, methods=["post"])
    def minutes(self, request, pk=None, **kwargs):
        """Write the decisions (and outcomes) once the meeting has been held."""
        meeting = self.get_object()
        serializer = MinutesSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        services.meeting_minutes_update(
            actor=request.user, meeting=meeting, expected_version=expected_version(request), **serializer.validated_data
        )
        return self.versioned_response(self.reread(meeting))


class ActionItemViewSet(
    IdempotentWritesMixin,
    ExportListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Action items from meetings' minutes (or standing in a coalition): what, owner
    organisation and optionally person, due date, status open/done/dropped. Seen as their
    meeting is seen. Filters: status, overdue, owner_organization, coalition, meeting. The list
    also downloads as `?format=csv` or `?format=xlsx`. Close an item by setting its status."""

    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilterSet
    permission_classes = [SignedIn]
    parser_classes = [JSONParser]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.action_item_list(viewer=self.request.user)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _answer(self, item, code=status.HTTP_200_OK) -> Response:
        item = self.get_queryset().filter(pk=item.pk).first() or item
        return Response(self.get_serializer(item).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = action_items.action_item_create(actor=request.user, **serializer.validated_data)
        return self._answer(item, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        item = self.get_object()
        serializer = self.get_serializer(item, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        for fixed in ("meeting", "coalition"):
            if fixed in data and data[fixed] != getattr(item, fixed):
                raise ValidationError({fixed: _("An action item cannot move to another meeting or coalition.")})
            data.pop(fixed, None)
        item = action_items.action_item_update(actor=request.user, item=item, **data)
        return self._answer(item)

    def partial_update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)
