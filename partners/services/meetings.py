"""Writes for meetings and joint activities with their participations, saved whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partners import permissions as perms
from partners.choices import JOINT_KINDS, MeetingVisibility, ParticipationRole
from partners.dates import check_date
from partners.models import Meeting, Organization, Participation
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


def meeting_create(*, actor, participations: Sequence[ParticipationInput], **data: Any) -> Meeting:
    meeting = Meeting(logged_by=actor if perms.is_signed_in(actor) else None)
    apply_fields(meeting, data, MEETING_FIELDS)
    org_ids = [p.organization.pk for p in participations]
    require(
        perms.can_act_for(actor, organization_ids=org_ids, coalition_id=meeting.coalition_id),
        _("You can log only activities your organisation took part in, or those of a coalition you coordinate."),
    )
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
    widening = (
        data.get("visibility") == MeetingVisibility.COALITION and meeting.visibility == MeetingVisibility.PARTICIPANTS
    )
    changed = apply_fields(meeting, data, MEETING_FIELDS)
    if widening:
        require(
            perms.can_widen_meeting_visibility(actor, meeting),
            _("Only the coalition's coordinators can open a participants-only activity to the coalition."),
        )
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
    require(perms.can_edit_meeting(actor, meeting))
    with transaction.atomic():
        claim_version(meeting, expected_version)
        meeting.delete()
