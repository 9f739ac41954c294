"""A digest and a meeting invitation sent through a real SMTP socket (an aiosmtpd server on
127.0.0.1) and checked as received: headers, both parts, the calendar attachment.

The received messages are printed, so a failing run shows them (and `-s` shows them always).
"""

from __future__ import annotations

import datetime
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller

from notifications.digests import digests_send
from tests import factories as f
from tests.notifications.conftest import today

pytestmark = pytest.mark.django_db


class Inbox:
    """The aiosmtpd handler: keeps every message it is given, as the envelope and the raw bytes."""

    def __init__(self):
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def messages_to(self, address: str) -> list[email.message.EmailMessage]:
        return [
            email.message_from_bytes(raw, policy=policy.default)
            for _from, rcpts, raw in self.received
            if address in rcpts
        ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "Coalition Tracker <tracker@coalition.example>"
    settings.SITE_URL = "https://tracker.coalition.example"
    yield inbox
    controller.stop()
    for _from, rcpts, raw in inbox.received:
        print(f"\n===== received for {', '.join(rcpts)} =====\n{raw.decode('utf-8', 'replace')}")


def _headers_and_text(msg) -> str:
    names = ["From", "To", "Subject", "Date", "List-Unsubscribe", "List-Unsubscribe-Post", "Content-Language"]
    head = "\n".join(f"{n}: {msg[n]}" for n in names if msg[n])
    return head + "\n\n" + msg.get_body(preferencelist=("plain",)).get_content()


def test_a_digest_arrives_with_unsubscribe_headers_and_both_parts(world, smtp):
    f.partnership(
        [world.org_a, world.org_b],
        "Referral protocol A–B",
        coalition=world.coalition_a,
        renewal_date=today() + datetime.timedelta(days=20),
    )
    assert digests_send().sent == 1
    [msg] = smtp.messages_to(world.coordinator.email)
    print("\n----- digest as received (headers and text part) -----\n" + _headers_and_text(msg))
    assert msg["Subject"] == "Weekly digest: Coalition A"
    assert msg["From"] == "Coalition Tracker <tracker@coalition.example>"
    assert msg["To"] == world.coordinator.email
    unsubscribe = str(msg["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<https://tracker.coalition.example/notifications/unsubscribe/")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = msg.get_body(preferencelist=("plain",)).get_content()
    html = msg.get_body(preferencelist=("html",)).get_content()
    assert "Referral protocol A–B" in text and "Referral protocol A–B" in html
    assert unsubscribe.strip("<>") in text and unsubscribe.strip("<>").replace("&", "&amp;") in html
    assert msg.get_content_type() == "multipart/alternative"


def test_a_meeting_invitation_arrives_with_its_calendar(world, plan, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan(online_link="https://meet.example/abc")
    [msg] = smtp.messages_to(world.member.email)
    print("\n----- invitation as received (headers and text part) -----\n" + _headers_and_text(msg))
    assert msg["Subject"] == "Invitation: Quarterly coalition meeting"
    assert msg["To"] == world.member.email
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg.get_content_type() == "multipart/mixed"
    text = msg.get_body(preferencelist=("plain",)).get_content()
    assert "City Hall, room 2" in text and "1. Welcome (Org A)" in text
    assert "Quarterly coalition meeting" in msg.get_body(preferencelist=("html",)).get_content()
    calendar_parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    assert len(calendar_parts) == 1 and calendar_parts[0].get_param("method") == "REQUEST"
    [attachment] = [p for p in msg.iter_attachments() if p.get_filename() == "invite.ics"]
    for calendar in (calendar_parts[0].get_content(), attachment.get_content().decode()):
        unfolded = calendar.replace("\r\n", "\n").replace("\n ", "")
        assert "METHOD:REQUEST" in unfolded
        assert f"UID:{meeting.ical_uid}" in unfolded
        assert "SEQUENCE:0" in unfolded
        assert "DTSTART:" in unfolded and "DTEND:" in unfolded
        assert "LOCATION:City Hall\\, room 2" in unfolded and "URL:https://tracker.coalition.example/" in unfolded
        assert 'ORGANIZER;CN="Coalition A":mailto:tracker@coalition.example' in unfolded
        assert f"mailto:{world.member.email}" in unfolded
