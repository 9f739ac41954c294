"""API views for coalitions, memberships, partnerships and meetings (with participations)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field

from partners.api.access import SignedIn
from partners.api.pagination import ActivityPagination
from partners.api.serializers.activities import MeetingSerializer, PartnershipSerializer
from partners.api.serializers.coalitions import CoalitionSerializer, MembershipSerializer
from partners.api.versioning import versioned_schema
from partners.api.views.base import ServiceViewSet, unchanged_dropped
from partners.choices import ParticipationRole
from partners.filtersets import MeetingFilterSet, MembershipFilterSet, PartnershipFilterSet
from partners.selectors import directory
from partners.services import coalitions as coalition_services
from partners.services import meetings as meeting_services
from partners.services import partnerships as partnership_services
from partners.services.meetings import ParticipationInput


@versioned_schema(CoalitionSerializer)
class CoalitionViewSet(ServiceViewSet):
    """Coalitions, by slug, for signed-in users. Admins create and delete; coordinators edit theirs."""

    serializer_class = CoalitionSerializer
    permission_classes = [SignedIn]
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return directory.coalition_list(viewer=self.request.user).order_by("name")

    def create_object(self, data: dict[str, Any]):
        return coalition_services.coalition_create(actor=self.request.user, **data)

    def update_object(self, instance, data: dict[str, Any], version: int | None):
        data = unchanged_dropped(data, instance, "slug")
        return coalition_services.coalition_update(
            actor=self.request.user, coalition=instance, expected_version=version, **data
        )

    def delete_object(self, instance, version: int | None) -> None:
        coalition_services.coalition_delete(actor=self.request.user, coalition=instance, expected_version=version)


@versioned_schema(MembershipSerializer)
class MembershipViewSet(ServiceViewSet):
    """Organisations' dated roles in coalitions; managed by the coalition's coordinators and admins.
    Spans of one organisation in one coalition may not overlap."""

    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    permission_classes = [SignedIn]

    def get_queryset(self):
        return directory.membership_list(viewer=self.request.user)

    def create_object(self, data: dict[str, Any]):
        coalition = data.pop("coalition")
        return coalition_services.membership_create(actor=self.request.user, coalition=coalition, **data)

    def update_object(self, instance, data: dict[str, Any], version: int | None):
        data = unchanged_dropped(data, instance, "coalition")
        return coalition_services.membership_update(
            actor=self.request.user, membership=instance, expected_version=version, **data
        )

    def delete_object(self, instance, version: int | None) -> None:
        coalition_services.membership_delete(actor=self.request.user, membership=instance, expected_version=version)


@versioned_schema(PartnershipSerializer)
class PartnershipViewSet(ServiceViewSet):
    """Standing relationships between two or more organisations. Created and edited by members of
    a partner organisation, the coalition's coordinators and admins."""

    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilterSet
    permission_classes = [SignedIn]

    def get_queryset(self):
        return directory.partnership_list(viewer=self.request.user)

    def create_object(self, data: dict[str, Any]):
        return partnership_services.partnership_create(actor=self.request.user, **data)

    def update_object(self, instance, data: dict[str, Any], version: int | None):
        return partnership_services.partnership_update(
            actor=self.request.user, partnership=instance, expected_version=version, **data
        )

    def delete_object(self, instance, version: int | None) -> None:
        partnership_services.partnership_delete(actor=self.request.user, partnership=instance, expected_version=version)


# The meeting filters `organization` and `sector` work through methods, whose parameter type the
# schema generator cannot guess: both take a slug.
for _method in (MeetingFilterSet.filter_organization, MeetingFilterSet.filter_sector):
    extend_schema_field(OpenApiTypes.STR)(_method)


def _participations(data: dict[str, Any]) -> list[ParticipationInput] | None:
    rows = data.pop("participations", None)
    if rows is None:
        return None
    return [
        ParticipationInput(
            organization=r["organization"],
            role=r.get("role", ParticipationRole.PARTICIPANT),  # a PATCH skips nested defaults
            attendees=r.get("attendees"),
        )
        for r in rows
    ]


@versioned_schema(
    MeetingSerializer,
    list=extend_schema(
        description=(
            "Meetings and joint activities the caller may open, newest first. Page numbers by "
            "default; pass `pagination=cursor` (then follow `next`) for keyset pagination, whose "
            "pages cost the same at any depth."
        )
    ),
)
class MeetingViewSet(ServiceViewSet):
    """Meetings and joint activities with their participations, saved whole or not at all.
    Members log activities their organisation took part in; coordinators, their coalition's.
    A participants-only activity is invisible (404) to everyone else."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    permission_classes = [SignedIn]
    pagination_class = ActivityPagination

    def get_queryset(self):
        return directory.meeting_list(viewer=self.request.user)

    def create_object(self, data: dict[str, Any]):
        participations = _participations(data) or []
        return meeting_services.meeting_create(actor=self.request.user, participations=participations, **data)

    def update_object(self, instance, data: dict[str, Any], version: int | None):
        participations = _participations(data)
        return meeting_services.meeting_update(
            actor=self.request.user,
            meeting=instance,
            participations=participations,
            expected_version=version,
            **data,
        )

    def delete_object(self, instance, version: int | None) -> None:
        meeting_services.meeting_delete(actor=self.request.user, meeting=instance, expected_version=version)
