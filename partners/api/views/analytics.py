"""API views for the collaboration analytics: pairs, sector matrix, network and timeline.

Every figure comes from partners.selectors.analytics, which starts from the meetings the caller
may see; these views parse the shared AnalyticsFilterSet, paginate and serialise.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from partners import permissions as perms
from partners.api.access import SignedIn
from partners.api.pagination import PageNumberPagination
from partners.api.serializers.analytics import (
    NetworkSerializer,
    PairSerializer,
    SectorMatrixSerializer,
    TimelineSerializer,
)
from partners.choices import MeetingKind
from partners.exports.api import ExportNegotiationMixin
from partners.exports.response import export_record, export_response
from partners.filtersets import AnalyticsFilterSet
from partners.selectors import analytics
from partners.selectors.analytics import AnalyticsFilters

ANALYTICS_PARAMETERS = [
    OpenApiParameter("coalition", OpenApiTypes.STR, description="Activities of this coalition (slug)."),
    OpenApiParameter(
        "sector",
        OpenApiTypes.STR,
        description="Collaborations in which at least one of the two organisations belongs to this sector (slug).",
    ),
    OpenApiParameter(
        "kind", OpenApiTypes.STR, many=True, explode=True, enum=MeetingKind.values, description="Kinds of activity."
    ),
    OpenApiParameter("since", OpenApiTypes.DATE, description="Activities on or after this date (YYYY-MM-DD)."),
    OpenApiParameter("until", OpenApiTypes.DATE, description="Activities on or before this date; not before `since`."),
]


def analytics_filters(request) -> AnalyticsFilters:
    """Parse coalition, sector, kind, since and until; a bad value is a 400 naming the parameter."""
    filterset = AnalyticsFilterSet(
        data=request.query_params, queryset=perms.meetings_visible_to(request.user), request=request
    )
    if not filterset.is_valid():
        raise ValidationError({name: [str(e) for e in errors] for name, errors in filterset.errors.items()})
    return AnalyticsFilters.from_cleaned(filterset.form.cleaned_data)


def _positive_int(request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: [_("Enter a whole number.")]})
    if value < 1:
        raise ValidationError({name: [_("Enter a number of at least 1.")]})
    return value


class AnalyticsView(GenericAPIView):
    permission_classes = [SignedIn]
    filter_backends: list = []
    pagination_class = None


class CollaborationPairsView(ExportNegotiationMixin, AnalyticsView):
    serializer_class = PairSerializer
    pagination_class = PageNumberPagination

    def export_resource_name(self) -> str:
        return "pairs"  # `?format=csv|xlsx` downloads every pair, unpaginated

    @extend_schema(
        summary="Who works with whom, and how often",
        description=(
            "Pairs of organisations with the number of activities (with two or more organisations, "
            "dated today or earlier) in which both took part, their first and last date and the "
            "kinds involved. Only activities the caller may open are counted."
        ),
        parameters=[
            *ANALYTICS_PARAMETERS,
            OpenApiParameter(
                "ordering",
                OpenApiTypes.STR,
                enum=list(analytics.PAIR_ORDERINGS),
                description="Sort order; default `-count` (most frequent first, then most recent).",
            ),
            OpenApiParameter("min_count", OpenApiTypes.INT, description="Only pairs with at least this many."),
        ],
        responses={200: PairSerializer(many=True)},  # a page of pairs
    )
    def get(self, request):
        filters = analytics_filters(request)
        ordering = request.query_params.get("ordering") or "-count"
        if ordering not in analytics.PAIR_ORDERINGS:
            choices = ", ".join(analytics.PAIR_ORDERINGS)
            raise ValidationError({"ordering": [_("Use one of: %(choices)s.") % {"choices": choices}]})
        min_count = _positive_int(request, "min_count", 1)
        if self.export_format:
            rows = analytics.collaboration_pairs(
                viewer=request.user, filters=filters, ordering=ordering, min_count=min_count
            )
            return export_response(request=request, queryset=rows, resource="pairs", fmt=self.export_format)
        rows = analytics.cached_collaboration_pairs(
            viewer=request.user, filters=filters, ordering=ordering, min_count=min_count
        )
        page = self.paginate_queryset(rows)
        described = analytics.describe_pairs(list(page), viewer=request.user, filters=filters, cache_key=rows.key)
        return self.get_paginated_response(PairSerializer(described, many=True).data)


class SectorMatrixView(AnalyticsView):
    serializer_class = SectorMatrixSerializer

    @extend_schema(
        summary="Which sectors work together",
        description="Collaborations counted by the primary sectors of the two organisations.",
        parameters=ANALYTICS_PARAMETERS,
    )
    def get(self, request):
        data = analytics.sector_matrix(viewer=request.user, filters=analytics_filters(request))
        return Response(SectorMatrixSerializer(data).data)


class GraphMLRenderer(renderers.BaseRenderer):
    media_type = "application/graphml+xml"
    format = "graphml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data.encode(self.charset) if isinstance(data, str) else b""


class GEXFRenderer(GraphMLRenderer):
    media_type = "application/gexf+xml"
    format = "gexf"


class NetworkView(AnalyticsView):
    serializer_class = NetworkSerializer
    renderer_classes = [renderers.JSONRenderer, renderers.BrowsableAPIRenderer, GraphMLRenderer, GEXFRenderer]

    @extend_schema(
        summary="The collaboration network",
        description=(
            "Organisations with at least one collaboration as nodes (degree, weighted degree, "
            "betweenness and eigenvector centrality), pairs as edges weighted by their count, and "
            "whole-network figures. `?format=graphml` or `?format=gexf` returns a file for Gephi "
            "or Kumu instead."
        ),
        parameters=[
            *ANALYTICS_PARAMETERS,
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "graphml", "gexf"], description="Default json."),
        ],
        responses={
            (200, "application/json"): NetworkSerializer,
            (200, GraphMLRenderer.media_type): OpenApiResponse(OpenApiTypes.STR, description="GraphML file."),
            (200, GEXFRenderer.media_type): OpenApiResponse(OpenApiTypes.STR, description="GEXF file."),
        },
    )
    def get(self, request):
        filters = analytics_filters(request)
        fmt = request.accepted_renderer.format
        if fmt in (GraphMLRenderer.format, GEXFRenderer.format):
            text = analytics.network_file(viewer=request.user, filters=filters, fmt=fmt)
            disposition = f'attachment; filename="collaboration-network.{fmt}"'
            content_type = f"{request.accepted_renderer.media_type}; charset=utf-8"
            return export_record(
                request, Response(text, headers={"Content-Disposition": disposition}, content_type=content_type)
            )
        return Response(NetworkSerializer(analytics.collaboration_network(viewer=request.user, filters=filters)).data)

    def handle_exception(self, exc):
        # Errors are always JSON, even when a file was asked for.
        if isinstance(getattr(self.request, "accepted_renderer", None), GraphMLRenderer):
            self.request.accepted_renderer = renderers.JSONRenderer()
            self.request.accepted_media_type = renderers.JSONRenderer.media_type
        return super().handle_exception(exc)


class TimelineView(AnalyticsView):
    serializer_class = TimelineSerializer

    @extend_schema(
        summary="Collaborations per month",
        description="Collaborative activities per month, in total and by kind, for charts.",
        parameters=ANALYTICS_PARAMETERS,
    )
    def get(self, request):
        months = analytics.collaboration_timeline(viewer=request.user, filters=analytics_filters(request))
        return Response(TimelineSerializer({"months": months}).data)
