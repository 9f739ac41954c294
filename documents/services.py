"""Writes of the documents app: add a document or a version, choose the current version, remove a
version (admins), and the audit record of a download. Each checks its rule, validates the file by
its content and writes all or nothing (a file stored for a write that fails is deleted again)."""

from __future__ import annotations

import hashlib
import re
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import permissions as dperms
from documents.choices import EXTENSIONS, DocumentKind
from documents.filetypes import detect_type
from documents.models import Document, DocumentVersion
from partners.events import event_announce
from partners.models import Partnership

# The audit actions these services announce (audit.models.AuditAction holds the same values).
DOCUMENT_DOWNLOAD = "document_download"
DOCUMENT_REMOVE = "document_remove"

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "DOCUMENTS_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


def too_large_message(size: int) -> str:
    return _("The file is %(size)s; the limit is %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(max_upload_bytes()),
    }


def safe_filename(name: str, content_type: str) -> str:
    """The uploader's file name reduced to plain letters, digits, dots, dashes and underscores,
    with the extension of the type the content really has."""
    stem = re.split(r"[\\/]", name or "")[-1].rsplit(".", 1)[0]
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[:80] or "document"
    return f"{stem}.{EXTENSIONS[content_type]}"


def _size_of(upload: IO[bytes]) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    return int(size)


def _checked(upload) -> tuple[str, int, str]:
    """(content type, size, sha256) of an acceptable upload, or ValidationError on `file`."""
    if upload is None:
        raise ValidationError({"file": _("Choose a file to upload.")})
    size = _size_of(upload)
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > max_upload_bytes():
        raise ValidationError({"file": too_large_message(size)})
    content_type = detect_type(upload, size)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(64 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return content_type, size, digest.hexdigest()


def _store_version(*, actor, document: Document, upload, note: str) -> DocumentVersion:
    content_type, size, sha256 = _checked(upload)
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=safe_filename(getattr(upload, "name", ""), content_type),
        content_type=content_type,
        size=size,
        sha256=sha256,
        note=(note or "").strip(),
        uploaded_by=actor,
    )
    version.file.save("upload", File(upload), save=False)
    try:
        version.full_clean(exclude=["document", "file"])
        version.save()
        document.current = version
        document.save(update_fields=["current"])
    except Exception:
        version.file.delete(save=False)
        raise
    return version


def _clean_title(title: str, kind: str) -> tuple[str, str]:
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Give the document a title, for example “Referral MOU 2025”.")
    elif len(title) > 200:
        errors["title"] = _("Keep the title under 200 characters.")
    if kind not in DocumentKind.values:
        errors["kind"] = _("Choose one of the kinds offered.")
    if errors:
        raise ValidationError(errors)
    return title, kind


def document_create(*, actor, partnership: Partnership, title: str, kind: str, upload, note: str = "") -> Document:
    """A new document of the partnership, its first version current."""
    if not dperms.can_upload_document(actor, partnership):
        raise PermissionDenied(_("Only the partners, the coalition's coordinators and admins add documents."))
    title, kind = _clean_title(title, kind)
    _checked(upload)  # refuse a bad file before anything is written
    with transaction.atomic():
        document = Document.objects.create(partnership=partnership, title=title, kind=kind, created_by=actor)
        _store_version(actor=actor, document=document, upload=upload, note=note)
    return document


def document_version_add(*, actor, document: Document, upload, note: str = "") -> DocumentVersion:
    """A new version of the document, which becomes the current one."""
    if not dperms.can_upload_document(actor, document.partnership):
        raise PermissionDenied(_("Only the partners, the coalition's coordinators and admins add versions."))
    _checked(upload)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        version = _store_version(actor=actor, document=locked, upload=upload, note=note)
    document.current = version
    return version


def document_version_make_current(*, actor, version: DocumentVersion) -> Document:
    """Make an earlier (or any live) version the current one again."""
    document = version.document
    if not dperms.can_choose_current_version(actor, document):
        raise PermissionDenied(_("Only the partners, the coalition's coordinators and admins choose the version."))
    if version.deleted_at is not None:
        raise ValidationError({"version": _("This version was removed.")})
    with transaction.atomic():
        Document.objects.filter(pk=document.pk).update(current=version)
    document.current = version
    return document


def document_version_remove(*, actor, version: DocumentVersion) -> None:
    """Remove a version (admins only): kept in the database, never served again; when it was the
    current one, the newest remaining version becomes current. Audited."""
    if not dperms.can_remove_version(actor):
        raise PermissionDenied(_("Only admins remove a version of a document."))
    with transaction.atomic():
        version.deleted_at = timezone.now()
        version.deleted_by = actor
        version.save(update_fields=["deleted_at", "deleted_by"])
        document = Document.objects.select_for_update().get(pk=version.document_id)
        if document.current_id == version.pk:
            document.current = document.versions.filter(deleted_at__isnull=True).order_by("-number").first()
            document.save(update_fields=["current"])
        event_announce(actor=actor, action=DOCUMENT_REMOVE, detail=_detail(version))


def document_download_record(*, actor, version: DocumentVersion) -> None:
    """The audit record of one download."""
    event_announce(actor=actor, action=DOCUMENT_DOWNLOAD, detail=_detail(version))


def _detail(version: DocumentVersion) -> dict:
    return {
        "partnership": version.document.partnership_id,
        "document": version.document_id,
        "version": version.pk,
        "number": version.number,
        "filename": version.original_name,
    }
