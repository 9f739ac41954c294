"""The kinds of e-mail the app sends and the preference each kind obeys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    DIGEST = "digest", _("Weekly digest")
    MEETING_INVITATION = "meeting_invitation", _("Meeting invitation")
    MEETING_REMINDER = "meeting_reminder", _("Meeting reminder")
    ACTION_ITEM_REMINDER = "action_item_reminder", _("Action-item reminder")
    RENEWAL_REMINDER = "renewal_reminder", _("Renewal reminder")
    CONTACT_CONFIRMATION = "contact_confirmation", _("Contact confirmation request")


class Topic(models.TextChoices):
    """What a person chooses to receive (a field of NotificationPreference each); one topic may
    cover several kinds (an invitation and a reminder are both about meetings)."""

    DIGEST = "digest", _("Weekly digest")
    MEETINGS = "meetings", _("Meeting invitations and reminders")
    ACTION_ITEMS = "action_items", _("Action-item reminders")
    RENEWALS = "renewals", _("Renewal reminders")
    CONTACT_CONFIRMATIONS = "contact_confirmations", _("Requests to confirm your organisation's contacts")


TOPIC_OF_KIND: dict[str, str] = {
    NotificationKind.DIGEST: Topic.DIGEST,
    NotificationKind.MEETING_INVITATION: Topic.MEETINGS,
    NotificationKind.MEETING_REMINDER: Topic.MEETINGS,
    NotificationKind.ACTION_ITEM_REMINDER: Topic.ACTION_ITEMS,
    NotificationKind.RENEWAL_REMINDER: Topic.RENEWALS,
    NotificationKind.CONTACT_CONFIRMATION: Topic.CONTACT_CONFIRMATIONS,
}


class DeliveryState(models.TextChoices):
    CLAIMED = "claimed", _("Being sent")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Nothing to send")
