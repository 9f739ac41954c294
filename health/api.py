"""The analytics API of the health app: needs attention and equity (GET only).

Both take the same parameters as their pages: `coalition` and `organization` slugs, `since` and
`until` dates (YYYY-MM-DD). Bad input is a 400 naming the parameter; a coalition or organisation
the caller may not see is a 400 on that parameter, exactly like one that does not exist.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from health.choices import AttentionKind
from health.forms import CoalitionOrOrganizationForm, CoalitionPeriodForm
from health.selectors.attention import coalition_attention, organization_attention
from health.selectors.equity import coalition_equity
from partners.api.pagination import PageNumberPagination


def _validated(form):
    if not form.is_valid():
        raise ValidationError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
    return form.cleaned_data


class AttentionView(APIView):
    """What needs attention in a coalition (`?coalition=slug`) or for an organisation
    (`?organization=slug`): each item has a kind, a plain-language reason and links."""

    permission_classes = [IsAuthenticated]
    pagination_class = PageNumberPagination

    @extend_schema(
        parameters=[
            OpenApiParameter("coalition", OpenApiTypes.STR, description="A coalition's slug."),
            OpenApiParameter("organization", OpenApiTypes.STR, description="An organisation's slug."),
            OpenApiParameter(
                "kind", OpenApiTypes.STR, enum=AttentionKind.values, description="Only items of this kind."
            ),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        data = _validated(CoalitionOrOrganizationForm(request.query_params, user=request.user))
        kind = request.query_params.get("kind") or ""
        if kind and kind not in AttentionKind.values:
            raise ValidationError({"kind": [f"Use one of: {', '.join(AttentionKind.values)}."]})
        if data.get("coalition"):
            items = coalition_attention(viewer=request.user, coalition=data["coalition"])
        else:
            items = organization_attention(viewer=request.user, organization=data["organization"])
        if kind:
            items = [i for i in items if i.kind == kind]
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response([item.as_dict() for item in page])


class EquityView(APIView):
    """Equity figures of one coalition and period, by sector, with a plain-language
    explanation of each figure under `explanations`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("coalition", OpenApiTypes.STR, required=True, description="A coalition's slug."),
            OpenApiParameter("since", OpenApiTypes.DATE, description="First day (default: a year before until)."),
            OpenApiParameter("until", OpenApiTypes.DATE, description="Last day (default: today)."),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        data = _validated(CoalitionPeriodForm(request.query_params, user=request.user))
        return Response(
            coalition_equity(
                viewer=request.user, coalition=data["coalition"], since=data.get("since"), until=data.get("until")
            )
        )
