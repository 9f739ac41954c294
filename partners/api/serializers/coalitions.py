"""Serializers for coalitions and their dated memberships."""

from __future__ import annotations

from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from partners import permissions as perms
from partners.api.serializers.base import StrictModelSerializer, VisibleSlugField
from partners.api.serializers.directory import TIMESTAMPS
from partners.models import Coalition, Membership
from partners.services.coalitions import COALITION_EDITABLE_FIELDS, MEMBERSHIP_EDITABLE_FIELDS


class CoalitionSerializer(CountryFieldMixin, StrictModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:coalition-detail", lookup_field="slug")
    slug = serializers.SlugField(
        max_length=200, required=False, help_text="Set once at creation (derived from the name when omitted)."
    )
    member_count = serializers.IntegerField(read_only=True, help_text="Current memberships.")

    class Meta:
        model = Coalition
        fields = ["id", "slug", "url", *COALITION_EDITABLE_FIELDS, "member_count", *TIMESTAMPS]
        read_only_fields = ["id", *TIMESTAMPS]
        extra_kwargs = {"countries": {"required": False}}


class MembershipSerializer(StrictModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:membership-detail")
    organization = VisibleSlugField(perms.organizations_visible_to)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    coalition = VisibleSlugField(perms.coalitions_visible_to)
    coalition_name = serializers.CharField(source="coalition.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "url", *MEMBERSHIP_EDITABLE_FIELDS, "organization_name", "coalition_name", *TIMESTAMPS]
        read_only_fields = ["id", *TIMESTAMPS]
        validators = []  # rules across rows (overlapping spans) belong to the service
