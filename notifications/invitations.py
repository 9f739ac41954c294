"""Meeting invitation e-mails: METHOD:REQUEST when a meeting is planned or changed, METHOD:CANCEL
when it is cancelled or an organisation is uninvited, and the reminder 3 days before.

Recipients are the users of each invited organisation who want meeting e-mails and may see the
meeting, and the invitation's named contacts (addresses that are not users', unless they opted
out). A user who may no longer see a meeting (their organisation was uninvited) gets a CANCEL
that names no detail of it: the UID alone removes it from their calendar.

Each message carries ATTENDEE lines for its own recipient only: the other invitees' addresses
are personal data the recipient may not see. The invited organisations are named in the text.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import delivery, ical, mail
from notifications.choices import NotificationKind, Topic
from notifications.recipients import address_wants, users_who_want
from partners import permissions as perms
from partners.choices import InvitationReply
from partners.models import Meeting

logger = logging.getLogger(__name__)

DEFAULT_LENGTH = datetime.timedelta(hours=1)
REQUEST = "request"
CANCEL = "cancel"


def meeting_for_mail(meeting_id: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("coalition")
        .prefetch_related("agenda_items__presenter", "invitations__organization", "invitations__contacts")
        .filter(pk=meeting_id)
        .first()
    )


def _times(meeting: Meeting) -> tuple[datetime.datetime, datetime.datetime] | None:
    if meeting.starts_at is None:
        return None
    if meeting.ends_at:
        return meeting.starts_at, meeting.ends_at
    if meeting.duration_minutes:
        return meeting.starts_at, meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes)
    return meeting.starts_at, meeting.starts_at + DEFAULT_LENGTH


def _organizer(meeting: Meeting) -> ical.Attendee:
    name = meeting.coalition.name if meeting.coalition else "Coalition Tracker"
    # DEFAULT_FROM_EMAIL may carry a display name ("Coalition Tracker <ct@example.org>").
    _display, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return ical.Attendee(name=name, address=address or settings.DEFAULT_FROM_EMAIL)


def _description(meeting: Meeting, url: str) -> str:
    lines = []
    agenda = list(meeting.agenda_items.all())
    if agenda:
        lines.append(_("Agenda:"))
        for item in agenda:
            presenter = f" ({item.presenter.name})" if item.presenter else ""
            lines.append(f"{item.position}. {item.title}{presenter}")
    if meeting.online_link:
        lines.append(_("Online: %(link)s") % {"link": meeting.online_link})
    lines.append(_("Reply for your organisation on Coalition Tracker: %(url)s") % {"url": url})
    return "\n".join(lines)


def calendar_text(*, meeting: Meeting, method: str, attendee: ical.Attendee, detailed: bool = True) -> str:
    """The iTIP text of one message: REQUEST or CANCEL, for one attendee."""
    start, end = _times(meeting)
    url = mail.absolute(meeting.get_absolute_url())
    return ical.invitation(
        ical.Invitation(
            method=method,
            uid=meeting.ical_uid,
            sequence=meeting.sequence,
            start=start,
            end=end,
            summary=meeting.title if detailed else _("Cancelled meeting"),
            stamp=timezone.now(),
            organizer=_organizer(meeting),
            attendees=(attendee,),
            description=_description(meeting, url) if detailed else "",
            location=(meeting.place or meeting.online_link) if detailed else "",
            url=url if detailed else "",
        )
    )


@dataclass
class Recipient:
    address: str
    name: str
    user: object | None = None
    detailed: bool = True  # may see the meeting


def recipients(meeting: Meeting, organization_ids: list[int], *, include_contacts: bool = True) -> list[Recipient]:
    """Who hears of a change for these organisations, each address once: users first, then the
    named contacts of their invitations."""
    found: dict[str, Recipient] = {}
    users = users_who_want(
        Topic.MEETINGS, get_user_model().objects.filter(profile__organization_id__in=organization_ids)
    ).order_by("username")
    for user in users:
        visible = perms.meetings_visible_to(user).filter(pk=meeting.pk).exists()
        found.setdefault(
            user.email.lower(),
            Recipient(
                address=user.email, name=user.get_full_name() or user.get_username(), user=user, detailed=visible
            ),
        )
    if include_contacts:
        for invitation in meeting.invitations.all():
            if invitation.organization_id not in organization_ids:
                continue
            for contact in invitation.contacts.all():
                address = (contact.email or "").strip()
                if address and address.lower() not in found and address_wants(Topic.MEETINGS, address):
                    found[address.lower()] = Recipient(address=address, name=contact.name)
    return list(found.values())


def _local(meeting: Meeting, value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(meeting.tzinfo)


def invitation_message(*, meeting: Meeting, method: str, recipient: Recipient, reminder: bool = False):
    """One invitation, cancellation or reminder, in the recipient's language."""
    attendee = ical.Attendee(name=recipient.name, address=recipient.address)
    with mail.in_language_of(recipient.user):
        start, end = _times(meeting)
        cancel = method == ical.CANCEL
        context = {
            "meeting": meeting,
            "detailed": recipient.detailed,
            "cancel": cancel,
            "reminder": reminder,
            "starts": _local(meeting, start),
            "ends": _local(meeting, end),
            "zone": str(meeting.tzinfo),
            "agenda": list(meeting.agenda_items.all()),
            "invited": [i.organization for i in meeting.invitations.all()],
            "url": mail.absolute(meeting.get_absolute_url()),
        }
        if not recipient.detailed:
            subject = _("Cancelled: a meeting you were invited to")
        elif cancel:
            subject = _("Cancelled: %(title)s") % {"title": meeting.title}
        elif reminder:
            subject = _("Reminder: %(title)s in 3 days") % {"title": meeting.title}
        elif meeting.sequence > 0:
            subject = _("Updated invitation: %(title)s") % {"title": meeting.title}
        else:
            subject = _("Invitation: %(title)s") % {"title": meeting.title}
        return mail.message(
            template="meeting_invitation",
            subject=subject,
            context=context,
            address=recipient.address,
            topic=Topic.MEETINGS,
            user=recipient.user,
            calendar=calendar_text(meeting=meeting, method=method, attendee=attendee, detailed=recipient.detailed),
            calendar_method=method,
        )


def invitation_outgoing(*, meeting: Meeting, change: str, organization_ids: list[int]) -> Iterator[delivery.Outgoing]:
    if _times(meeting) is None:
        logger.info("Meeting %s has no start time: no invitation sent.", meeting.pk)
        return
    method = ical.CANCEL if change == CANCEL or meeting.cancelled_at else ical.REQUEST
    key = f"meeting:{meeting.pk}:{method.lower()}:{meeting.sequence}"
    for recipient in recipients(meeting, organization_ids):
        if method == ical.REQUEST and not recipient.detailed:
            continue  # an invitation to a meeting the recipient may not see is no invitation
        yield delivery.Outgoing(
            recipient=recipient.user,
            address=recipient.address,
            kind=NotificationKind.MEETING_INVITATION,
            key=key,
            build=lambda r=recipient: invitation_message(meeting=meeting, method=method, recipient=r),
        )


def meeting_invitations_send(*, meeting_id: int, change: str, organization_ids: list[int]) -> dict[str, int]:
    counts = {delivery.SENT: 0, delivery.ALREADY: 0, delivery.EMPTY: 0}
    meeting = meeting_for_mail(meeting_id)
    if meeting is None:
        return counts
    for outgoing in invitation_outgoing(meeting=meeting, change=change, organization_ids=organization_ids):
        counts[delivery.deliver(outgoing)] += 1
    return counts


# --- the reminder 3 days before ---------------------------------------------------------------


def meetings_starting_on(day: datetime.date):
    """Planned, not cancelled meetings whose start falls on `day` (a day either side in UTC, then
    checked in each meeting's own zone)."""
    window_start = timezone.make_aware(datetime.datetime.combine(day - datetime.timedelta(days=1), datetime.time.min))
    window_end = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=2), datetime.time.min))
    candidates = (
        Meeting.objects.filter(
            starts_at__gte=window_start,
            starts_at__lt=window_end,
            cancelled_at__isnull=True,
            attendance_recorded_at__isnull=True,
        )
        .select_related("coalition")
        .prefetch_related("agenda_items__presenter", "invitations__organization", "invitations__contacts")
        .order_by("starts_at", "pk")
    )
    return [m for m in candidates if m.local_starts_at.date() == day]


def meeting_reminder_outgoing(*, today: datetime.date, days_before: int = 3) -> Iterator[delivery.Outgoing]:
    for meeting in meetings_starting_on(today + datetime.timedelta(days=days_before)):
        coming = [i.organization_id for i in meeting.invitations.all() if i.reply != InvitationReply.NOT_ATTENDING]
        key = f"meeting:{meeting.pk}:reminder:{meeting.starts_at.isoformat()}"
        for recipient in recipients(meeting, coming):
            if not recipient.detailed:
                continue
            yield delivery.Outgoing(
                recipient=recipient.user,
                address=recipient.address,
                kind=NotificationKind.MEETING_REMINDER,
                key=key,
                build=lambda r=recipient, m=meeting: invitation_message(
                    meeting=m, method=ical.REQUEST, recipient=r, reminder=True
                ),
            )
