"""API views for the directory: sectors, organisations and contacts (an organisation's
collaborators are served by the analytics API)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from partners import permissions as perms
from partners.api.access import ReadOrSignedIn, SignedIn
from partners.api.serializers.directory import (
    ContactsConfirmedSerializer,
    ContactsConfirmSerializer,
    ContactSerializer,
    OrganizationSerializer,
    SectorSerializer,
)
from partners.api.versioning import versioned_schema
from partners.api.views.base import ServiceViewSet, unchanged_dropped
from partners.filtersets import ContactFilterSet, OrganizationFilterSet
from partners.models import Sector
from partners.selectors import directory
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


@versioned_schema(ContactSerializer)
class ContactViewSet(ServiceViewSet):
    """Staff contacts of partner organisations: personal data, each seen as its `visibility` says
    (the coalitions of its organisation, or every signed-in user). A member edits the contacts of
    their own organisation; admins everyone's. The CSV/XLSX download is for coordinators and admins."""

    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet
    permission_classes = [SignedIn]

    def get_queryset(self):
        return directory.contact_list(viewer=self.request.user)

    def list(self, request, *args, **kwargs):
        if self.export_format and not perms.can_download_list(request.user, "contacts"):
            # The contacts in bulk are personal data: coordinators and admins only.
            raise PermissionDenied(_("Only coordinators and admins can download the contacts."))
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=ContactsConfirmSerializer,
        responses={200: ContactsConfirmedSerializer},
        description="Confirm that all of an organisation's contacts are current as they stand (the yearly "
        "check). Members, for their own organisation; admins, for any. Each contact's `last_confirmed_on` "
        "becomes today.",
    )
    @action(detail=False, methods=["post"], url_path="confirm", parser_classes=[JSONParser])
    def confirm(self, request, *args, **kwargs):
        serializer = ContactsConfirmSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        organization = serializer.validated_data["organization"]
        count = services.contacts_confirm(actor=request.user, organization=organization)
        body = {"organization": organization.slug, "confirmed": count, "last_confirmed_on": timezone.localdate()}
        return Response(ContactsConfirmedSerializer(body).data)

    def create_object(self, data: dict[str, Any]):
        return services.contact_create(actor=self.request.user, **data)

    def update_object(self, instance, data: dict[str, Any], version: int | None):
        data = unchanged_dropped(data, instance, "organization")
        return services.contact_update(actor=self.request.user, contact=instance, expected_version=version, **data)

    def delete_object(self, instance, version: int | None) -> None:
        services.contact_delete(actor=self.request.user, contact=instance, expected_version=version)
