"""Helpers shared by the services: permission checks, field application, optimistic locking."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from partners.exceptions import StaleObjectError


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("You are not allowed to do this."))


def apply_fields(instance: models.Model, data: dict[str, Any], allowed: set[str]) -> list[str]:
    """Set the given plain fields on `instance`, refusing any field not in `allowed`.

    Returns the names of the fields whose value changed.
    """
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in sorted(unknown)})
    changed = []
    for name, value in data.items():
        if getattr(instance, name, None) != value:
            setattr(instance, name, value)
            changed.append(name)
    if instance.pk is not None:  # a new row is saved whole
        _unsaved(instance).update(dict.fromkeys(changed))
    return changed


def _unsaved(instance: models.Model) -> dict[str, None]:
    """The fields set on this copy and not yet saved for good (ordered, as a dict's keys). A call
    that set them and then failed (a permission, a rule, a rolled-back transaction) leaves them
    here, so the next save of the same copy still writes them."""
    return instance.__dict__.setdefault("_unsaved_fields", {})


def save_changes(instance: models.Model, changed: list[str]) -> None:
    """Save an update: only the fields that changed (as `apply_fields` returned them, and any set
    on this copy by an earlier call that failed), the version `claim_version` raised and the
    update stamp, so a save never writes back a column it did not mean to change."""
    unsaved = _unsaved(instance)
    unsaved.update(dict.fromkeys(changed))
    instance.save(update_fields=[*unsaved, "version", "updated_at"])
    transaction.on_commit(lambda: instance.__dict__.pop("_unsaved_fields", None))


def claim_version(instance: models.Model, expected_version: int | None) -> None:
    """Raise the stored version by one, or raise StaleObjectError when the caller's copy is old.

    Must run inside the write's transaction. The conditional UPDATE makes two concurrent saves
    of the same version impossible: only one of them matches the row.
    """
    version = instance.version if expected_version is None else expected_version
    model = type(instance)
    updated = model.objects.filter(pk=instance.pk, version=version).update(version=F("version") + 1)
    if not updated:
        current = model.objects.get(pk=instance.pk)
        raise StaleObjectError(current=current, changed_fields=changed_since(current, version))
    instance.version = version + 1


def validate_distinct(ids: list[int], *, field: str, minimum: int, message: str) -> None:
    if len(ids) != len(set(ids)):
        raise ValidationError({field: _("Each organisation can be listed only once.")})
    if len(ids) < minimum:
        raise ValidationError({field: message})


def changed_since(current: models.Model, version: int) -> list[str]:
    """Names of the fields that differ between `current` and its history record at `version`."""
    history = getattr(current, "history", None)
    old = history.filter(version=version).order_by("-history_date").first() if history is not None else None
    if old is None:
        return []
    return [
        f.name
        for f in type(current)._meta.concrete_fields
        if f.name not in {"version", "updated_at"} and getattr(old, f.attname, None) != getattr(current, f.attname)
    ]
