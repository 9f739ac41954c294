"""The analytics API of the health app: needs attention and equity (GET only).

Both take the same parameters as their pages: `coalition` and `organization` slugs, `since` and
`until` dates (YYYY-MM-DD). Bad input is a 400 naming the parameter; a coalition or organisation
the caller may not see is a 400 on that parameter, exactly like one that does not exist.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from health.choices import AttentionKind
from health.forms import CoalitionOrOrganizationForm, CoalitionPeriodForm
from health.selectors.attention import attach_work, attention_item_get, coalition_attention, organization_attention
from health.selectors.attention.work import attention_in_state
from health.selectors.equity import coalition_equity
from health.services import (
    attention_acknowledge,
    attention_assign,
    attention_reopen,
    attention_resolve,
    attention_snooze,
)
from partners.api.pagination import PageNumberPagination
from partners.dates import check_date

STATES = ("active", "snoozed", "resolved", "all")


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
            OpenApiParameter(
                "state",
                OpenApiTypes.STR,
                enum=list(STATES),
                description="active (the default: neither snoozed nor resolved), snoozed, resolved or all.",
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
        state = request.query_params.get("state") or "active"
        if state not in STATES:
            raise ValidationError({"state": [f"Use one of: {', '.join(STATES)}."]})
        items = attention_in_state(attach_work(items, viewer=request.user), state)
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


class AttentionWorkSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=500, help_text="The item's `key` from the attention list.")
    action = serializers.ChoiceField(choices=["acknowledge", "assign", "unassign", "snooze", "resolve", "reopen"])
    assignee = serializers.IntegerField(required=False, help_text="For assign: the user's id.")
    until = serializers.DateField(required=False, help_text="For snooze: the day the item comes back.")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300, help_text="For snooze.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, help_text="For resolve.")


class AttentionWorkView(APIView):
    """Work on one needs-attention item (JSON): acknowledge, assign (`assignee`: a user id),
    unassign, snooze (`until`, `reason`), resolve (`note`) or reopen. Answers the item with its
    state. The item must be one the caller sees (404 otherwise); working on it is for the
    coalition's coordinators, the organisations concerned and admins (403 otherwise)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]

    @extend_schema(request=AttentionWorkSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request) -> Response:
        serializer = AttentionWorkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = attention_item_get(viewer=request.user, key=data["key"])
        attach_work([item], viewer=request.user)
        if not item.can_work:
            raise PermissionDenied("Only the coalition's coordinators, the organisations concerned and admins do this.")
        action = data["action"]
        if action == "acknowledge":
            attention_acknowledge(actor=request.user, item=item)
        elif action in ("assign", "unassign"):
            assignee = None
            if action == "assign":
                if "assignee" not in data:
                    raise ValidationError({"assignee": ["Send the id of the person to assign."]})
                assignee = get_user_model().objects.filter(pk=data["assignee"], is_active=True).first()
                if assignee is None:
                    raise ValidationError({"assignee": ["No such person."]})
            attention_assign(actor=request.user, item=item, assignee=assignee)
        elif action == "snooze":
            if data.get("until") is not None:
                check_date(data["until"], field="until")
            attention_snooze(actor=request.user, item=item, until=data.get("until"), reason=data.get("reason", ""))
        elif action == "resolve":
            attention_resolve(actor=request.user, item=item, note=data.get("note", ""))
        else:
            attention_reopen(actor=request.user, item=item)
        attach_work([item], viewer=request.user)
        return Response(item.as_dict())


class AttentionHistoryView(APIView):
    """Who did what to one item (`?key=`), newest first; for those who may work on it."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("key", OpenApiTypes.STR, required=True, description="The item's key.")],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        item = attention_item_get(viewer=request.user, key=request.query_params.get("key", ""))
        attach_work([item], viewer=request.user, history=True)
        if not item.can_work:
            raise PermissionDenied(
                "Only the coalition's coordinators, the organisations concerned and admins see this."
            )
        events = list(item.work.events.all()) if item.work is not None else []
        return Response(
            {
                "key": item.key,
                "work": item.work_dict(),
                "history": [
                    {
                        "at": e.at.isoformat(),
                        "actor": (e.actor.get_full_name() or e.actor.get_username()) if e.actor else None,
                        "action": e.action,
                        "assignee": (e.assignee.get_full_name() or e.assignee.get_username()) if e.assignee else None,
                        "snoozed_until": e.snoozed_until.isoformat() if e.snoozed_until else None,
                        "note": e.note,
                    }
                    for e in events
                ],
            }
        )
