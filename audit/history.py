"""History of domain objects: the selector behind each object's history, and restoring records.

The field-by-field history itself is written by django-simple-history on every save and delete.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from audit.classification import RESTRICTED, classification_of
from audit.events import record
from audit.models import AuditAction
from partners import permissions as perms
from partners.models import (
    Coalition,
    CoalitionCoordinator,
    Contact,
    Meeting,
    Membership,
    Organization,
    Participation,
    Partnership,
    Profile,
)
from partners.services.partnerships import partnership_status_change_record

# Which objects have a history page, and the visibility rule that guards it.
HISTORY_SUBJECTS: dict[str, tuple[type[models.Model], Any]] = {
    "organization": (Organization, perms.organizations_visible_to),
    "contact": (Contact, perms.contacts_visible_to),
    "coalition": (Coalition, perms.coalitions_visible_to),
    "membership": (Membership, perms.memberships_visible_to),
    "partnership": (Partnership, perms.partnerships_visible_to),
    "meeting": (Meeting, perms.meetings_visible_to),
}
# Every model whose deletions an admin may undo (children are restored with their parent).
RESTORABLE_MODELS: list[type[models.Model]] = [
    Organization,
    Contact,
    Coalition,
    Membership,
    Partnership,
    Meeting,
    Participation,
    CoalitionCoordinator,
    Profile,
]
HIDDEN_FIELDS = {"id", "version", "created_at", "updated_at"}
# Models whose every field is as narrow as the object itself: whoever may see the object (its
# visibility rule guards the history page) may see its fields' history. On every other model a
# field classified restricted (an organisation's leadership composition) is shown to admins only.
OBJECT_WIDE_RESTRICTION: set[type[models.Model]] = {Meeting}
# Children deleted by the same cascade are those deleted within this window of their parent.
CASCADE_WINDOW = datetime.timedelta(seconds=10)


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    history_id: int
    at: datetime.datetime
    who: str
    kind: str  # "created", "changed" or "deleted"
    version: int | None
    changes: list[FieldChange] = field(default_factory=list)


def _display(model_field: models.Field, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return f"#{value}"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def history_fields(*, viewer, model: type[models.Model]) -> list[models.Field]:
    """The fields of `model` whose changes `viewer` may read in its history."""
    fields = [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS]
    if perms.is_admin(viewer) or model in OBJECT_WIDE_RESTRICTION:
        return fields
    return [f for f in fields if classification_of(model, f.name) != RESTRICTED]


def object_history(*, viewer, obj: models.Model, limit: int = 50) -> list[HistoryEntry]:
    """The newest `limit` changes of `obj`, field by field, for a viewer who may see the object.

    One query (history rows with their users); the differences are computed in memory.
    Anonymous visitors see no history: it names the people who made each change.
    """
    if not perms.is_signed_in(viewer):
        return []
    model = type(obj)
    rows = list(model.history.filter(id=obj.pk).select_related("history_user").order_by("-history_date")[: limit + 1])
    rows.reverse()
    fields = history_fields(viewer=viewer, model=model)
    withheld = [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS and f not in fields]
    entries: list[HistoryEntry] = []
    previous = None
    for index, row in enumerate(rows):
        kinds = {"+": "created", "~": "changed", "-": "deleted"}
        changes: list[FieldChange] = []
        if row.history_type == "~" and previous is not None:
            for f in fields:
                old, new = getattr(previous, f.attname), getattr(row, f.attname)
                if old != new:
                    changes.append(FieldChange(str(f.verbose_name), _display(f, old), _display(f, new)))
            if not changes and any(getattr(previous, f.attname) != getattr(row, f.attname) for f in withheld):
                previous = row
                continue  # only withheld fields changed: even the fact of the change is not shown
        previous = row
        if index == 0 and len(rows) > limit:
            continue  # read only as the base of the next entry's differences
        entries.append(
            HistoryEntry(
                history_id=row.history_id,
                at=row.history_date,
                who=row.history_user.get_username() if row.history_user else _("system"),
                kind=kinds.get(row.history_type, row.history_type),
                version=getattr(row, "version", None),
                changes=changes,
            )
        )
    entries.reverse()
    return entries


def history_subject(*, viewer, model_name: str, pk: int) -> models.Model:
    """The object whose history is asked for, or 404 when unknown or invisible to the viewer."""
    if model_name not in HISTORY_SUBJECTS:
        raise Http404
    _model, visible_to = HISTORY_SUBJECTS[model_name]
    obj = visible_to(viewer).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


# --- restoring -------------------------------------------------------------------------------


def deleted_records(model: type[models.Model], *, limit: int = 200) -> QuerySet:
    """The latest deletion record of each object of `model` that no longer exists."""
    existing = model.objects.values("pk")
    return (
        model.history.filter(history_type="-")
        .exclude(id__in=existing)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )


def deleted_label(row) -> str:
    """A name for a deleted record read from its history row alone (no query, no related rows)."""
    for attr in ("name", "title"):
        value = getattr(row, attr, "")
        if value:
            return str(value)
    return f"{row.instance_type._meta.verbose_name} #{row.id}"


def model_by_label(label: str) -> type[models.Model]:
    for model in RESTORABLE_MODELS:
        if model._meta.label_lower == label:
            return model
    raise Http404


@transaction.atomic
def record_restore(*, actor, model: type[models.Model], history_id: int) -> models.Model:
    """Bring back a deleted object as it was when deleted, with the children deleted with it."""
    if not perms.can_restore_records(actor):
        raise PermissionDenied(_("Only admins can restore records."))
    historical = model.history.filter(history_id=history_id, history_type="-").first()
    if historical is None:
        raise ValidationError({"history_id": _("No deletion with this number.")})
    if model.objects.filter(pk=historical.id).exists():
        raise ValidationError({"history_id": _("This record exists again; restore a version of it instead.")})
    restored, children = _restore_one(model, historical)
    if model is Partnership:
        partnership_status_change_record(partnership=restored, from_status="", actor=actor)
    record(
        actor,
        AuditAction.RESTORE,
        {"model": model._meta.label_lower, "id": restored.pk, "with": children, "from_history": history_id},
    )
    return restored


def _restore_one(model: type[models.Model], historical) -> tuple[models.Model, list[str]]:
    instance = historical.instance
    for f in model._meta.concrete_fields:
        related_id = getattr(instance, f.attname) if isinstance(f, models.ForeignKey) else None
        if related_id is not None and not f.related_model._default_manager.filter(pk=related_id).exists():
            if not f.null:
                parent = f.related_model._meta.verbose_name
                raise ValidationError({f.name: _("Restore the %(model)s it belongs to first.") % {"model": parent}})
            setattr(instance, f.attname, None)  # the related record is gone too
    if hasattr(instance, "version"):
        instance.version = (historical.version or 0) + 1
    instance.save(force_insert=True)
    if model is Partnership:
        # The deletion's own snapshot is taken after the links are gone: use the last one before it.
        org_ids: list[int] = []
        for earlier in model.history.filter(id=historical.id, history_date__lte=historical.history_date).order_by(
            "-history_date"
        ):
            org_ids = [row.organization_id for row in earlier.organizations.all()]
            if org_ids:
                break
        instance.organizations.set(Organization.objects.filter(pk__in=org_ids))
    if model is Organization and instance.primary_sector_id:
        instance.sectors.add(instance.primary_sector_id)
    restored_children: list[str] = []
    for child_model in RESTORABLE_MODELS:
        for f in child_model._meta.concrete_fields:
            cascades = isinstance(f, models.ForeignKey) and f.remote_field.on_delete is models.CASCADE
            if not (cascades and f.related_model is model):
                continue
            window = (historical.history_date - CASCADE_WINDOW, historical.history_date + CASCADE_WINDOW)
            candidates = child_model.history.filter(
                history_type="-", history_date__range=window, **{f.attname: instance.pk}
            ).exclude(id__in=child_model.objects.values("pk"))
            for child_historical in candidates:
                if child_model.objects.filter(pk=child_historical.id).exists():
                    continue
                try:
                    with transaction.atomic():
                        child, grandchildren = _restore_one(child_model, child_historical)
                except ValidationError:
                    continue  # it also needs another parent that is gone; leave it
                restored_children.append(f"{child_model._meta.label_lower}:{child.pk}")
                restored_children.extend(grandchildren)
    return instance, restored_children


@transaction.atomic
def version_restore(*, actor, obj: models.Model, history_id: int) -> models.Model:
    """Make `obj` look as it did in history record `history_id`; the result is a new version."""
    if not perms.can_restore_records(actor):
        raise PermissionDenied(_("Only admins can restore versions."))
    model = type(obj)
    historical = model.history.filter(id=obj.pk, history_id=history_id).first()
    if historical is None or historical.history_type == "-":
        raise ValidationError({"history_id": _("No version with this number for this record.")})
    old = historical.instance
    from_status = getattr(obj, "status", "")
    for f in model._meta.concrete_fields:
        if f.name not in HIDDEN_FIELDS:
            setattr(obj, f.attname, getattr(old, f.attname))
    obj.full_clean()
    if hasattr(obj, "version"):
        model.objects.filter(pk=obj.pk).update(version=F("version") + 1)
        obj.version = model.objects.filter(pk=obj.pk).values_list("version", flat=True).get()
    obj.save()
    if model is Partnership:
        partnership_status_change_record(partnership=obj, from_status=from_status, actor=actor)
    record(actor, AuditAction.RESTORE, {"model": model._meta.label_lower, "id": obj.pk, "version_of": history_id})
    return obj
