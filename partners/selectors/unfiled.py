"""Reads for the coordinators' data-quality list: activities without a coalition in which two
or more current members of a coalition took part (they count in no coalition's figures)."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery

from partners.models import Coalition, Meeting, Membership, Participation
from partners.selectors.directory import meeting_list

MIN_MEMBERS = 2


def members_taking_part(coalition: Coalition):
    """A subquery: how many current members of `coalition` took part in the outer activity."""
    members = Membership.objects.current().filter(coalition=coalition).values("organization_id")
    return Subquery(
        Participation.objects.filter(meeting_id=OuterRef("pk"), organization_id__in=members)
        .order_by()
        .values("meeting_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )


def unfiled_meeting_list(*, viewer, coalition: Coalition) -> QuerySet[Meeting]:
    """The activities `viewer` may see that have no coalition and in which two or more of the
    coalition's current members took part, newest first, with `members_taking_part`."""
    return (
        meeting_list(viewer=viewer)
        .filter(coalition__isnull=True)
        .annotate(members_taking_part=members_taking_part(coalition))
        .filter(members_taking_part__gte=MIN_MEMBERS)
    )
