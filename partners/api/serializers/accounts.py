"""Serializers for personal API tokens: the key appears once, in the create response."""

from __future__ import annotations

from rest_framework import serializers

from partners.api.serializers.base import StrictModelSerializer
from partners.models import ApiToken


class ApiTokenSerializer(StrictModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "expires_at"]
        read_only_fields = ["id", "prefix", "created_at", "last_used_at", "expires_at"]


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    key = serializers.CharField(
        read_only=True, help_text="The token itself. It is shown this once; only its hash is kept."
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
        read_only_fields = [*ApiTokenSerializer.Meta.read_only_fields, "key"]
