"""One importer per kind of file: read a row's cells, find the record the row names, and write it
through partners.services (so the role rules, validation and audit history apply).

Rows are matched to existing records by a natural key, never by database id, so a file moves
between databases: organisations by slug, contacts by organisation and name, memberships by
coalition, organisation and start date, partnerships by title and organisations, meetings by
date, title and coalition. A row whose values match its record is "unchanged" and not written.

One module per group of kinds (directory, coalitions, activities) on a shared base; IMPORTERS
maps each kind of file to its importer.
"""

from __future__ import annotations

from imports.importers.activities import MeetingImporter, PartnershipImporter
from imports.importers.base import (
    ERROR,
    NEW,
    SLUG,
    UNCHANGED,
    UPDATE,
    Cells,
    Importer,
    RowInvalid,
    RowOutcome,
    changed,
    own_coalition,
)
from imports.importers.coalitions import MembershipImporter
from imports.importers.directory import ContactImporter, OrganizationImporter

__all__ = [
    "ERROR",
    "IMPORTERS",
    "NEW",
    "SLUG",
    "UNCHANGED",
    "UPDATE",
    "Cells",
    "ContactImporter",
    "Importer",
    "MeetingImporter",
    "MembershipImporter",
    "OrganizationImporter",
    "PartnershipImporter",
    "RowInvalid",
    "RowOutcome",
    "changed",
    "own_coalition",
]

IMPORTERS: dict[str, type[Importer]] = {
    cls.kind: cls
    for cls in (OrganizationImporter, ContactImporter, MembershipImporter, PartnershipImporter, MeetingImporter)
}
