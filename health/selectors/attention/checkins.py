"""Check-in items (checkins_falling, checkins_disagree, reported_vs_actual): the flags of
health.selectors.partnership, raised for a partnership's insiders only."""

from __future__ import annotations

from django.utils.translation import gettext as _

from health.choices import AttentionKind
from health.selectors.attention.items import AttentionItem
from health.selectors.partnership import checkin_health
from partners.models import Partnership


def checkin_items(p: Partnership, quarters, today, base, links) -> list[AttentionItem]:
    health = checkin_health(quarters, last_joint=p.last_joint, joint_last_year=p.joint_last_year, today=today)
    latest, previous = health.latest, health.previous
    items = []
    if health.falling:
        items.append(
            AttentionItem(
                kind=AttentionKind.CHECKINS_FALLING,
                reason=_("Check-in scores fell from %(before).2f to %(now).2f (out of 4) since the previous quarter.")
                % {"before": previous["score"], "now": latest["score"]},
                date=latest["period"],
                links=links,
                rank=(latest["score"] - previous["score"], p.title),
                **base,
            )
        )
    if health.disagree:
        items.append(
            AttentionItem(
                kind=AttentionKind.CHECKINS_DISAGREE,
                reason=_("Partners rate this partnership very differently: from %(low).2f to %(high).2f out of 4.")
                % {"low": latest["lowest"], "high": latest["highest"]},
                date=latest["period"],
                links=links,
                rank=(-latest["spread"], p.title),
                **base,
            )
        )
    if health.high_but_inactive:
        if p.last_joint:
            reason = _("Rated %(score).2f out of 4, yet no joint activity since %(date)s.") % {
                "score": latest["score"],
                "date": p.last_joint.isoformat(),
            }
        else:
            reason = _("Rated %(score).2f out of 4, yet no joint activity is recorded.") % {"score": latest["score"]}
        items.append(
            AttentionItem(
                kind=AttentionKind.REPORTED_VS_ACTUAL,
                reason=reason,
                date=p.last_joint,
                links=links,
                rank=(0, p.title),
                **base,
            )
        )
    if health.low_but_busy:
        items.append(
            AttentionItem(
                kind=AttentionKind.REPORTED_VS_ACTUAL,
                reason=_("Rated only %(score).2f out of 4, despite %(n)d joint activities in the last year.")
                % {"score": latest["score"], "n": p.joint_last_year},
                date=p.last_joint,
                links=links,
                rank=(1, p.title),
                **base,
            )
        )
    return items
