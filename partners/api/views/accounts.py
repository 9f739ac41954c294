"""API views for the caller's own personal API tokens: list, create (key shown once), revoke."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from partners.api.access import SignedIn
from partners.api.idempotency import IdempotentWritesMixin
from partners.api.serializers.accounts import ApiTokenCreatedSerializer, ApiTokenSerializer
from partners.models import ApiToken
from partners.services import accounts as services


@extend_schema_view(
    create=extend_schema(
        request=ApiTokenSerializer,
        responses={201: ApiTokenCreatedSerializer},
        description="Create a token. The response holds the key, shown this once, and when the token expires "
        "(API_TOKEN_LIFETIME_DAYS after now). Needs a signed-in session.",
    ),
    destroy=extend_schema(description="Revoke one of your tokens; it stops working at once."),
)
class ApiTokenViewSet(
    IdempotentWritesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your personal API tokens. Send one as `Authorization: Token <key>`."""

    serializer_class = ApiTokenSerializer
    permission_classes = [SignedIn]
    filter_backends: list = []
    idempotent_replay_withheld = (
        "This Idempotency-Key was already used to create a token; its secret cannot be shown again. "
        "Create a new token (with a new key) if you did not receive it."
    )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return ApiToken.objects.none()
        # Only the caller's own tokens exist for them: anyone else's is a 404.
        return ApiToken.objects.filter(user=self.request.user).order_by("-created_at", "-id")

    def create(self, request, *args, **kwargs):
        if isinstance(request.auth, ApiToken):
            # A leaked token must not be able to mint its own replacements.
            raise PermissionDenied(_("Create tokens from a signed-in session, not with a token."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, key = services.api_token_create(actor=request.user, name=serializer.validated_data["name"])
        token.key = key
        return Response(ApiTokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.api_token_revoke(actor=self.request.user, token=instance)
