"""The API of the notifications app: the caller's own e-mail preferences (GET, PUT, PATCH; JSON).

There is no door to anyone else's preferences: the endpoint always answers for the caller.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications.choices import Topic
from notifications.models import NotificationPreference
from notifications.services import preference_get, preference_update


class PreferenceSerializer(serializers.ModelSerializer):
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)

    class Meta:
        model = NotificationPreference
        fields = [*Topic.values, "language"]


class PreferenceView(APIView):
    """Which e-mails you receive and their language. Fields left out of a PATCH keep their value;
    a PUT sets every field (those missing take their defaults: on, and the site's language)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]
    serializer_class = PreferenceSerializer

    @extend_schema(responses=PreferenceSerializer)
    def get(self, request: Request) -> Response:
        return Response(PreferenceSerializer(preference_get(user=request.user)).data)

    def _save(self, request: Request, *, partial: bool) -> Response:
        serializer = PreferenceSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        if not partial:
            defaults = PreferenceSerializer(NotificationPreference(user=request.user)).data
            changes = {**defaults, **changes}
        preference = preference_update(actor=request.user, **changes)
        return Response(PreferenceSerializer(preference).data)

    @extend_schema(request=PreferenceSerializer, responses=PreferenceSerializer)
    def put(self, request: Request) -> Response:
        return self._save(request, partial=False)

    @extend_schema(request=PreferenceSerializer, responses=PreferenceSerializer)
    def patch(self, request: Request) -> Response:
        return self._save(request, partial=True)
