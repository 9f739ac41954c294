"""A staged upload: the file as received, between the dry-run preview and the confirmed import."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.jobs import BackgroundJob


class ImportKind(models.TextChoices):
    """What a file holds, in the order a fresh database needs them."""

    ORGANIZATIONS = "organizations", _("Organisations (with sectors)")
    CONTACTS = "contacts", _("Contacts of organisations")
    MEMBERSHIPS = "memberships", _("Coalition memberships")
    PARTNERSHIPS = "partnerships", _("Partnerships")
    MEETINGS = "meetings", _("Meetings and activities (with participants)")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    RUNNING = "running", _("Being checked or imported")
    CHECKED = "checked", _("Checked")
    IMPORTED = "imported", _("Imported")


class ImportJob(BackgroundJob):
    """One uploaded file. The confirmed import re-reads and re-checks `content`: the preview's
    verdict is never trusted on its own, since the data may have changed in between.

    A check or an import runs as a background task; the row says how far it got (`progress`,
    `heartbeat_at`) and, when the last run failed, why (`error`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs")
    kind = models.CharField(_("what the file holds"), max_length=20, choices=ImportKind.choices)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(editable=False)
    size = models.PositiveIntegerField(default=0)
    row_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    # While running: the status to return to if the run stops unexpectedly.
    previous_status = models.CharField(max_length=10, choices=ImportStatus.choices, blank=True)
    # The run the page asked for; a task carrying another run's id (a redelivered message) does nothing.
    run_id = models.UUIDField(null=True, blank=True, editable=False)
    # The last check or import: {"counts": {...}, "rows": [...], "notices": [...]}.
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_kind_display()}, {self.get_status_display()})"
