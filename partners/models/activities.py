"""Meetings and joint activities, and which organisations took part (hosted or attended).

A meeting is *planned* while it has a start time and no attendance recorded: it then has
invitations and an agenda (partners.models.planning) but no participations, so it counts as
collaboration nowhere until the organiser records who came (services.meetings).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.choices import MeetingKind, MeetingVisibility, ParticipationRole
from partners.models.base import NO_PERSONAL_DATA, Timestamped
from partners.models.coalitions import Coalition, zone_of
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
    # Planning: times are stored aware (UTC) and entered and shown in the coalition's zone;
    # `date` stays the local date of `starts_at`, the one the analytics count by.
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Address or room, e.g. 'City Hall, room 2.14'.")
    )
    online_link = models.URLField(
        _("online link"), max_length=500, blank=True, help_text=_("The video-call address, if any (https://...).")
    )
    decisions = models.TextField(
        _("decisions"), blank=True, help_text=_("What the meeting decided (the minutes). ") + NO_PERSONAL_DATA
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    sequence = models.PositiveIntegerField(
        _("calendar sequence"),
        default=0,
        editable=False,
        help_text=_("iCalendar SEQUENCE: raised by one each time invitees must hear of a change."),
    )
    attendance_recorded_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True, editable=False)

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
            models.Index(fields=["starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(starts_at__isnull=False, ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("The end must come after the start."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("partners:meeting_detail", kwargs={"pk": self.pk})

    @property
    def ical_uid(self) -> str:
        """The iCalendar UID, the same in the invitation e-mails and the calendar feed (the
        namespace is reports.hsds.export.NAMESPACE, repeated because partners looks no higher)."""
        return f"{uuid.uuid5(ICAL_NAMESPACE, f'meeting:{self.pk}')}@coalition-tracker"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_planned(self) -> bool:
        """Planned through the planner (a start time) and not yet held: no attendance recorded."""
        return self.starts_at is not None and self.attendance_recorded_at is None

    @property
    def tzinfo(self):
        return zone_of(self.coalition) if self.coalition_id else zone_of(None)

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(self.tzinfo) if self.starts_at else None

    @property
    def local_ends_at(self):
        return self.ends_at.astimezone(self.tzinfo) if self.ends_at else None


ICAL_NAMESPACE = uuid.UUID("f63c57e6-6955-4084-8470-18a0199e8c52")


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


def meeting_held_q() -> models.Q:
    """THE rule for a meeting that took place: not cancelled, and not a planned meeting whose
    attendance is still to be recorded (it has no participations yet). Lists that count
    meetings held (absences, for example) filter with it besides the date."""
    return models.Q(cancelled_at__isnull=True) & ~models.Q(starts_at__isnull=False, attendance_recorded_at__isnull=True)
