"""Writes of the notifications app: a person's preferences and an unsubscribe by signed link."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from notifications.choices import Topic
from notifications.models import AddressOptOut, NotificationPreference
from notifications.tokens import Unsubscribe

PREFERENCE_EDITABLE_FIELDS = [*Topic.values, "language"]


def preference_get(*, user) -> NotificationPreference:
    """The user's preferences: the stored row, or the defaults (unsaved) when there is none."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)


@transaction.atomic
def preference_update(*, actor, **changes) -> NotificationPreference:
    """Change the actor's own preferences (only theirs: there is no other door)."""
    unknown = set(changes) - set(PREFERENCE_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be changed."))
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
    changed = [name for name, value in changes.items() if getattr(preference, name) != value]
    for name in changed:
        setattr(preference, name, changes[name])
    preference.full_clean(exclude=["user"])
    if changed:
        preference.save(update_fields=[*changed, "updated_at"])
    return preference


@transaction.atomic
def unsubscribe_apply(*, request: Unsubscribe) -> bool:
    """Turn one topic off for the person or address a signed link names. False when the link names
    a person who no longer exists (nothing to do)."""
    from django.contrib.auth import get_user_model

    if request.user_id is not None:
        user = get_user_model().objects.filter(pk=request.user_id).first()
        if user is None:
            return False
        preference_update(actor=user, **{request.topic: False})
        return True
    AddressOptOut.objects.get_or_create(address=request.address.lower(), topic=request.topic)
    return True
