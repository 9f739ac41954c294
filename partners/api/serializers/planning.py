"""Serializers for planned meetings (nested agenda and invitations), replies, attendance,
minutes and action items. Shapes only: the services decide who may do what."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework import serializers

from partners import permissions as perms
from partners.api.serializers.activities import ParticipationSerializer
from partners.api.serializers.base import (
    StrictModelSerializer,
    StrictSerializerMixin,
    VisiblePrimaryKeyField,
    VisibleSlugField,
)
from partners.choices import ActionItemStatus, InvitationReply, MeetingKind
from partners.models import ActionItem, Meeting
from partners.models.coalitions import zone_of
from partners.services.planning import PLAN_FIELDS

ANSWERS = [(v, label) for v, label in InvitationReply.choices if v != InvitationReply.PENDING]


class LocalDateTimeField(serializers.DateTimeField):
    """A time that keeps no zone when sent without one: the service reads it in the meeting's
    coalition's zone. Shown with the coalition's UTC offset."""

    def enforce_timezone(self, value):
        return value if timezone.is_naive(value) else super().enforce_timezone(value)


class AgendaItemSerializer(StrictSerializerMixin, serializers.Serializer):
    """One agenda point: `{title, presenter: organisation slug or null}`, in the order given."""

    title = serializers.CharField(max_length=300)
    presenter = VisibleSlugField(perms.organizations_visible_to, required=False, allow_null=True)
    presenter_name = serializers.CharField(source="presenter.name", read_only=True, default=None)


class InvitationSerializer(StrictSerializerMixin, serializers.Serializer):
    """An invited organisation (slug) and, optionally, ids of its staff contacts to address.
    The reply is shown to the organiser, the coalition's coordinators and the organisation."""

    organization = VisibleSlugField(perms.organizations_visible_to)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    contacts = VisiblePrimaryKeyField(perms.contacts_visible_to, many=True, required=False)
    reply = serializers.ChoiceField(choices=InvitationReply.choices, read_only=True, allow_null=True)
    replied_at = serializers.DateTimeField(read_only=True, allow_null=True)


class PlannedMeetingSerializer(StrictModelSerializer):
    """A planned meeting. Times without an offset are read in the coalition's time zone
    (`time_zone`); `date` is the local date of `starts_at`. `agenda` and `invitations` are
    written whole: the list given replaces the previous one (omit either in a PATCH to keep it).
    Changing the time, place, link, title, agenda or invitees sends the invitees an update."""

    url = serializers.HyperlinkedIdentityField(view_name="api:planned-meeting-detail")
    coalition = VisibleSlugField(perms.coalitions_visible_to, required=False, allow_null=True)
    partnership = VisiblePrimaryKeyField(perms.partnerships_visible_to, required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=MeetingKind.choices, default=MeetingKind.COALITION_MEETING)
    starts_at = LocalDateTimeField()
    ends_at = LocalDateTimeField(required=False, allow_null=True)
    time_zone = serializers.SerializerMethodField()
    agenda = AgendaItemSerializer(many=True, required=False, source="agenda_items")
    invitations = InvitationSerializer(many=True, allow_empty=False)
    logged_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    ical_uid = serializers.CharField(read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            *PLAN_FIELDS,
            "time_zone",
            "date",
            "agenda",
            "invitations",
            "status",
            "cancelled_at",
            "attendance_recorded_at",
            "sequence",
            "ical_uid",
            "logged_by",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "date",
            "cancelled_at",
            "attendance_recorded_at",
            "sequence",
            "version",
            "created_at",
            "updated_at",
        ]

    def get_time_zone(self, obj) -> str:
        return str(zone_of(obj.coalition))

    def get_status(self, obj) -> str:
        """planned, cancelled or held."""
        if obj.cancelled_at is not None:
            return "cancelled"
        return "planned" if obj.attendance_recorded_at is None else "held"

    def to_representation(self, instance):
        data = super().to_representation(instance)
        zone = zone_of(instance.coalition)
        for name in ("starts_at", "ends_at"):
            value = getattr(instance, name)
            data[name] = value.astimezone(zone).isoformat() if value else None
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not perms.can_manage_planned_meeting(user, instance):
            own = perms.organization_id_of(user)
            slug_of_own = next(
                (i.organization.slug for i in instance.invitations.all() if i.organization_id == own), None
            )
            for row in data["invitations"]:
                if row["organization"] != slug_of_own:
                    row["reply"] = None
                    row["replied_at"] = None
        return data


class ReplySerializer(StrictSerializerMixin, serializers.Serializer):
    """An invited organisation's answer. `organization` (slug) is needed only by an admin, or a
    user whose organisation is not the invited one; by default the caller's own organisation."""

    reply = serializers.ChoiceField(choices=ANSWERS)
    organization = VisibleSlugField(perms.organizations_visible_to, required=False)


class AttendanceSerializer(StrictSerializerMixin, serializers.Serializer):
    """Who came, in one step: the list replaces the meeting's participations."""

    participations = ParticipationSerializer(many=True, allow_empty=False)


class MinutesSerializer(StrictSerializerMixin, serializers.Serializer):
    decisions = serializers.CharField(allow_blank=True, max_length=20000)
    outcomes = serializers.CharField(allow_blank=True, required=False, max_length=20000)


def _users_with_a_profile(_user):
    return get_user_model().objects.filter(is_active=True, profile__organization__isnull=False)


class ActionItemSerializer(StrictModelSerializer):
    """A follow-up with an owner organisation (slug), optionally a person of it (username), a due
    date and a status. Seen as its meeting is seen. Close it with `status` done or dropped."""

    url = serializers.HyperlinkedIdentityField(view_name="api:action-item-detail")
    meeting = VisiblePrimaryKeyField(perms.meetings_visible_to, required=False, allow_null=True)
    coalition = VisibleSlugField(perms.coalitions_visible_to, required=False, allow_null=True)
    owner_organization = VisibleSlugField(perms.organizations_visible_to)
    owner_user = serializers.SlugRelatedField(
        slug_field="username", queryset=_users_with_a_profile(None), required=False, allow_null=True
    )
    status = serializers.ChoiceField(choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN)
    overdue = serializers.SerializerMethodField()
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "url",
            "title",
            "meeting",
            "coalition",
            "owner_organization",
            "owner_user",
            "due_on",
            "status",
            "overdue",
            "closed_at",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "closed_at", "created_by", "created_at", "updated_at"]

    def get_overdue(self, obj) -> bool:
        return obj.status == ActionItemStatus.OPEN and obj.due_on is not None and obj.due_on < timezone.localdate()
