"""Writes for planned meetings (times, place, agenda, invitations), replies, cancellation,
attendance and minutes; each whole or not at all. (Action items: partners.services.action_items.)

Who must hear of a change is announced through partners.events once the transaction commits:
"request" for a plan or a change of time, place, link, title, agenda or invitees (or of the
contacts named on an invitation), "cancel" for a cancellation or for uninvited organisations.
Each announcement raises the meeting's iCalendar `sequence` by one.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners import permissions as perms
from partners.choices import InvitationReply, MeetingKind
from partners.dates import check_date
from partners.events import MEETING_CANCEL, MEETING_REQUEST, meeting_changes_announce
from partners.models import (
    AgendaItem,
    Coalition,
    Contact,
    Invitation,
    Meeting,
    Organization,
)
from partners.models.coalitions import zone_of
from partners.services.common import apply_fields, claim_version, require, save_changes
from partners.services.meetings import ParticipationInput, _check_participations, _write_participations

# What the planning form and the API may set on a planned meeting; agenda and invitations are
# written whole, apart from these.
PLAN_FIELDS = (
    "title",
    "kind",
    "coalition",
    "partnership",
    "visibility",
    "starts_at",
    "ends_at",
    "place",
    "online_link",
)
# A change to any of these sends every invitee a new invitation.
ANNOUNCED_FIELDS = {"title", "starts_at", "ends_at", "place", "online_link"}
MAX_AGENDA_ITEMS = 50
MAX_INVITATIONS = 200


@dataclass(frozen=True)
class AgendaItemInput:
    title: str
    presenter: Organization | None = None


@dataclass(frozen=True)
class InvitationInput:
    organization: Organization
    contacts: Sequence[Contact] = field(default_factory=tuple)


def _aware(value: datetime.datetime | None, coalition: Coalition | None) -> datetime.datetime | None:
    """A time typed without a zone is read in the coalition's zone (else the site's)."""
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, zone_of(coalition))


def _announce(meeting: Meeting, change: str, organization_ids) -> None:
    ids = sorted(set(organization_ids))
    if ids:
        transaction.on_commit(
            lambda: meeting_changes_announce(meeting_id=meeting.pk, change=change, organization_ids=ids)
        )


def _check_plan(actor, meeting: Meeting, changed: Sequence[str]) -> None:
    if meeting.starts_at is None:
        raise ValidationError({"starts_at": _("Enter when the meeting starts.")})
    if meeting.ends_at is not None and meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"ends_at": _("The end must come after the start.")})
    if meeting.online_link and not meeting.online_link.lower().startswith(("https://", "http://")):
        raise ValidationError({"online_link": _("Enter a web address starting with https://.")})
    local = meeting.starts_at.astimezone(zone_of(meeting.coalition))
    meeting.date = local.date()
    check_date(meeting.date, field="starts_at")
    if meeting.ends_at is not None:
        minutes = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
        if minutes > 60 * 24 * 14:
            raise ValidationError({"ends_at": _("A meeting can last at most 14 days.")})
        meeting.duration_minutes = max(minutes, 1)
    else:
        meeting.duration_minutes = None
    if "coalition" in changed and not perms.can_log_into_coalition(actor, meeting.coalition_id):
        raise ValidationError(
            {"coalition": _("Plan meetings only in a coalition your organisation belongs to, or one you coordinate.")}
        )
    if "partnership" in changed and not perms.can_link_partnership(actor, meeting.partnership):
        raise ValidationError({"partnership": _("Link meetings only to a partnership your organisation is party to.")})


def _check_agenda(agenda: Sequence[AgendaItemInput]) -> None:
    if len(agenda) > MAX_AGENDA_ITEMS:
        raise ValidationError({"agenda": _("An agenda can have at most %(n)d items.") % {"n": MAX_AGENDA_ITEMS}})
    for item in agenda:
        title = (item.title or "").strip()
        if not title:
            raise ValidationError({"agenda": _("Each agenda item needs a title.")})
        if len(title) > 300:
            raise ValidationError({"agenda": _("Keep each agenda item under 300 characters.")})


def _check_invitations(actor, meeting: Meeting, invitations: Sequence[InvitationInput]) -> None:
    ids = [i.organization.pk for i in invitations]
    if not ids:
        raise ValidationError({"invitations": _("Invite at least one organisation.")})
    if len(ids) != len(set(ids)):
        raise ValidationError({"invitations": _("Each organisation can be invited only once.")})
    if len(ids) > MAX_INVITATIONS:
        raise ValidationError({"invitations": _("Invite at most %(n)d organisations.") % {"n": MAX_INVITATIONS}})
    require(
        perms.can_act_for(actor, organization_ids=ids, coalition_id=meeting.coalition_id),
        _("Invite your own organisation, or plan the meeting in a coalition you coordinate."),
    )
    contact_ids = {c.pk for i in invitations for c in i.contacts}
    if contact_ids:
        visible = set(perms.contacts_visible_to(actor).filter(pk__in=contact_ids).values_list("pk", flat=True))
        for invitation in invitations:
            for contact in invitation.contacts:
                if contact.pk not in visible or contact.organization_id != invitation.organization.pk:
                    raise ValidationError(
                        {
                            "invitations": _("Name only contacts of the invited organisation (%(org)s).")
                            % {"org": invitation.organization.name}
                        }
                    )


def _write_agenda(meeting: Meeting, agenda: Sequence[AgendaItemInput]) -> None:
    meeting.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(meeting=meeting, position=n, title=item.title.strip(), presenter=item.presenter)
            for n, item in enumerate(agenda, start=1)
        ]
    )


def _agenda_of(meeting: Meeting) -> list[tuple[str, int | None]]:
    return [(a.title, a.presenter_id) for a in meeting.agenda_items.order_by("position")]


def _write_invitations(meeting: Meeting, invitations: Sequence[InvitationInput]) -> dict[str, set[int]]:
    """Write the invitations whole, keeping the replies of organisations still invited; returns
    the organisations added, removed and whose named contacts changed."""
    existing = {i.organization_id: i for i in meeting.invitations.prefetch_related("contacts")}
    wanted = {i.organization.pk: i for i in invitations}
    removed = set(existing) - set(wanted)
    added = set(wanted) - set(existing)
    recontacted = set()
    Invitation.objects.filter(meeting=meeting, organization_id__in=removed).delete()
    for org_id in added:
        invitation = Invitation.objects.create(meeting=meeting, organization_id=org_id)
        invitation.contacts.set(wanted[org_id].contacts)
    for org_id in set(wanted) & set(existing):
        new = {c.pk for c in wanted[org_id].contacts}
        if new != {c.pk for c in existing[org_id].contacts.all()}:
            existing[org_id].contacts.set(new)
            recontacted.add(org_id)
    return {"added": added, "removed": removed, "recontacted": recontacted}


def meeting_plan(
    *,
    actor,
    agenda: Sequence[AgendaItemInput] = (),
    invitations: Sequence[InvitationInput],
    **data: Any,
) -> Meeting:
    """Plan a meeting: times, place or link, agenda and invited organisations. It has no
    participations until its attendance is recorded, so it counts nowhere before it is held."""
    data.setdefault("kind", MeetingKind.COALITION_MEETING)
    coalition = data.get("coalition")
    require(
        perms.can_plan_meeting(actor, coalition.pk if coalition else None),
        _("Plan meetings in a coalition your organisation belongs to, or one you coordinate."),
    )
    for name in ("starts_at", "ends_at"):
        data[name] = _aware(data.get(name), coalition)
    meeting = Meeting(logged_by=actor)
    apply_fields(meeting, data, set(PLAN_FIELDS))
    _check_plan(actor, meeting, ["coalition", "partnership"])
    meeting.full_clean()
    _check_agenda(agenda)
    _check_invitations(actor, meeting, invitations)
    with transaction.atomic():
        meeting.save()
        _write_agenda(meeting, agenda)
        _write_invitations(meeting, invitations)
        _announce(meeting, MEETING_REQUEST, [i.organization.pk for i in invitations])
    return meeting


def _require_open_plan(meeting: Meeting) -> None:
    if meeting.cancelled_at is not None:
        raise ValidationError({"meeting": _("This meeting was cancelled; plan a new one instead.")})
    if meeting.attendance_recorded_at is not None or meeting.starts_at is None:
        raise ValidationError({"meeting": _("This meeting has been held; edit the activity instead.")})


def meeting_plan_update(
    *,
    actor,
    meeting: Meeting,
    agenda: Sequence[AgendaItemInput] | None = None,
    invitations: Sequence[InvitationInput] | None = None,
    expected_version: int | None = None,
    **data: Any,
) -> Meeting:
    """Change a planned meeting; invitees hear of what concerns them (see the module docstring)."""
    require(perms.can_manage_planned_meeting(actor, meeting))
    _require_open_plan(meeting)
    before = Meeting(pk=meeting.pk, coalition_id=meeting.coalition_id, visibility=meeting.visibility)
    coalition = data.get("coalition", meeting.coalition)
    for name in ("starts_at", "ends_at"):
        if name in data:
            data[name] = _aware(data[name], coalition)
    changed = apply_fields(meeting, data, set(PLAN_FIELDS))
    if perms.widens_meeting_visibility(
        old_coalition_id=before.coalition_id,
        old_visibility=before.visibility,
        new_coalition_id=meeting.coalition_id,
        new_visibility=meeting.visibility,
    ) and not perms.can_widen_meeting_visibility(actor, before):
        raise PermissionDenied(_("Only the coordinators of the meeting's coalition can let more people see it."))
    _check_plan(actor, meeting, changed)
    meeting.full_clean()
    if agenda is not None:
        _check_agenda(agenda)
    if invitations is not None:
        _check_invitations(actor, meeting, invitations)
    with transaction.atomic():
        claim_version(meeting, expected_version)
        agenda_changed = False
        if agenda is not None:
            old = _agenda_of(meeting)
            agenda_changed = old != [(a.title.strip(), a.presenter.pk if a.presenter else None) for a in agenda]
            if agenda_changed:
                _write_agenda(meeting, agenda)
        diff = {"added": set(), "removed": set(), "recontacted": set()}
        if invitations is not None:
            diff = _write_invitations(meeting, invitations)
        current = set(meeting.invitations.values_list("organization_id", flat=True))
        if agenda_changed or ANNOUNCED_FIELDS & set(changed):
            requested = current
        else:
            requested = diff["added"] | diff["recontacted"]
        extra = ["date", "duration_minutes"]
        if requested or diff["removed"]:
            meeting.sequence += 1
            extra.append("sequence")
        save_changes(meeting, [*changed, *extra])
        _announce(meeting, MEETING_REQUEST, requested)
        _announce(meeting, MEETING_CANCEL, diff["removed"])
    return meeting


def meeting_cancel(*, actor, meeting: Meeting, expected_version: int | None = None) -> Meeting:
    """Cancel a planned meeting: it stays (shown as cancelled), counts nowhere, and every
    invitee hears of it."""
    require(perms.can_manage_planned_meeting(actor, meeting))
    _require_open_plan(meeting)
    with transaction.atomic():
        claim_version(meeting, expected_version)
        meeting.cancelled_at = timezone.now()
        meeting.sequence += 1
        # A planned meeting has no participations; should one have any, it must not count.
        meeting.participations.all().delete()
        save_changes(meeting, ["cancelled_at", "sequence"])
        _announce(meeting, MEETING_CANCEL, meeting.invitations.values_list("organization_id", flat=True))
    return meeting


def invitation_reply(*, actor, invitation: Invitation, reply: str) -> Invitation:
    """An invited organisation answers: attending, not attending or maybe."""
    require(perms.can_reply_to_invitation(actor, invitation), _("Only the invited organisation can reply."))
    if reply not in InvitationReply.values or reply == InvitationReply.PENDING:
        raise ValidationError({"reply": _("Answer attending, not attending or maybe.")})
    meeting = invitation.meeting
    if meeting.cancelled_at is not None:
        raise ValidationError({"reply": _("This meeting was cancelled.")})
    if meeting.attendance_recorded_at is not None:
        raise ValidationError({"reply": _("This meeting has been held.")})
    invitation.reply = reply
    invitation.replied_by = actor
    invitation.replied_at = timezone.now()
    invitation.save(update_fields=["reply", "replied_by", "replied_at"])
    return invitation


def meeting_attendance_record(
    *, actor, meeting: Meeting, participations: Sequence[ParticipationInput], expected_version: int | None = None
) -> Meeting:
    """Who came, in one step, once the meeting has started: these become the participations
    the analytics count (their triggers follow the rows). May be corrected later."""
    require(perms.can_record_attendance(actor, meeting), _("Only the organiser or a coordinator records attendance."))
    if meeting.cancelled_at is not None:
        raise ValidationError({"participations": _("This meeting was cancelled.")})
    if meeting.starts_at is None or meeting.starts_at > timezone.now():
        raise ValidationError({"participations": _("Record attendance once the meeting has started.")})
    _check_participations(meeting, participations)
    with transaction.atomic():
        claim_version(meeting, expected_version)
        _write_participations(meeting, participations)
        meeting.attendance_recorded_at = timezone.now()
        save_changes(meeting, ["attendance_recorded_at"])
    return meeting


def meeting_minutes_update(
    *, actor, meeting: Meeting, decisions: str, outcomes: str | None = None, expected_version: int | None = None
) -> Meeting:
    """The minutes: what was decided (and the outcomes), once the meeting is held."""
    require(perms.can_write_minutes(actor, meeting))
    if meeting.cancelled_at is not None or meeting.is_planned or meeting.date > timezone.localdate():
        raise ValidationError({"decisions": _("Write the minutes once the meeting has been held.")})
    data = {"decisions": decisions or ""}
    if outcomes is not None:
        data["outcomes"] = outcomes
    changed = apply_fields(meeting, data, {"decisions", "outcomes"})
    meeting.full_clean()
    with transaction.atomic():
        claim_version(meeting, expected_version)
        save_changes(meeting, changed)
    return meeting


def meeting_delete_allowed(meeting: Meeting) -> bool:
    """A meeting with invitations is cancelled, not deleted (invitees must hear of it)."""
    return not meeting.invitations.exists()
