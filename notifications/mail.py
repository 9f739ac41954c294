"""Building an e-mail: HTML and plain-text parts from templates, in the recipient's language,
with the one-click unsubscribe link in the text and in the headers (RFC 2369, RFC 8058).

Every builder of a message (digests, reminders, invitations) renders its content inside
`in_language_of(...)` and hands it to `message(...)`; nothing else builds mail.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from notifications.tokens import unsubscribe_token

CALENDAR_FILENAME = "invite.ics"


def absolute(path: str) -> str:
    """A full address on the site for a path (settings.SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + path


def object_url(obj) -> str:
    """The full address of an object's page, or "" while that page is not served."""
    try:
        return absolute(obj.get_absolute_url())
    except NoReverseMatch:
        return ""


def language_of(user) -> str:
    if user is None:
        return settings.LANGUAGE_CODE
    from notifications.models import NotificationPreference

    language = NotificationPreference.objects.filter(user=user).values_list("language", flat=True).first()
    return language or settings.LANGUAGE_CODE


@contextlib.contextmanager
def in_language_of(user) -> Iterator[str]:
    language = language_of(user)
    with translation.override(language):
        yield language


def unsubscribe_url(*, topic: str, user=None, address: str = "") -> str:
    token = unsubscribe_token(topic=topic, user=user, address=address)
    return absolute(reverse("notifications:unsubscribe", kwargs={"token": token}))


def message(
    *,
    template: str,
    subject: str,
    context: dict,
    address: str,
    topic: str,
    user=None,
    calendar: str = "",
    calendar_method: str = "",
) -> EmailMultiAlternatives:
    """One message from `notifications/email/<template>.txt` and `.html`, rendered in the active
    language (call it inside `in_language_of`). A calendar (an iTIP text) goes in twice: as an
    alternative part `text/calendar; method=...`, which Outlook and Google read as the invitation,
    and as an `invite.ics` attachment for the clients that only look there (Apple Mail)."""
    leave = unsubscribe_url(topic=topic, user=user, address=address)
    context = {
        **context,
        "recipient": user,
        "unsubscribe_url": leave,
        "preferences_url": absolute(reverse("notifications:preferences")),
        "site_url": settings.SITE_URL,
        "language": translation.get_language(),
    }
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    mail = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={
            "List-Unsubscribe": f"<{leave}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Content-Language": translation.get_language(),
        },
    )
    mail.attach_alternative(html, "text/html")
    if calendar:
        mimetype = f"text/calendar; method={calendar_method}"
        mail.attach_alternative(calendar, mimetype)
        mail.attach(CALENDAR_FILENAME, calendar.encode("utf-8"), "application/ics")
    return mail
