"""API views for the directory: sectors, organisations (with their collaborators) and contacts."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partners.api.access import ReadOrSignedIn, SignedIn
from partners.api.serializers.analytics import CollaboratorsSerializer
from partners.api.serializers.directory import ContactSerializer, OrganizationSerializer, SectorSerializer
from partners.api.versioning import versioned_schema
from partners.api.views.analytics import ANALYTICS_PARAMETERS, analytics_filters
from partners.api.views.base import ServiceViewSet, unchanged_dropped
from partners.filtersets import ContactFilterSet, OrganizationFilterSet
from partners.models import Sector
from partners.selectors import analytics, directory
from partners.services import organizations as services


class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    """Sectors: the kinds of organisation. Public; edited by admins as data."""

    serializer_class = SectorSerializer
    lookup_field = "slug"
    queryset = Sector.objects.order_by("position", "name")


@versioned_schema(OrganizationSerializer)
class OrganizationViewSet(ServiceViewSet):
    """Partner organisations, by slug. Anonymous callers see public profiles only; members edit
    their own organisation; coordinators and admins create; admins delete."""

    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    permission_classes = [ReadOrSignedIn]
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return directory.organization_list(viewer=self.request.user)

    def create_object(self, data: dict[str, Any]):
        return services.organization_create(actor=self.request.user, **data)

    def update_object(self, instance, data: dict[str, Any], version: int | None):
        data = unchanged_dropped(data, instance, "slug")
        return services.organization_update(
            actor=self.request.user, organization=instance, expected_version=version, **data
        )

    def delete_object(self, instance, version: int | None) -> None:
        services.organization_delete(actor=self.request.user, organization=instance, expected_version=version)

    @extend_schema(
        summary="One organisation's collaborators",
        description=(
            "The organisation's partners with how often they collaborated (activities both took "
            "part in), first and last date and the kinds of activity, most frequent first; and "
            "the organisation's collaborative activities per month. Here `sector` keeps partners "
            "in that sector."
        ),
        parameters=ANALYTICS_PARAMETERS,
        responses={200: CollaboratorsSerializer},
        filters=False,
    )
    @action(detail=True, methods=["get"], permission_classes=[SignedIn], pagination_class=None, filterset_class=None)
    def collaborators(self, request, slug=None, format=None):
        organization = directory.organization_get(viewer=request.user, slug=slug)
        filters = analytics_filters(request)
        rows = list(analytics.cached_collaborators_of(viewer=request.user, organization=organization, filters=filters))
        partners = analytics.describe_collaborators(rows, viewer=request.user)
        # The kinds per partner come from the pair reads, keyed by (lower id, higher id).
        pairs = [
            {**r, "org_a": min(organization.pk, r["partner"]), "org_b": max(organization.pk, r["partner"])}
            for r in partners
        ]
        kinds = {
            (p["org_a"], p["org_b"]): p["kinds"]
            for p in analytics.describe_pairs(pairs, viewer=request.user, filters=filters)
        }
        collaborators = [{**p, "kinds": kinds.get((p["org_a"], p["org_b"]), {})} for p in pairs]
        monthly = analytics.monthly_collaborations_of(viewer=request.user, organization=organization, filters=filters)
        data = {
            "organization": organization,
            "partner_count": len(collaborators),
            "collaborators": collaborators,
            "monthly": monthly,
        }
        return Response(CollaboratorsSerializer(data).data)


@versioned_schema(ContactSerializer)
class ContactViewSet(ServiceViewSet):
    """Staff contacts of partner organisations: personal data, for signed-in users only. A
    member edits the contacts of their own organisation; admins everyone's."""

    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet
    permission_classes = [SignedIn]

    def get_queryset(self):
        return directory.contact_list(viewer=self.request.user)

    def create_object(self, data: dict[str, Any]):
        return services.contact_create(actor=self.request.user, **data)

    def update_object(self, instance, data: dict[str, Any], version: int | None):
        data = unchanged_dropped(data, instance, "organization")
        return services.contact_update(actor=self.request.user, contact=instance, expected_version=version, **data)

    def delete_object(self, instance, version: int | None) -> None:
        services.contact_delete(actor=self.request.user, contact=instance, expected_version=version)
