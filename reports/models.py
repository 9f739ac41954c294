"""Calendar feeds (a user's secret, revocable iCalendar address for one coalition's meetings) and
report PDFs prepared in the background."""

from __future__ import annotations

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.jobs import BackgroundJob
from partners.models import Coalition


class CalendarFeed(models.Model):
    """One user's subscription address for one coalition's meetings.

    Only the SHA-256 of the secret key is stored: a copy of the database does not reveal which
    address lists which meetings (joint operations included). The address is shown once, when
    it is created or regenerated; regenerating replaces the key, so the old address stops working.
    """

    PREFIX_LENGTH = 6

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="calendar_feeds")
    prefix = models.CharField(max_length=PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last fetched"), null=True, blank=True)

    class Meta:
        ordering = ["user__username", "coalition__name"]
        verbose_name = _("calendar feed")
        constraints = [models.UniqueConstraint(fields=["user", "coalition"], name="calendar_feed_once_per_coalition")]

    def __str__(self) -> str:
        return f"{self.user} – {self.coalition} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        # 32 random bytes: far beyond guessing, and URL-safe so it sits in a path as is.
        return secrets.token_urlsafe(32)


class ReportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportJob(BackgroundJob):
    """One coalition report PDF asked for by one person for one period, prepared in the background.

    The PDF shows what its requester may see, so only they can download it; it is kept for a
    day (`report_jobs_purge`). A second request for the same report while one is under way
    reuses it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_jobs")
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="report_jobs")
    since = models.DateField()
    until = models.DateField()
    status = models.CharField(max_length=10, choices=ReportJobStatus.choices, default=ReportJobStatus.QUEUED)
    filename = models.CharField(max_length=255, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    UNDER_WAY = (ReportJobStatus.QUEUED, ReportJobStatus.RUNNING)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report PDF")
        indexes = [models.Index(fields=["requested_by", "coalition", "since", "until"], name="report_job_lookup")]

    def __str__(self) -> str:
        return f"{self.coalition} {self.since}–{self.until} ({self.get_status_display()})"
