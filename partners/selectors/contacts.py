"""Reads about keeping contacts current: an organisation's contacts for its own members, and
whether a member's organisation has contacts due for confirmation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from partners import permissions as perms
from partners.models import Contact, Organization


@dataclass(frozen=True)
class ContactsDue:
    """A member's organisation and how many of its contacts wait for confirmation."""

    organization: Organization
    due: int
    total: int


def organization_contacts(*, viewer, organization: Organization) -> QuerySet[Contact]:
    """The organisation's contacts as the viewer may see them (its own members see them all)."""
    return perms.contacts_visible_to(viewer).filter(organization=organization).order_by("name", "pk")


def contacts_due_for(*, viewer) -> ContactsDue | None:
    """The viewer's own organisation when some of its contacts are due for confirmation (not
    confirmed for over a year, or never), else None. Two queries at most."""
    org_id = perms.organization_id_of(viewer)
    if org_id is None:
        return None
    counts = Contact.objects.filter(organization_id=org_id).aggregate(
        due=Count("pk", filter=Contact.confirmation_due_q()), total=Count("pk")
    )
    if not counts["due"]:
        return None
    return ContactsDue(organization=Organization.objects.get(pk=org_id), **counts)


def organizations_with_contacts_due(*, today: datetime.date | None = None) -> QuerySet[Organization]:
    """Organisations with at least one contact not confirmed for over a year (or never), each
    annotated with `contacts_due`: for the yearly request to their members."""
    before = Contact.confirmation_due_before(today)
    due = Q(contacts__last_confirmed_on__isnull=True) | Q(contacts__last_confirmed_on__lt=before)
    return (
        Organization.objects.annotate(contacts_due=Count("contacts", filter=due))
        .filter(contacts_due__gt=0)
        .order_by("name")
    )
