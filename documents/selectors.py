"""Reads of the documents app: a partnership's documents with their live versions, and one version."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from documents import permissions as dperms
from documents.models import Document, DocumentVersion
from partners.models import Partnership


def partnership_documents(*, viewer, partnership: Partnership) -> QuerySet[Document]:
    """The partnership's documents (in two queries however many), each with `live_versions`,
    newest first, and its current version and their uploaders loaded."""
    live = DocumentVersion.objects.filter(deleted_at__isnull=True).select_related("uploaded_by")
    return (
        dperms.documents_visible_to(viewer)
        .filter(partnership=partnership)
        .select_related("current")
        .prefetch_related(Prefetch("versions", queryset=live, to_attr="live_versions"))
    )


def document_get(*, viewer, pk: int) -> Document:
    """A visible document, or 404 (as if it did not exist)."""
    document = (
        dperms.documents_visible_to(viewer)
        .select_related("partnership", "partnership__coalition", "current")
        .prefetch_related("partnership__organizations")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404("No document found.")
    return document


def version_get(*, viewer, pk: int) -> DocumentVersion:
    """A live version of a visible document, or 404."""
    version = (
        dperms.versions_visible_to(viewer)
        .select_related("document", "document__partnership", "document__partnership__coalition")
        .prefetch_related("document__partnership__organizations")
        .filter(pk=pk)
        .first()
    )
    if version is None:
        raise Http404("No document version found.")
    return version
