"""Directory reads: organisations, contacts, coalitions, memberships, partnerships and meetings.

Every function starts from the `*_visible_to` querysets in partners.permissions and declares
the joins its callers need, so views, serializers and templates start no query of their own.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from partners import permissions as perms
from partners.models import (
    Coalition,
    Contact,
    Meeting,
    Membership,
    Organization,
    Participation,
    Partnership,
)
from partners.models.coalitions import membership_current_q


def organization_list(*, viewer) -> QuerySet[Organization]:
    return (
        perms.organizations_visible_to(viewer)
        .select_related("primary_sector")
        .prefetch_related("sectors", "areas_of_work", "trafficking_forms", "populations")
        .order_by("name")
    )


def organization_get(*, viewer, slug: str) -> Organization:
    """One organisation by slug; invisible and missing give the same 404."""
    org = organization_list(viewer=viewer).filter(slug=slug).first()
    if org is None:
        raise Http404("No organisation found.")
    return org


def contact_list(*, viewer) -> QuerySet[Contact]:
    return perms.contacts_visible_to(viewer).select_related("organization").order_by("organization__name", "name")


def coalition_list(*, viewer) -> QuerySet[Coalition]:
    return perms.coalitions_visible_to(viewer).annotate(
        member_count=Count("memberships", filter=membership_current_q(via="memberships"), distinct=True)
    )


def coalition_get(*, viewer, slug: str) -> Coalition:
    coalition = coalition_list(viewer=viewer).filter(slug=slug).first()
    if coalition is None:
        raise Http404("No coalition found.")
    return coalition


def membership_list(*, viewer) -> QuerySet[Membership]:
    return (
        perms.memberships_visible_to(viewer)
        .select_related("organization__primary_sector", "coalition")
        .order_by("coalition__name", "organization__name", "start_date")
    )


def partnership_list(*, viewer) -> QuerySet[Partnership]:
    return (
        perms.partnerships_visible_to(viewer)
        .select_related("coalition")
        .prefetch_related(Prefetch("organizations", queryset=Organization.objects.select_related("primary_sector")))
        .order_by("title")
    )


def partnership_get(*, viewer, pk) -> Partnership:
    partnership = partnership_list(viewer=viewer).filter(pk=pk).first()
    if partnership is None:
        raise Http404("No partnership found.")
    return partnership


def meeting_list(*, viewer) -> QuerySet[Meeting]:
    return (
        perms.meetings_visible_to(viewer)
        .select_related("coalition", "partnership", "logged_by")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("organization__primary_sector").order_by(
                    "role",
                    "organization__name",  # "host" sorts before "participant"
                ),
            )
        )
        .order_by("-date", "-id")
    )


def meeting_get(*, viewer, pk) -> Meeting:
    meeting = meeting_list(viewer=viewer).filter(pk=pk).first()
    if meeting is None:
        raise Http404("No meeting found.")
    return meeting
