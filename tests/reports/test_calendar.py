"""Calendar feeds: valid iCalendar text, visibility per owner, and secret addresses that can be revoked."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import ical
from reports.models import CalendarFeed
from tests import factories as f
from tests.conftest import as_user

pytestmark = pytest.mark.django_db


def unfold(text: str) -> list[str]:
    """Content lines with RFC 5545 folding undone."""
    return text.replace("\r\n ", "").split("\r\n")


def issue(client, user, coalition) -> str:
    """Create (or regenerate) the user's feed through the page; returns the feed's path."""
    as_user(client, user)
    response = client.post(reverse("reports:calendar_feeds"), {"action": "issue", "coalition": coalition.slug})
    assert response.status_code == 200
    address = response.context["new_address"]
    assert address in response.content.decode()
    return address.replace("http://testserver", "")


@pytest.fixture
def upcoming(world):
    w = world
    soon = timezone.localdate() + datetime.timedelta(days=10)
    w.plenary = f.meeting(
        [w.org_a, w.org_b], date=soon, coalition=w.coalition_a, hosts=[w.org_a], title="Task force; plenary, June"
    )
    w.operation = f.meeting(
        [w.org_a],
        date=soon,
        coalition=w.coalition_a,
        kind="joint_operation",
        visibility="participants",
        title="Joint operation Harbour",
    )
    w.old = f.meeting([w.org_a, w.org_b], date=datetime.date(2020, 1, 1), coalition=w.coalition_a, title="Long ago")
    w.elsewhere = f.meeting([w.org_c], date=soon, coalition=w.coalition_b, title="Other coalition meeting")
    return w


def test_feed_is_well_formed_icalendar(client, upcoming):
    w = upcoming
    path = issue(client, w.member, w.coalition_a)
    client.logout()  # calendar apps fetch without a session
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")  # CRLF only
    for raw in body.split("\r\n"):
        assert len(raw.encode("utf-8")) <= 75
    lines = unfold(body)
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2
    events = body.split("BEGIN:VEVENT")[1:]
    for event in events:
        event_lines = unfold("BEGIN:VEVENT" + event)
        assert sum(line.startswith("UID:") for line in event_lines) == 1
        assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in event_lines)
        assert any(re.fullmatch(r"DTSTART;VALUE=DATE:\d{8}", line) for line in event_lines)
    assert "SUMMARY:Task force\\; plenary\\, June" in lines


def test_participants_only_meeting_is_only_in_the_feeds_of_those_who_may_see_it(client, upcoming):
    w = upcoming
    member_feed = issue(client, w.member, w.coalition_a)  # org A took part
    other_feed = issue(client, f.user("b-staff", org=w.org_b), w.coalition_a)  # org B did not
    client.logout()
    member_body = client.get(member_feed).content.decode()
    other_body = client.get(other_feed).content.decode()
    assert "Joint operation Harbour" in member_body and "CLASS:CONFIDENTIAL" in member_body
    assert "Joint operation Harbour" not in other_body
    assert "Task force" in other_body
    for body in (member_body, other_body):
        assert "Long ago" not in body  # not upcoming
        assert "Other coalition meeting" not in body  # another coalition's feed


def test_revoked_address_answers_404(client, upcoming):
    w = upcoming
    path = issue(client, w.member, w.coalition_a)
    feed = CalendarFeed.objects.get(user=w.member)
    response = client.post(reverse("reports:calendar_feeds"), {"action": "revoke", "feed": feed.pk})
    assert response.status_code == 302
    client.logout()
    assert client.get(path).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_regenerating_replaces_the_address(client, upcoming):
    w = upcoming
    first = issue(client, w.member, w.coalition_a)
    second = issue(client, w.member, w.coalition_a)
    assert first != second
    client.logout()
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert CalendarFeed.objects.filter(user=w.member).count() == 1


def test_only_the_owner_can_revoke_a_feed(client, upcoming):
    w = upcoming
    path = issue(client, w.member, w.coalition_a)
    feed = CalendarFeed.objects.get(user=w.member)
    as_user(client, w.outsider)
    response = client.post(reverse("reports:calendar_feeds"), {"action": "revoke", "feed": feed.pk})
    assert response.status_code == 404
    assert CalendarFeed.objects.filter(pk=feed.pk).exists()
    client.logout()
    assert client.get(path).status_code == 200


def test_the_key_is_stored_hashed(client, upcoming):
    w = upcoming
    path = issue(client, w.member, w.coalition_a)
    key = path.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=w.member)
    assert feed.key_hash == CalendarFeed.hash_key(key) and key not in feed.key_hash


def test_feed_of_a_deactivated_user_answers_404(client, upcoming):
    w = upcoming
    path = issue(client, w.member, w.coalition_a)
    w.member.is_active = False
    w.member.save()
    client.logout()
    assert client.get(path).status_code == 404


def test_unknown_address_answers_404(client, world):
    assert client.get(reverse("reports:calendar_feed", kwargs={"token": "x" * 43})).status_code == 404


def test_feeds_page_needs_sign_in_and_rejects_bad_posts(client, world):
    url = reverse("reports:calendar_feeds")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    as_user(client, world.member)
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "issue", "coalition": "no-such"}).status_code == 404
    assert client.post(url, {"action": "revoke", "feed": "abc"}).status_code == 404
    assert client.post(url, {"action": "explode"}).status_code == 400
    assert not CalendarFeed.objects.exists()


def test_escape_and_fold_follow_rfc_5545():
    assert ical.escape_text("a;b,c\\d\r\ne\nf") == "a\\;b\\,c\\\\d\\ne\\nf"
    line = "DESCRIPTION:" + "é" * 80  # two octets each: folding must not split one
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_a_planned_meeting_has_its_hours_and_place_in_the_feed_and_says_when_it_is_cancelled(client, world):
    from partners.services.planning import InvitationInput, meeting_cancel, meeting_plan

    day = timezone.localdate() + datetime.timedelta(days=5)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 30)), datetime.UTC)
    meeting = meeting_plan(
        actor=world.coordinator,
        title="Referral protocol working session",
        coalition=world.coalition_a,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="City Hall, room 2",
        online_link="https://meet.example/abc",
        invitations=[InvitationInput(organization=world.org_a)],
    )
    path = issue(client, world.member, world.coalition_a)
    client.logout()

    def event_lines() -> list[str]:
        body = client.get(path).content.decode()
        (event,) = [e for e in body.split("BEGIN:VEVENT")[1:] if meeting.ical_uid.split("@")[0] in e]
        return unfold("BEGIN:VEVENT" + event.split("END:VEVENT")[0])

    lines = event_lines()
    assert f"DTSTART:{day:%Y%m%d}T143000Z" in lines and f"DTEND:{day:%Y%m%d}T163000Z" in lines
    assert "LOCATION:City Hall\\, room 2" in lines and "TRANSP:OPAQUE" in lines
    assert not any(line.startswith("STATUS:") for line in lines)
    assert any("Online: https://meet.example/abc" in line for line in lines)

    meeting_cancel(actor=world.coordinator, meeting=meeting)
    lines = event_lines()
    assert "STATUS:CANCELLED" in lines and "TRANSP:TRANSPARENT" in lines
    assert any(line.startswith("DESCRIPTION:Cancelled.") for line in lines)
