"""Serializers for partnerships and for meetings with their nested participations."""

from __future__ import annotations

from rest_framework import serializers

from partners import permissions as perms
from partners.api.serializers.base import (
    StrictModelSerializer,
    StrictSerializerMixin,
    VisiblePrimaryKeyField,
    VisibleSlugField,
)
from partners.api.serializers.directory import TIMESTAMPS
from partners.choices import ParticipationRole
from partners.models import Meeting, Partnership
from partners.services.meetings import MEETING_EDITABLE_FIELDS
from partners.services.partnerships import PARTNERSHIP_EDITABLE_FIELDS


class PartnershipSerializer(StrictModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:partnership-detail")
    organizations = VisibleSlugField(
        perms.organizations_visible_to, many=True, help_text="Two or more distinct organisations, by slug."
    )
    coalition = VisibleSlugField(perms.coalitions_visible_to, required=False, allow_null=True)

    class Meta:
        model = Partnership
        fields = ["id", "url", *PARTNERSHIP_EDITABLE_FIELDS, *TIMESTAMPS]
        read_only_fields = ["id", *TIMESTAMPS]


class ParticipationSerializer(StrictSerializerMixin, serializers.Serializer):
    """One organisation's part in an activity: `{organization: slug, role, attendees}`."""

    organization = VisibleSlugField(perms.organizations_visible_to)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    role = serializers.ChoiceField(choices=ParticipationRole.choices, default=ParticipationRole.PARTICIPANT)
    attendees = serializers.IntegerField(min_value=0, max_value=10000, required=False, allow_null=True)


class MeetingSerializer(StrictModelSerializer):
    """A meeting or joint activity. `participations` is written whole: on update, the list
    given replaces the previous one (omit it in a PATCH to keep it)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail")
    coalition = VisibleSlugField(
        perms.coalitions_visible_to,
        required=False,
        allow_null=True,
        help_text=(
            "The coalition the activity counts for, by slug: one the caller's organisation belongs to, or one "
            "they coordinate. null (the default) records a bilateral activity, which counts in no coalition's "
            "figures; choose it deliberately."
        ),
    )
    partnership = VisiblePrimaryKeyField(
        perms.partnerships_visible_to,
        required=False,
        allow_null=True,
        help_text="A partnership the caller's organisation is party to (coordinators: one of their coalitions).",
    )
    participations = ParticipationSerializer(many=True, allow_empty=False)
    logged_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Meeting
        fields = ["id", "url", *MEETING_EDITABLE_FIELDS, "logged_by", *TIMESTAMPS]
        read_only_fields = ["id", "logged_by", *TIMESTAMPS]
