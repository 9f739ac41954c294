"""What each person wants to receive, and the record of every e-mail the app claimed or sent.

The record is what makes a digest or a reminder go out once: one row per (recipient, kind,
key), where the key names the period or the event ("2026-W48:coalition-3", "action:7:overdue").
See notifications/delivery.py for how a row is claimed before the message is sent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.choices import DeliveryState, NotificationKind, Topic


def default_language() -> str:
    return settings.LANGUAGE_CODE


class NotificationPreference(models.Model):
    """One person's choice of e-mails, and the language they are written in. A person without a
    row receives everything, in the site's language (the defaults below)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    digest = models.BooleanField(
        Topic.DIGEST.label,
        default=True,
        help_text=_("Coordinators only: every Monday, what needs your attention in the coalitions you coordinate."),
    )
    meetings = models.BooleanField(
        Topic.MEETINGS.label,
        default=True,
        help_text=_(
            "Invitations with a calendar file when your organisation is invited, and a reminder 3 days before."
        ),
    )
    action_items = models.BooleanField(
        Topic.ACTION_ITEMS.label,
        default=True,
        help_text=_("A reminder 3 days before an action item you own is due, and one when it is overdue."),
    )
    renewals = models.BooleanField(
        Topic.RENEWALS.label,
        default=True,
        help_text=_("60 and 30 days before a partnership of your organisation is due for renewal."),
    )
    contact_confirmations = models.BooleanField(
        Topic.CONTACT_CONFIRMATIONS.label,
        default=True,
        help_text=_("Once a year, when your organisation's staff contacts have not been confirmed for over a year."),
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=default_language,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("notification preference")

    def __str__(self) -> str:
        return f"Notification preferences of {self.user}"

    def wants(self, topic: str) -> bool:
        return bool(getattr(self, topic))


class SentNotification(models.Model):
    """A claim on one e-mail, then the record that it was sent: never two for one (recipient,
    kind, key). `recipient` is empty for an address that is not a user's (a named contact
    invited to a meeting); `address` is then the one that counts."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    address = models.EmailField(_("address"), max_length=254)
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    key = models.CharField(_("period or event"), max_length=200)
    state = models.CharField(_("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.CLAIMED)
    claimed_at = models.DateTimeField(_("claimed at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    # What a digest listed (attention item keys), so the next digest can tell what is new.
    items = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-claimed_at", "-id"]
        verbose_name = _("sent notification")
        constraints = [
            # One mailbox hears of one period or event once, whoever it belongs to...
            models.UniqueConstraint(fields=["address", "kind", "key"], name="notification_once_per_address"),
            # ...and so does one person, even after changing their address.
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"],
                condition=models.Q(recipient__isnull=False),
                name="notification_once_per_recipient",
            ),
        ]
        indexes = [models.Index(fields=["recipient", "kind", "-claimed_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} to {self.address} ({self.state})"


class AddressOptOut(models.Model):
    """An address that is not a user's (a named contact invited to a meeting) and asked, through
    the unsubscribe link, to hear no more of a topic."""

    address = models.EmailField(_("address"), max_length=254)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["address", "topic"]
        verbose_name = _("address opt-out")
        constraints = [models.UniqueConstraint(fields=["address", "topic"], name="opt_out_once_per_topic")]

    def __str__(self) -> str:
        return f"{self.address} opted out of {self.topic}"
