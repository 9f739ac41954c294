"""API views for the collaboration analytics: pairs, sector matrix, network, timeline and one
organisation's collaborators.

Every figure comes from analytics.figures, which starts from the meetings the caller may see;
these views parse the shared filters, paginate and serialise.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from analytics import figures
from analytics.api.pagination import FigurePagination
from analytics.api.serializers import (
    CollaboratorsSerializer,
    NetworkSerializer,
    PairSerializer,
    SectorMatrixSerializer,
    TimelineSerializer,
)
from analytics.exports import PAIRS
from analytics.filters import FigureFilters
from partners.api.access import SignedIn
from partners.choices import MeetingKind
from partners.exports.api import ExportNegotiationMixin
from partners.exports.response import export_record, export_response
from partners.selectors import directory

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


def analytics_filters(request) -> FigureFilters:
    """Parse coalition, sector, kind, since and until; a bad value is a 400 naming the parameter."""
    try:
        return figures.figure_filters(request.query_params, request=request)
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict)


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
    pagination_class = FigurePagination

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
                enum=list(figures.PAIR_ORDERINGS),
                description="Sort order; default `-count` (most frequent first, then most recent).",
            ),
            OpenApiParameter("min_count", OpenApiTypes.INT, description="Only pairs with at least this many."),
        ],
        responses={200: PairSerializer(many=True)},  # a page of pairs
    )
    def get(self, request):
        filters = analytics_filters(request)
        ordering = request.query_params.get("ordering") or "-count"
        if ordering not in figures.PAIR_ORDERINGS:
            choices = ", ".join(figures.PAIR_ORDERINGS)
            raise ValidationError({"ordering": [_("Use one of: %(choices)s.") % {"choices": choices}]})
        min_count = _positive_int(request, "min_count", 1)
        if self.export_format:
            rows = figures.collaboration_pairs(
                viewer=request.user, filters=filters, ordering=ordering, min_count=min_count
            )
            return export_response(request=request, queryset=rows, resource=PAIRS, fmt=self.export_format)

        def read(start: int, stop: int) -> tuple[list, int]:
            page = figures.pair_page(
                viewer=request.user, filters=filters, ordering=ordering, min_count=min_count, start=start, stop=stop
            )
            return page["pairs"], page["total"]

        pairs = self.paginator.paginate_figure(read, request, view=self)
        return self.get_paginated_response(PairSerializer(pairs, many=True).data)


class SectorMatrixView(AnalyticsView):
    serializer_class = SectorMatrixSerializer

    @extend_schema(
        summary="Which sectors work together",
        description="Collaborations counted by the primary sectors of the two organisations.",
        parameters=ANALYTICS_PARAMETERS,
    )
    def get(self, request):
        data = figures.sector_matrix(viewer=request.user, filters=analytics_filters(request))
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
            text = figures.network_file(viewer=request.user, filters=filters, fmt=fmt)
            disposition = f'attachment; filename="collaboration-network.{fmt}"'
            content_type = f"{request.accepted_renderer.media_type}; charset=utf-8"
            response = Response(text, headers={"Content-Disposition": disposition}, content_type=content_type)
            return export_record(request, response)
        return Response(NetworkSerializer(figures.collaboration_network(viewer=request.user, filters=filters)).data)

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
        months = figures.collaboration_timeline(viewer=request.user, filters=analytics_filters(request))
        return Response(TimelineSerializer({"months": months}).data)


class CollaboratorsView(AnalyticsView):
    serializer_class = CollaboratorsSerializer

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
        tags=["organizations"],
        operation_id="organizations_collaborators_retrieve",
    )
    def get(self, request, slug: str, format=None):
        organization = directory.organization_get(viewer=request.user, slug=slug)
        filters = analytics_filters(request)
        collaborators = figures.organization_collaborators(
            viewer=request.user, organization=organization, filters=filters, with_kinds=True
        )
        monthly = figures.monthly_collaborations_of(viewer=request.user, organization=organization, filters=filters)
        data = {
            "organization": organization,
            "partner_count": len(collaborators),
            "collaborators": collaborators,
            "monthly": monthly,
        }
        return Response(CollaboratorsSerializer(data).data)
