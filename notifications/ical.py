"""iCalendar invitations (RFC 5546 iTIP over RFC 5545): METHOD:REQUEST and METHOD:CANCEL.

The feed's writer (reports/ical.py) publishes all-day events; an invitation needs a start and
end time, an organiser and attendees, and a method that tells the calendar what to do. The text
rules (escaping, folding at 75 octets, CRLF) are the feed's. Times are written in UTC ("Z"),
which every calendar shows in its reader's zone and which needs no VTIMEZONE block. The UID and
SEQUENCE are the meeting's: a later REQUEST with a higher SEQUENCE updates the same event, and a
CANCEL with the same UID removes it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from reports.ical import CRLF, escape_text, fold

REQUEST = "REQUEST"
CANCEL = "CANCEL"


@dataclass(frozen=True)
class Attendee:
    name: str
    address: str


@dataclass(frozen=True)
class Invitation:
    method: str
    uid: str
    sequence: int
    start: datetime.datetime
    end: datetime.datetime
    summary: str
    stamp: datetime.datetime
    organizer: Attendee
    attendees: tuple[Attendee, ...] = ()
    description: str = ""
    location: str = ""
    url: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)


def utc(value: datetime.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC)
    return value.strftime("%Y%m%dT%H%M%SZ")


def _param(value: str) -> str:
    """A parameter value (CN=...): quoted, with the characters RFC 5545 forbids there removed."""
    return '"' + value.replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'


def _address(attendee: Attendee) -> str:
    return f"mailto:{attendee.address}"


def invitation(invite: Invitation) -> str:
    """A whole VCALENDAR with one VEVENT, to send as text/calendar; method=<METHOD>."""
    if invite.method not in (REQUEST, CANCEL):
        raise ValueError(f"Unknown iTIP method {invite.method!r}: use REQUEST or CANCEL.")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Coalition Tracker//Meeting invitations//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{invite.method}",
        "BEGIN:VEVENT",
        f"UID:{escape_text(invite.uid)}",
        f"SEQUENCE:{max(0, invite.sequence)}",
        f"DTSTAMP:{utc(invite.stamp)}",
        f"DTSTART:{utc(invite.start)}",
        f"DTEND:{utc(invite.end)}",
        f"SUMMARY:{escape_text(invite.summary)}",
        f"ORGANIZER;CN={_param(invite.organizer.name)}:{_address(invite.organizer)}",
    ]
    for attendee in invite.attendees:
        # Replies are given on the site, per organisation, so calendars should not send their own.
        lines.append(
            f"ATTENDEE;CN={_param(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:"
            f"{_address(attendee)}"
        )
    if invite.location:
        lines.append(f"LOCATION:{escape_text(invite.location)}")
    if invite.url:
        lines.append(f"URL:{invite.url}")
    if invite.description:
        lines.append(f"DESCRIPTION:{escape_text(invite.description)}")
    if invite.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in invite.categories))
    lines += [
        f"STATUS:{'CANCELLED' if invite.method == CANCEL else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return CRLF.join(fold(line) for line in lines) + CRLF
