"""Optimistic locking over HTTP: ETags from each record's `version`, and If-Match on writes.

A detail response carries `ETag: "<version>"`. A PUT, PATCH or DELETE may send that value back
in `If-Match` (or the `version` field in the body); when the record has changed since, the
service raises StaleObjectError and the caller gets 412 with the fields that changed. Without
either, the write applies to the version the request read.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

_ETAG = re.compile(r'^\s*(?:W/)?"(\d{1,10})"\s*$')


def etag_for(instance) -> str:
    return f'"{instance.version}"'


def expected_version(request) -> int | None:
    """The version the caller last saw: If-Match first, then a `version` in the body."""
    header = request.headers.get("If-Match")
    if header is not None and header.strip() != "*":
        match = _ETAG.match(header)
        if match is None:
            raise ValidationError({"If-Match": [_('Send the ETag of the record, like "3".')]})
        return int(match.group(1))
    body = request.data.get("version") if hasattr(request.data, "get") else None
    if body is None or body == "":
        return None
    try:
        version = int(body)
    except (TypeError, ValueError):
        raise ValidationError({"version": [_("Enter the whole-number version you last read.")]})
    if version < 1:
        raise ValidationError({"version": [_("Enter the whole-number version you last read.")]})
    return version


class VersionedMixin:
    """Adds the ETag to detail responses and answers `If-None-Match` with 304."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        etag = etag_for(instance)
        if request.headers.get("If-None-Match", "").strip() in (etag, f"W/{etag}"):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        serializer = self.get_serializer(instance)
        return Response(serializer.data, headers={"ETag": etag})

    def versioned_response(self, instance, *, status_code: int = status.HTTP_200_OK) -> Response:
        data = self.get_serializer(instance).data
        return Response(data, status=status_code, headers={"ETag": etag_for(instance)})


class StaleSerializer(serializers.Serializer):
    detail = serializers.CharField()
    changed_fields = serializers.ListField(child=serializers.CharField())
    current_version = serializers.IntegerField()


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        'The ETag of the record as you last read it (e.g. `"3"`). When the record has changed since, '
        "the write is refused with 412 and the names of the fields that changed. The `version` field "
        "in the body does the same."
    ),
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag you hold; 304 without a body when the record has not changed.",
)
STALE = OpenApiResponse(StaleSerializer, description="The record changed since the version you sent.")


def versioned_schema(serializer, **extra):
    """extend_schema_view for a viewset whose records carry a version (ETag, If-Match, 412)."""
    views = {
        "retrieve": extend_schema(parameters=[IF_NONE_MATCH], responses={200: serializer, 304: None}),
        "update": extend_schema(parameters=[IF_MATCH], responses={200: serializer, 412: STALE}),
        "partial_update": extend_schema(parameters=[IF_MATCH], responses={200: serializer, 412: STALE}),
        "destroy": extend_schema(parameters=[IF_MATCH], responses={204: None, 412: STALE}),
    }
    views.update(extra)
    return extend_schema_view(**views)
