"""A small, careful iCalendar (RFC 5545) writer for meeting feeds.

Written by hand because the feed needs a handful of properties only. What RFC 5545 asks and
this module does: CRLF line ends (3.1), lines folded at 75 octets without splitting a UTF-8
character (3.1), TEXT values escaped (backslash, semicolon, comma, newline; 3.3.11), a UID
and a UTC DTSTAMP in every VEVENT (3.8.4.7, 3.8.7.2), all-day events as VALUE=DATE with an
exclusive DTEND (3.6.1).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

CRLF = "\r\n"
MAX_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime.date
    summary: str
    stamp: datetime.datetime
    last_modified: datetime.datetime | None = None
    sequence: int = 0
    description: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    confidential: bool = False
    end: datetime.date | None = None
    # A planned meeting's times (aware datetimes; written in UTC) replace the all-day dates.
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    location: str = ""
    cancelled: bool = False


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash first, then ; , and every kind of line break."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, continuation lines starting with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_OCTETS:
        return line
    chunks, current, size, limit = [], [], 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1  # the leading space takes one octet
        current.append(char)
        size += width
    chunks.append("".join(current))
    return (CRLF + " ").join(chunks)


def _utc(value: datetime.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC)
    return value.strftime("%Y%m%dT%H%M%SZ")


def _date(value: datetime.date) -> str:
    return value.strftime("%Y%m%d")


def calendar(*, name: str, description: str, events: Iterable[Event], refresh_hours: int = 6) -> str:
    """A whole VCALENDAR as text, ready to serve as text/calendar; charset=utf-8."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Coalition Tracker//Meetings feed//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-CALDESC:{escape_text(description)}",
        # How often a subscribing client should fetch again (RFC 7986 and the common X- form).
        f"REFRESH-INTERVAL;VALUE=DURATION:PT{refresh_hours}H",
        f"X-PUBLISHED-TTL:PT{refresh_hours}H",
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{escape_text(event.uid)}", f"DTSTAMP:{_utc(event.stamp)}"]
        if event.starts_at is not None:
            ends_at = event.ends_at or event.starts_at + datetime.timedelta(hours=1)
            lines += [f"DTSTART:{_utc(event.starts_at)}", f"DTEND:{_utc(ends_at)}"]
        else:
            end = event.end or event.start + datetime.timedelta(days=1)
            lines += [f"DTSTART;VALUE=DATE:{_date(event.start)}", f"DTEND;VALUE=DATE:{_date(end)}"]
        lines.append(f"SUMMARY:{escape_text(event.summary)}")
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.cancelled:
            lines.append("STATUS:CANCELLED")
        if event.last_modified:
            lines.append(f"LAST-MODIFIED:{_utc(event.last_modified)}")
        lines.append(f"SEQUENCE:{max(0, event.sequence)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        if event.categories:
            lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
        lines += [
            f"CLASS:{'CONFIDENTIAL' if event.confidential else 'PUBLIC'}",
            # An all-day marker should not block the whole day as busy; a meeting's hours should.
            "TRANSP:OPAQUE" if event.starts_at is not None and not event.cancelled else "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF
