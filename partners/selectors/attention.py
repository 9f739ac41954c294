"""Partnerships that need attention on the dashboard: renewals due and partnerships gone quiet.

`attention_for_dashboard(*, viewer) -> list[dict]` is the one entry point the pages use. Each item:

    {
        "kind": "renewal_due" | "renewal_overdue" | "quiet",
        "partnership": Partnership,          # with coalition and organizations prefetched
        "date": datetime.date | None,        # the renewal date, or the last activity (None: never)
        "days": int,                         # days until renewal (negative: overdue) or days quiet
        "message": str,                      # a translated sentence for people
    }

ordered most urgent first and capped at `LIMIT` items. It may later delegate to a fuller
implementation; the signature and this shape stay.
"""

from __future__ import annotations

import datetime

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from partners import permissions as perms
from partners.choices import PartnershipStatus
from partners.models import Participation, Partnership
from partners.selectors.directory import partnership_list

RENEWAL_WINDOW_DAYS = 60
DEFAULT_QUIET_AFTER_DAYS = 90
LIMIT = 20


def _relevant_partnerships(viewer) -> QuerySet[Partnership]:
    """Admins see all; coordinators their coalitions'; members their organisation's."""
    partnerships = partnership_list(viewer=viewer).exclude(status=PartnershipStatus.ENDED)
    if perms.is_admin(viewer):
        return partnerships
    condition = Q(pk__in=[])
    coordinated = perms.coordinated_coalition_ids(viewer)
    if coordinated:
        condition |= Q(coalition_id__in=coordinated)
    org_id = perms.organization_id_of(viewer)
    if org_id is not None:
        condition |= Q(pk__in=Partnership.objects.filter(organizations=org_id).values("pk"))
    return partnerships.filter(condition)


def _with_last_activity(partnerships: QuerySet[Partnership], viewer, today: datetime.date) -> QuerySet[Partnership]:
    """Annotate the last visible activity linked to the partnership, and the last visible joint
    activity of two of its organisations (both in the same activity), dated today or earlier."""
    visible = perms.meetings_visible_to(viewer).filter(date__lte=today).values("pk")
    linked = (
        perms.meetings_visible_to(viewer)
        .filter(partnership=OuterRef("pk"), date__lte=today)
        .order_by("-date")
        .values("date")[:1]
    )
    # Both sides of the pair in one filter() call, so the join is not repeated.
    joint = (
        Participation.objects.filter(
            meeting_id__in=visible,
            organization__partnerships=OuterRef("pk"),
            meeting__participations__organization__partnerships=OuterRef("pk"),
            meeting__participations__organization_id__gt=F("organization_id"),
        )
        .order_by("-meeting__date")
        .values("meeting__date")[:1]
    )
    return partnerships.annotate(last_linked=Subquery(linked), last_joint=Subquery(joint))


def attention_for_dashboard(*, viewer) -> list[dict]:
    """Partnerships the viewer should look at now; see the module docstring for the shape."""
    if not perms.is_signed_in(viewer):
        return []
    today = timezone.localdate()
    partnerships = _with_last_activity(_relevant_partnerships(viewer), viewer, today)
    items: list[dict] = []
    for partnership in partnerships:
        if partnership.renewal_date and partnership.renewal_date <= today + datetime.timedelta(RENEWAL_WINDOW_DAYS):
            days = (partnership.renewal_date - today).days
            overdue = days < 0
            items.append(
                {
                    "kind": "renewal_overdue" if overdue else "renewal_due",
                    "partnership": partnership,
                    "date": partnership.renewal_date,
                    "days": days,
                    "message": (
                        _("Renewal was due %(days)d days ago.") % {"days": -days}
                        if overdue
                        else _("Renewal due in %(days)d days.") % {"days": days}
                    ),
                    "rank": days,
                }
            )
        quiet_after = partnership.coalition.quiet_after_days if partnership.coalition_id else DEFAULT_QUIET_AFTER_DAYS
        last = max((d for d in (partnership.last_linked, partnership.last_joint) if d), default=None)
        since = partnership.start_date or partnership.created_at.date()
        quiet_days = (today - last).days if last else (today - since).days
        if quiet_days > quiet_after and partnership.status != PartnershipStatus.DORMANT:
            items.append(
                {
                    "kind": "quiet",
                    "partnership": partnership,
                    "date": last,
                    "days": quiet_days,
                    "message": (
                        _("No joint activity for %(days)d days.") % {"days": quiet_days}
                        if last
                        else _("No joint activity recorded yet.")
                    ),
                    "rank": quiet_after - quiet_days,
                }
            )
    items.sort(key=lambda item: (item["rank"], item["partnership"].title))
    for item in items:
        del item["rank"]
    return items[:LIMIT]
