"""The iTIP invitation text: METHOD, UID, SEQUENCE, times in UTC, one attendee, folding."""

from __future__ import annotations

import datetime

from notifications import ical

START = datetime.datetime(2026, 12, 3, 9, 30, tzinfo=datetime.UTC)


def _invite(**changes) -> str:
    data = {
        "method": ical.REQUEST,
        "uid": "abc@coalition-tracker",
        "sequence": 2,
        "start": START,
        "end": START + datetime.timedelta(hours=2),
        "summary": "Quarterly meeting; agenda, too",
        "stamp": START,
        "organizer": ical.Attendee(name="Coalition A", address="ct@example.org"),
        "attendees": (ical.Attendee(name='Ann "A" Example', address="ann@example.org"),),
        "location": "City Hall, room 2",
        "url": "https://ct.example.org/meetings/1/",
        "description": "Agenda:\n1. Welcome " + "x" * 120,
    }
    return ical.invitation(ical.Invitation(**{**data, **changes}))


def test_a_request_names_its_method_uid_sequence_times_and_attendee():
    text = _invite()
    lines = text.split("\r\n")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for expected in [
        "METHOD:REQUEST",
        "UID:abc@coalition-tracker",
        "SEQUENCE:2",
        "DTSTART:20261203T093000Z",
        "DTEND:20261203T113000Z",
        "SUMMARY:Quarterly meeting\\; agenda\\, too",
        'ORGANIZER;CN="Coalition A":mailto:ct@example.org',
        "LOCATION:City Hall\\, room 2",
        "STATUS:CONFIRMED",
    ]:
        assert expected in lines, expected
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "").split("\r\n")
    attendees = [line for line in unfolded if line.startswith("ATTENDEE")]
    assert attendees == [
        "ATTENDEE;CN=\"Ann 'A' Example\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:ann@example.org"
    ]
    assert "DESCRIPTION:Agenda:\\n1. Welcome " + "x" * 120 in unfolded


def test_a_cancel_marks_the_event_cancelled_with_the_same_uid():
    text = _invite(method=ical.CANCEL, sequence=3)
    assert "METHOD:CANCEL" in text and "STATUS:CANCELLED" in text
    assert "UID:abc@coalition-tracker" in text and "SEQUENCE:3" in text


def test_an_unknown_method_is_refused():
    import pytest

    with pytest.raises(ValueError, match="REQUEST or CANCEL"):
        _invite(method="PUBLISH")
