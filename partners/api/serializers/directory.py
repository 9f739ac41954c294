"""Serializers for the directory: sectors, organisations and their contacts."""

from __future__ import annotations

from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from partners import permissions as perms
from partners.api.serializers.base import StrictModelSerializer, VisibleSlugField
from partners.models import AreaOfWork, Contact, Organization, Population, Sector, TraffickingForm
from partners.services.organizations import CONTACT_EDITABLE_FIELDS, ORGANIZATION_EDITABLE_FIELDS

TIMESTAMPS = ["version", "created_at", "updated_at"]


class SectorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:sector-detail", lookup_field="slug")

    class Meta:
        model = Sector
        fields = ["slug", "url", "name", "description", "colour", "position"]
        read_only_fields = fields


def _vocabulary(model, **kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=model.objects.all(), required=False, **kwargs
    )


class OrganizationSerializer(CountryFieldMixin, StrictModelSerializer):
    """An organisation's profile. Related vocabularies are given and shown by slug.

    The leadership percentages are accepted but never returned for one organisation: they are
    shown only aggregated over five or more organisations.
    """

    url = serializers.HyperlinkedIdentityField(view_name="api:organization-detail", lookup_field="slug")
    slug = serializers.SlugField(
        max_length=200, required=False, help_text="Set once at creation (derived from the name when omitted)."
    )
    primary_sector = serializers.SlugRelatedField(slug_field="slug", queryset=Sector.objects.all())
    sectors = _vocabulary(Sector, help_text="Every sector; the primary sector is always included.")
    areas_of_work = _vocabulary(AreaOfWork)
    trafficking_forms = _vocabulary(TraffickingForm)
    populations = _vocabulary(Population)

    class Meta:
        model = Organization
        fields = ["id", "slug", "url", *ORGANIZATION_EDITABLE_FIELDS, *TIMESTAMPS]
        read_only_fields = ["id", *TIMESTAMPS]
        extra_kwargs = {
            "leadership_women_pct": {"write_only": True},
            "leadership_minority_pct": {"write_only": True},
        }


class OrganizationRefSerializer(serializers.Serializer):
    """An organisation named in another resource or an analytics row."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    primary_sector = serializers.SlugField(source="primary_sector.slug")


class ContactSerializer(StrictModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:contact-detail")
    organization = VisibleSlugField(perms.organizations_visible_to, help_text="Set at creation; cannot be changed.")
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "url",
            "organization",
            "organization_name",
            *CONTACT_EDITABLE_FIELDS,
            "last_confirmed_on",
            *TIMESTAMPS,
        ]
        # Set by the services: adding, editing or confirming a contact confirms it today.
        read_only_fields = ["id", "last_confirmed_on", *TIMESTAMPS]


class ContactsConfirmSerializer(serializers.Serializer):
    """Confirm all of an organisation's contacts as current in one step."""

    organization = VisibleSlugField(
        perms.organizations_visible_to, help_text="Your organisation (admins: any organisation)."
    )


class ContactsConfirmedSerializer(serializers.Serializer):
    organization = serializers.CharField(help_text="The organisation's slug.")
    confirmed = serializers.IntegerField(help_text="How many contacts were confirmed as current today.")
    last_confirmed_on = serializers.DateField()
