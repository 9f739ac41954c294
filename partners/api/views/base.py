"""The viewset every versioned resource builds on: reads through a selector, writes through services."""

from __future__ import annotations

from typing import Any

from rest_framework import status, viewsets
from rest_framework.response import Response

from partners.api.idempotency import IdempotentWritesMixin
from partners.api.versioning import VersionedMixin, expected_version
from partners.exports.api import ExportListMixin


class ServiceViewSet(IdempotentWritesMixin, ExportListMixin, VersionedMixin, viewsets.ModelViewSet):
    """A resource whose reads start from a selector and whose writes call services.

    Subclasses define `get_queryset` (a selector for the viewer) and the three hooks
    `create_object`, `update_object` and `delete_object`, which call the services. The
    serializer checks shape only; the services check roles and rules and raise the errors the
    exception handler turns into 400, 403 and 412. After a write the record is read again
    through the selector, so the response shows exactly what a read would. A write sent with an
    `Idempotency-Key` runs once (partners.api.idempotency). Lists also download whole as
    `?format=csv` or `?format=xlsx` (partners.exports.api).
    """

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def filter_queryset(self, queryset):
        # Query-string filters narrow lists; a detail URL names its record whatever the filters.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def create_object(self, data: dict[str, Any]):
        raise NotImplementedError

    def update_object(self, instance, data: dict[str, Any], version: int | None):
        raise NotImplementedError

    def delete_object(self, instance, version: int | None) -> None:
        raise NotImplementedError

    def reread(self, instance):
        return self.get_queryset().filter(pk=instance.pk).first() or instance

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.create_object(dict(serializer.validated_data))
        return self.versioned_response(self.reread(instance), status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        version = expected_version(request)
        instance = self.update_object(instance, dict(serializer.validated_data), version)
        return self.versioned_response(self.reread(instance))

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        self.delete_object(instance, expected_version(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


def unchanged_dropped(data: dict[str, Any], instance, *names: str) -> dict[str, Any]:
    """Drop fields set once at creation when the caller echoes them unchanged; a changed value
    stays in `data`, and the service refuses it naming the field."""
    for name in names:
        if name in data and data[name] == getattr(instance, name):
            data.pop(name)
    return data
