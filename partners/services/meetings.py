"""Writes for meetings and joint activities with their participations, saved whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partners import permissions as perms
from partners.choices import JOINT_KINDS, ParticipationRole
from partners.dates import check_date
from partners.events import ACTIVITIES_FILED, event_announce
from partners.models import Coalition, Meeting, Organization, Participation
from partners.services.common import apply_fields, claim_version, require, save_changes

# What the activity form, the API and an import may set on an activity, in the order shown; the
# participations are written whole, apart from the other fields.
MEETING_EDITABLE_FIELDS = (
    "date",
    "kind",
    "title",
    "duration_minutes",
    "coalition",
    "partnership",
    "visibility",
    "outcomes",
    "participations",
)
MEETING_FIELDS = set(MEETING_EDITABLE_FIELDS) - {"participations"}


@dataclass(frozen=True)
class ParticipationInput:
    """One organisation's part in a meeting, as given by a form, a serializer or an import."""

    organization: Organization
    role: str = ParticipationRole.PARTICIPANT
    attendees: int | None = None


def _check_participations(meeting: Meeting, participations: Sequence[ParticipationInput]) -> None:
    ids = [p.organization.pk for p in participations]
    if len(ids) != len(set(ids)):
        raise ValidationError({"participations": _("Each organisation can be listed only once.")})
    if not ids:
        raise ValidationError({"participations": _("Add at least one participating organisation.")})
    if meeting.kind in JOINT_KINDS and len(ids) < 2:
        raise ValidationError(
            {
                "participations": _("A %(kind)s needs at least two distinct organisations.")
                % {"kind": meeting.get_kind_display().lower()}
            }
        )
    for p in participations:
        if p.role not in ParticipationRole.values:
            raise ValidationError({"participations": _("Unknown role %(role)r.") % {"role": p.role}})
        if p.attendees is not None and not 0 <= p.attendees <= 10000:
            raise ValidationError({"participations": _("Attendees must be between 0 and 10,000.")})


def _check_date(meeting: Meeting) -> None:
    check_date(meeting.date, field="date")


def _write_participations(meeting: Meeting, participations: Sequence[ParticipationInput]) -> None:
    meeting.participations.all().delete()
    Participation.objects.bulk_create(
        [
            Participation(meeting=meeting, organization=p.organization, role=p.role, attendees=p.attendees)
            for p in participations
        ]
    )


def _check_where_logged(actor, meeting: Meeting, changed: Sequence[str]) -> None:
    """A coalition the actor may log into, a partnership the actor may link to (checked when set
    or changed, so an activity filed earlier can still be edited by its participants)."""
    if "coalition" in changed and not perms.can_log_into_coalition(actor, meeting.coalition_id):
        raise ValidationError(
            {
                "coalition": _(
                    "Log activities only into a coalition your organisation belongs to, or one you coordinate."
                )
            }
        )
    if "partnership" in changed and not perms.can_link_partnership(actor, meeting.partnership):
        raise ValidationError(
            {"partnership": _("Link activities only to a partnership your organisation is party to.")}
        )


def meeting_create(*, actor, participations: Sequence[ParticipationInput], **data: Any) -> Meeting:
    meeting = Meeting(logged_by=actor if perms.is_signed_in(actor) else None)
    apply_fields(meeting, data, MEETING_FIELDS)
    org_ids = [p.organization.pk for p in participations]
    require(
        perms.can_act_for(actor, organization_ids=org_ids, coalition_id=meeting.coalition_id),
        _("You can log only activities your organisation took part in, or those of a coalition you coordinate."),
    )
    _check_where_logged(actor, meeting, ["coalition", "partnership"])
    meeting.full_clean()
    _check_date(meeting)
    _check_participations(meeting, participations)
    with transaction.atomic():
        meeting.save()
        _write_participations(meeting, participations)
    return meeting


def meeting_update(
    *,
    actor,
    meeting: Meeting,
    participations: Sequence[ParticipationInput] | None = None,
    expected_version: int | None = None,
    **data: Any,
) -> Meeting:
    require(perms.can_edit_meeting(actor, meeting))
    if meeting.is_planned:
        # Its times, agenda and invitees are the plan's (invitees must hear of changes), and it
        # has no outcomes before it is held.
        raise ValidationError(
            {
                "meeting": _(
                    "This meeting is still planned: change its plan, and record its attendance once it has taken place."
                )
            }
        )
    # The activity as it was: the widening rule compares with it, and its coalition decides.
    before = Meeting(pk=meeting.pk, coalition_id=meeting.coalition_id, visibility=meeting.visibility)
    changed = apply_fields(meeting, data, MEETING_FIELDS)
    widening = perms.widens_meeting_visibility(
        old_coalition_id=before.coalition_id,
        old_visibility=before.visibility,
        new_coalition_id=meeting.coalition_id,
        new_visibility=meeting.visibility,
    )
    if widening and not perms.can_widen_meeting_visibility(actor, before):
        raise PermissionDenied(
            _(
                "Only the coordinators of the activity's coalition can let more people see it: open a "
                "participants-only activity, move it to another coalition, or take it out of its coalition."
            )
        )
    _check_where_logged(actor, meeting, changed)
    if participations is not None:
        require(
            perms.can_act_for(
                actor, organization_ids=[p.organization.pk for p in participations], coalition_id=meeting.coalition_id
            ),
            _("Keep your own organisation among the participants, or ask a coordinator."),
        )
    meeting.full_clean()
    _check_date(meeting)
    if participations is not None:
        _check_participations(meeting, participations)
    elif meeting.kind in JOINT_KINDS and meeting.participations.count() < 2:
        raise ValidationError({"kind": _("This kind needs at least two participating organisations.")})
    with transaction.atomic():
        claim_version(meeting, expected_version)
        save_changes(meeting, changed)
        if participations is not None:
            _write_participations(meeting, participations)
    return meeting


def meeting_delete(*, actor, meeting: Meeting, expected_version: int | None = None) -> None:
    require(perms.can_edit_meeting(actor, meeting) or perms.can_manage_planned_meeting(actor, meeting))
    if meeting.invitations.exists():
        # Invitees hold it in their calendars: a cancellation reaches them, a deletion would not.
        raise ValidationError({"meeting": _("This meeting has invitations: cancel it instead of deleting it.")})
    with transaction.atomic():
        claim_version(meeting, expected_version)
        meeting.delete()


def meetings_file_into_coalition(*, actor, coalition: Coalition, meetings: Sequence[Meeting]) -> int:
    """Put activities without a coalition into `coalition` (the coordinators' data-quality list),
    all or none; returns how many.

    Each activity must have had two or more of the coalition's current members among its
    participants. Each save goes through the same write as an edit (version raised, only the
    coalition written), so the activity's history (django-simple-history) records who filed it,
    when and, as the change reason, that it was filed from the list and how many were filed at once.
    """
    from partners.selectors.unfiled import MIN_MEMBERS, members_taking_part

    meetings = list(meetings)
    for meeting in meetings:
        require(
            perms.can_file_meeting(actor, meeting, coalition),
            _("Only the coalition's coordinators can file coalition-wide activities without a coalition into it."),
        )
    counts = dict(
        Meeting.objects.filter(pk__in=[m.pk for m in meetings])
        .annotate(n=members_taking_part(coalition))
        .values_list("pk", "n")
    )
    if any((counts.get(m.pk) or 0) < MIN_MEMBERS for m in meetings):
        raise ValidationError(
            {"meeting": _("File only activities in which two or more of the coalition's members took part.")}
        )
    reason = _("Filed into %(coalition)s from the list of activities without a coalition (%(n)d at once).") % {
        "coalition": coalition.name,
        "n": len(meetings),
    }
    with transaction.atomic():
        for meeting in meetings:
            claim_version(meeting, None)
            meeting.coalition = coalition
            meeting._change_reason = reason
            save_changes(meeting, ["coalition"])
        event_announce(
            actor=actor,
            action=ACTIVITIES_FILED,
            detail={"coalition": coalition.slug, "meetings": sorted(m.pk for m in meetings), "count": len(meetings)},
        )
    return len(meetings)
