"""What a meeting is prepared and followed up with: its agenda, the organisations invited and
their replies, and the action items its minutes give owners."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.choices import ActionItemStatus, InvitationReply
from partners.models.activities import Meeting
from partners.models.base import NO_PERSONAL_DATA
from partners.models.coalitions import Coalition
from partners.models.organizations import Contact, Organization


class AgendaItem(models.Model):
    """One point of a planned meeting's agenda, in order, with the organisation presenting it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("agenda item"), max_length=300, help_text=NO_PERSONAL_DATA)
    presenter = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presented by"),
    )

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_once")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Invitation(models.Model):
    """An organisation invited to a planned meeting (optionally naming contacts of theirs) and
    its one reply, given by any of its members."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    contacts = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="invitations",
        verbose_name=_("named contacts"),
        help_text=_("Staff of the invited organisation the invitation is addressed to (optional)."),
    )
    reply = models.CharField(
        _("reply"), max_length=15, choices=InvitationReply.choices, default=InvitationReply.PENDING
    )
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "organization__name"]
        verbose_name = _("invitation")
        constraints = [models.UniqueConstraint(fields=["meeting", "organization"], name="invitation_once_per_meeting")]
        indexes = [models.Index(fields=["organization", "meeting"])]

    def __str__(self) -> str:
        return f"{self.organization} invited to {self.meeting}"


class ActionItem(models.Model):
    """A follow-up with an owner: from a meeting's minutes, or standing in a coalition."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items")
    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items"
    )
    title = models.CharField(_("what"), max_length=300, help_text=_("What is to be done, by whom. ") + NO_PERSONAL_DATA)
    owner_organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("owner organisation")
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner (person)"),
        help_text=_("Optional: a user of the owner organisation."),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["owner_organization", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ActionItemStatus.OPEN, closed_at__isnull=True)
                | (~Q(status=ActionItemStatus.OPEN) & Q(closed_at__isnull=False)),
                name="action_item_closed_when_not_open",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partners:action_item_list") + f"#action-{self.pk}"
