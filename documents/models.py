"""A partnership's documents and their versions. Files live in Django's default storage (the file
system under MEDIA_ROOT, or an S3-compatible bucket: docs/deployment.md) under names the
application makes up, never the uploader's; they are only ever served by the download view."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.choices import EXTENSIONS, DocumentKind, FileType
from partners.models import Partnership
from partners.models.base import NO_PERSONAL_DATA


def version_path(instance: DocumentVersion, filename: str) -> str:
    """A made-up storage name: the uploader's file name is kept apart (original_name)."""
    ext = EXTENSIONS.get(instance.content_type, "bin")
    return f"partnership-documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class Document(models.Model):
    """An agreement of a partnership (an MOU, a protocol...), with one current version."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200, help_text=NO_PERSONAL_DATA)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.MOU)
    current = models.ForeignKey(
        "DocumentVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("current")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("partnership document")

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """One uploaded file of a document. Removed versions are kept (soft-deleted) but never served."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("type"), max_length=80, choices=FileType.choices)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("what changed"), max_length=300, blank=True, help_text=NO_PERSONAL_DATA)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.content_type, "bin")
