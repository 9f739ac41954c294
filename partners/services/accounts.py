"""Writes for accounts: roles (admin only) and personal API tokens (their owner only)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partners import permissions as perms
from partners.models import ApiToken, Coalition, CoalitionCoordinator, Organization, Profile
from partners.services.common import require

MAX_TOKENS_PER_USER = 20


def profile_set_organization(*, actor, user, organization: Organization | None) -> Profile:
    require(perms.can_manage_accounts(actor))
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.organization = organization
    profile.save()
    perms.forget_roles(user)
    return profile


def coordinator_grant(*, actor, user, coalition: Coalition) -> CoalitionCoordinator:
    require(perms.can_manage_accounts(actor))
    role, _created = CoalitionCoordinator.objects.get_or_create(user=user, coalition=coalition)
    perms.forget_roles(user)
    return role


def coordinator_revoke(*, actor, user, coalition: Coalition) -> None:
    require(perms.can_manage_accounts(actor))
    for role in CoalitionCoordinator.objects.filter(user=user, coalition=coalition):
        role.delete()  # one by one, so the audit trail records each
    perms.forget_roles(user)


def api_token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """Create a token for the actor; returns the row and the key, which is never shown again."""
    require(perms.is_signed_in(actor))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name so you can recognise it later.")})
    if len(name) > 100:
        raise ValidationError({"name": _("Use at most 100 characters.")})
    with transaction.atomic():
        if ApiToken.objects.filter(user=actor).count() >= MAX_TOKENS_PER_USER:
            raise ValidationError({"name": _("You have too many tokens; revoke one you no longer use.")})
        key = ApiToken.new_key()
        token = ApiToken.objects.create(
            user=actor, name=name, prefix=key[: ApiToken.PREFIX_LENGTH], key_hash=ApiToken.hash_key(key)
        )
    return token, key


def api_token_revoke(*, actor, token: ApiToken) -> None:
    require(perms.is_signed_in(actor) and token.user_id == actor.pk)
    token.delete()
