"""Records every change of a partnership's status (who, when, why), whichever door it came through.

A service that changes the status calls `note_status_change` before saving, to say who acted
and why; the post_save handler below then writes the StatusChange row. Saves that do not say
(the admin, a shell) are still recorded, with the signed-in user of the request when there is one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models.signals import post_init, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from health.models import StatusChange
from partners.models import Partnership

REASON_MAX_LENGTH = StatusChange._meta.get_field("reason").max_length


def note_status_change(partnership: Partnership, *, actor, reason: str = "") -> None:
    """Attach the actor and reason to the next save of `partnership` (checked here, before any write)."""
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"status_reason": _("Keep the reason under %(n)d characters.") % {"n": REASON_MAX_LENGTH}}
        )
    partnership._health_status_actor = actor
    partnership._health_status_reason = reason


def _request_user():
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@receiver(post_init, sender=Partnership)
def remember_loaded_status(sender, instance: Partnership, **kwargs) -> None:
    # __dict__, not the attribute: reading a deferred field would cost a query per row.
    instance._health_loaded_status = instance.__dict__.get("status")


@receiver(post_save, sender=Partnership)
def record_status_change(sender, instance: Partnership, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return  # loading fixtures
    before = getattr(instance, "_health_loaded_status", None)
    if not created and (before is None or before == instance.status):
        return
    actor = instance.__dict__.pop("_health_status_actor", None) or _request_user()
    if actor is not None and not actor.is_authenticated:
        actor = None
    StatusChange.objects.create(
        partnership=instance,
        from_status="" if created else before,
        to_status=instance.status,
        changed_by=actor,
        reason=instance.__dict__.pop("_health_status_reason", ""),
    )
    instance._health_loaded_status = instance.status
