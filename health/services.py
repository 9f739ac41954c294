"""Writes for partnership health: status changes with a reason, the repair log and check-ins.

Like partners.services, each write checks the role rules (health.permissions), runs
`full_clean()` and writes inside one transaction. Restricted rows are looked up through the
visibility querysets first, so an outsider's write fails exactly like a read: 404.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from health import permissions as hperms
from health.choices import AttentionAction, AttentionState
from health.models import AttentionEvent, AttentionWork, CheckIn, RepairLogEntry
from partners.choices import PartnershipStatus
from partners.models import Partnership
from partners.services.common import apply_fields, claim_version, require, save_changes
from partners.services.partnerships import partnership_update

# What the repair-log form may set on an entry, in the order shown.
REPAIR_EDITABLE_FIELDS = ("raised_on", "cause", "action", "outcome", "resolved_on", "notes")
REPAIR_FIELDS = set(REPAIR_EDITABLE_FIELDS)


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def partnership_status_change(
    *, actor, partnership: Partnership, status: str, reason: str, expected_version: int | None = None
) -> Partnership:
    """Move a partnership to another lifecycle status; the reason is required and kept in its history."""
    require(hperms.can_change_status(actor, partnership))
    if status not in PartnershipStatus.values:
        raise ValidationError({"status": _("Pick one of the listed statuses.")})
    if status == partnership.status:
        raise ValidationError({"status": _("The partnership already has this status.")})
    if not (reason or "").strip():
        raise ValidationError({"status_reason": _("Say in a few words why the status changes.")})
    return partnership_update(
        actor=actor, partnership=partnership, status=status, status_reason=reason, expected_version=expected_version
    )


def repair_entry_create(*, actor, partnership: Partnership, **data: Any) -> RepairLogEntry:
    require(hperms.can_write_repair_log(actor, partnership))
    entry = RepairLogEntry(partnership=partnership, logged_by=actor)
    apply_fields(entry, data, REPAIR_FIELDS)
    entry.full_clean()
    with transaction.atomic():
        entry.save()
    return entry


def repair_entry_update(
    *, actor, entry: RepairLogEntry, expected_version: int | None = None, **data: Any
) -> RepairLogEntry:
    require(hperms.can_edit_repair_entry(actor, entry))
    changed = apply_fields(entry, data, REPAIR_FIELDS)
    entry.full_clean()
    with transaction.atomic():
        claim_version(entry, expected_version)
        save_changes(entry, changed)
    return entry


def repair_entry_delete(*, actor, entry: RepairLogEntry, expected_version: int | None = None) -> None:
    require(hperms.can_edit_repair_entry(actor, entry))
    with transaction.atomic():
        claim_version(entry, expected_version)
        entry.delete()


def checkin_submit(
    *, actor, partnership: Partnership, scores: dict[str, int], comment: str = "", today: datetime.date | None = None
) -> CheckIn:
    """Rate the partnership for the actor's organisation and the current quarter.

    A second check-in in the same quarter replaces the first, so each organisation has one
    voice per quarter.
    """
    org_id = hperms.rating_organization_id(actor, partnership)
    require(
        org_id is not None, _("Only staff of a partner organisation rate a partnership, for their own organisation.")
    )
    if partnership.status == PartnershipStatus.ENDED:
        raise ValidationError({"partnership": _("This partnership has ended; it can no longer be rated.")})
    unknown = set(scores) - set(CheckIn.ITEMS)
    missing = set(CheckIn.ITEMS) - set(scores)
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in sorted(unknown)})
    if missing:
        raise ValidationError({name: _("Rate this item from 1 to 4.") for name in sorted(missing)})
    period = quarter_start(today or timezone.localdate())
    with transaction.atomic():
        checkin = (
            CheckIn.objects.select_for_update()
            .filter(partnership=partnership, organization_id=org_id, period=period)
            .first()
        ) or CheckIn(partnership=partnership, organization_id=org_id, period=period)
        for name, value in scores.items():
            setattr(checkin, name, value)
        checkin.comment = comment or ""
        checkin.submitted_by = actor
        checkin.submitted_at = timezone.now()
        checkin.full_clean()
        checkin.save()
    return checkin


# --- the work on needs-attention items ---------------------------------------------------------
# Each action takes an item the actor already sees (health.selectors.attention.attention_item_get),
# checks that they may work on it, updates its AttentionWork row and adds one AttentionEvent (the
# history), in one transaction.

SNOOZE_MAX_DAYS = 365


def _work_for(item) -> AttentionWork:
    work, _created = AttentionWork.objects.select_for_update().get_or_create(
        key=item.key,
        defaults={"kind": item.kind, "coalition": item.coalition, "partnership": item.partnership},
    )
    return work


def _act(*, actor, item, action: str, change, **event) -> AttentionWork:
    if not hperms.can_work_on_attention_item(actor, item):
        raise PermissionDenied(
            _("Only the coalition's coordinators, the organisations concerned and admins work on this item.")
        )
    with transaction.atomic():
        work = _work_for(item)
        change(work)
        work.full_clean()
        work.save()
        AttentionEvent.objects.create(work=work, actor=actor, action=action, **event)
    item.work = work
    return work


def attention_acknowledge(*, actor, item) -> AttentionWork:
    """Say "seen, someone is looking at it": the item stays on the list, marked acknowledged."""

    def change(work):
        work.state = AttentionState.ACKNOWLEDGED
        work.acknowledged_by, work.acknowledged_at = actor, timezone.now()
        work.snoozed_until, work.snooze_reason = None, ""

    return _act(actor=actor, item=item, action=AttentionAction.ACKNOWLEDGE, change=change)


def attention_assign(*, actor, item, assignee) -> AttentionWork:
    """Put a person on the item (None: nobody). They must be able to work on it themselves."""
    from health.selectors.attention.work import attention_assignees

    if assignee is not None and not attention_assignees(item).filter(pk=assignee.pk).exists():
        raise ValidationError(
            {"assignee": _("Choose a coordinator of the coalition or a member of an organisation concerned.")}
        )

    def change(work):
        work.assignee = assignee
        if work.state == AttentionState.OPEN:
            work.state = AttentionState.ACKNOWLEDGED
            work.acknowledged_by, work.acknowledged_at = actor, timezone.now()

    action = AttentionAction.ASSIGN if assignee is not None else AttentionAction.UNASSIGN
    return _act(actor=actor, item=item, action=action, change=change, assignee=assignee)


def attention_snooze(
    *, actor, item, until: datetime.date, reason: str, today: datetime.date | None = None
) -> AttentionWork:
    """Hide the item until `until` (it comes back by itself on that day), with a reason."""
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    errors = {}
    if until is None or until <= today:
        errors["until"] = _("Choose a day after today.")
    elif until > today + datetime.timedelta(days=SNOOZE_MAX_DAYS):
        errors["until"] = _("Snooze for at most a year.")
    if not reason:
        errors["reason"] = _("Say why it can wait, for example “waiting for the new director”.")
    elif len(reason) > 300:
        errors["reason"] = _("Keep the reason under 300 characters.")
    if errors:
        raise ValidationError(errors)

    def change(work):
        work.state = AttentionState.SNOOZED
        work.snoozed_until, work.snooze_reason = until, reason

    return _act(actor=actor, item=item, action=AttentionAction.SNOOZE, change=change, snoozed_until=until, note=reason)


def attention_resolve(*, actor, item, note: str) -> AttentionWork:
    """Mark the item resolved, with a note. It stays hidden until its condition recurs (its date
    changes: health.selectors.attention.work)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say briefly what was done, for example “MOU renewed until 2027”.")})
    if len(note) > 2000:
        raise ValidationError({"note": _("Keep the note under 2,000 characters.")})

    def change(work):
        work.state = AttentionState.RESOLVED
        work.resolved_by, work.resolved_at = actor, timezone.now()
        work.resolution_note, work.resolved_condition_date = note, item.date
        work.snoozed_until, work.snooze_reason = None, ""

    return _act(actor=actor, item=item, action=AttentionAction.RESOLVE, change=change, note=note)


def attention_reopen(*, actor, item) -> AttentionWork:
    """Back to open: ends a snooze or undoes a resolution."""

    def change(work):
        work.state = AttentionState.OPEN
        work.snoozed_until, work.snooze_reason = None, ""

    return _act(actor=actor, item=item, action=AttentionAction.REOPEN, change=change)
