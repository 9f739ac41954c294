"""Who may see, add to and remove partnership documents, built on partners.permissions.

A document is seen by whoever sees its partnership (partners.permissions.partnerships_visible_to).
Users of the partnership's organisations, the coordinators of its coalition and admins upload
documents and versions and choose the current version; only admins remove a version.
"""

from __future__ import annotations

from django.db.models import QuerySet

from documents.models import Document, DocumentVersion
from partners import permissions as perms
from partners.models import Partnership


def documents_visible_to(user) -> QuerySet[Document]:
    return Document.objects.filter(partnership__in=perms.partnerships_visible_to(user))


def versions_visible_to(user) -> QuerySet[DocumentVersion]:
    """Versions of visible documents; removed versions are never served to anyone."""
    return DocumentVersion.objects.filter(
        deleted_at__isnull=True, document__partnership__in=perms.partnerships_visible_to(user)
    )


def can_upload_document(user, partnership: Partnership) -> bool:
    """Reads `partnership.organizations`, so prefetch it on lists."""
    if perms.is_admin(user):
        return True
    if not perms.is_signed_in(user):
        return False
    if partnership.coalition_id and perms.is_coordinator(user, partnership.coalition_id):
        return True
    org_id = perms.organization_id_of(user)
    return org_id is not None and any(o.pk == org_id for o in partnership.organizations.all())


def can_choose_current_version(user, document: Document) -> bool:
    return can_upload_document(user, document.partnership)


def can_remove_version(user) -> bool:
    return perms.is_admin(user)
