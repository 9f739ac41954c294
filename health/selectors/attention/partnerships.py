"""Partnership items: strained, renewal_due and quiet, with the check-in flags for insiders.

- strained: a partnership marked strained;
- renewal_due: an agreement (not ended) whose renewal date is within RENEWAL_WINDOW_DAYS days
  from today, or already past;
- quiet: by the one rule of partners.selectors.quiet, which the coalition report follows too.
"""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from health import permissions as hperms
from health.choices import AttentionKind
from health.selectors.attention.checkins import checkin_items
from health.selectors.attention.items import AttentionItem, partnership_links
from health.selectors.partnership import checkin_quarters, with_joint_activity
from partners.choices import PartnershipStatus
from partners.models import Partnership, StatusChange
from partners.selectors.quiet import quietness

RENEWAL_WINDOW_DAYS = 60


def _renewal_item(p: Partnership, today: datetime.date, base: dict, links) -> AttentionItem | None:
    if not (p.renewal_date and p.renewal_date <= today + datetime.timedelta(days=RENEWAL_WINDOW_DAYS)):
        return None
    days = (p.renewal_date - today).days
    if days < 0:
        reason = _("Renewal was due %(days)d days ago.")
    elif days == 0:
        reason = _("Renewal is due today.")
    else:
        reason = _("Renewal due in %(days)d days.")
    return AttentionItem(
        kind=AttentionKind.RENEWAL_DUE,
        reason=reason % {"days": abs(days)},
        date=p.renewal_date,
        days=days,
        links=links,
        rank=(days, p.title),
        **base,
    )


def _quiet_item(p: Partnership, today: datetime.date, base: dict, links) -> AttentionItem | None:
    quiet = quietness(p, on=today)
    if quiet is None:
        return None
    if quiet.since_start:
        reason = _("No joint activity recorded in the %(days)d days since it started.") % {"days": quiet.days}
    else:
        reason = _("No joint activity for %(days)d days (since %(date)s); this coalition looks after %(n)d days.") % {
            "days": quiet.days,
            "date": quiet.last_joint.isoformat(),
            "n": quiet.quiet_after,
        }
    return AttentionItem(
        kind=AttentionKind.QUIET,
        reason=reason,
        date=quiet.last_joint,
        days=quiet.days,
        links=links,
        rank=(-quiet.days, p.title),
        **base,
    )


def partnership_items(viewer, partnerships: QuerySet[Partnership], today: datetime.date) -> list[AttentionItem]:
    """The items of every partnership in `partnerships` (ended ones aside), in their order, in a
    fixed number of queries however many coalitions they belong to."""
    # When it was last marked strained: a newer mark makes a resolved "strained" item recur.
    strained_at = StatusChange.objects.filter(partnership=OuterRef("pk"), to_status=PartnershipStatus.STRAINED)
    partnerships = list(
        with_joint_activity(
            partnerships.exclude(status=PartnershipStatus.ENDED).annotate(
                strained_at=Subquery(strained_at.order_by("-changed_at").values("changed_at")[:1])
            ),
            viewer=viewer,
            today=today,
        )
    )
    insider_ids = [p.pk for p in partnerships if hperms.is_insider(viewer, p)]
    quarters = checkin_quarters(viewer=viewer, partnership_ids=insider_ids) if insider_ids else {}
    items: list[AttentionItem] = []
    for p in partnerships:
        base = {"coalition": p.coalition, "partnership": p, "organizations": list(p.organizations.all())}
        links = partnership_links(p)
        if p.status == PartnershipStatus.STRAINED:
            items.append(
                AttentionItem(
                    kind=AttentionKind.STRAINED,
                    reason=_("Marked strained: a conversation or a repair step may help."),
                    date=timezone.localdate(p.strained_at) if p.strained_at else None,
                    links=links,
                    rank=(p.title,),
                    **base,
                )
            )
        for item in (_renewal_item(p, today, base, links), _quiet_item(p, today, base, links)):
            if item is not None:
                items.append(item)
        if p.pk in quarters:
            items.extend(checkin_items(p, quarters[p.pk], today, base, links))
    return items
