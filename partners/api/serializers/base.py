"""Serializer pieces shared by every resource: strict field names and visibility-aware lookups."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.utils.translation import gettext as _
from rest_framework import serializers

# Fields a client may send back unchanged from a read (they are ignored, never applied).
ECHOED = {"id", "url", "version", "created_at", "updated_at"}


class StrictSerializerMixin:
    """Refuse fields the resource does not have, naming them, so a typo or an attempt to set
    something not offered (a role, an owner) is a 400 rather than silently ignored. Read-only
    fields may be echoed back from a read; they are ignored."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = set(data) - set(self.fields) - ECHOED
            if unknown:
                raise serializers.ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
        return super().to_internal_value(data)


class StrictModelSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    pass


class VisibleSlugField(serializers.SlugRelatedField):
    """A related object by slug, looked up among what the requesting user may see, so an
    invisible object reads as "does not exist"."""

    def __init__(self, visible: Callable, **kwargs):
        self.visible = visible
        kwargs.setdefault("slug_field", "slug")
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", visible(None))  # replaced per request in get_queryset
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.visible(getattr(request, "user", None))


class VisiblePrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A related object by id among what the requesting user may see."""

    def __init__(self, visible: Callable, **kwargs):
        self.visible = visible
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", visible(None))
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.visible(getattr(request, "user", None))
