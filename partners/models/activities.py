"""Meetings and joint activities, and which organisations took part (hosted or attended)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.choices import MeetingKind, MeetingVisibility, ParticipationRole
from partners.models.base import NO_PERSONAL_DATA, Timestamped
from partners.models.coalitions import Coalition
from partners.models.organizations import Organization
from partners.models.partnerships import Partnership


class Meeting(Timestamped):
    """Something partners did together on a date. It counts as collaboration when two or more
    distinct organisations took part."""

    date = models.DateField(_("date"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60 * 24 * 14)],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    coalition = models.ForeignKey(Coalition, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    outcomes = models.TextField(_("outcomes"), blank=True, help_text=NO_PERSONAL_DATA)
    visibility = models.CharField(
        _("visibility"),
        max_length=15,
        choices=MeetingVisibility.choices,
        default=MeetingVisibility.COALITION,
        help_text=_("Participants only: visible to the participating organisations and the coalition's coordinators."),
    )
    organizations = models.ManyToManyField(Organization, through="Participation", related_name="meetings")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("meeting or activity")
        verbose_name_plural = _("meetings and activities")
        indexes = [
            models.Index(fields=["date", "id"]),
            models.Index(fields=["coalition", "date"]),
            models.Index(fields=["kind", "date"]),
            models.Index(fields=["visibility"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("partners:meeting_detail", kwargs={"pk": self.pk})


class Participation(models.Model):
    """One organisation's part in a meeting: host or participant, with an optional head count."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(
        _("role"), max_length=12, choices=ParticipationRole.choices, default=ParticipationRole.PARTICIPANT
    )
    attendees = models.PositiveSmallIntegerField(
        _("attendees"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10000)],
        help_text=_("How many of the organisation's staff took part (optional)."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "-role", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organization"], name="participation_once_per_meeting")
        ]
        indexes = [models.Index(fields=["organization", "meeting"])]

    def __str__(self) -> str:
        return f"{self.organization} at {self.meeting}"
