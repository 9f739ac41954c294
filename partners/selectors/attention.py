"""Partnerships that need attention on the dashboard, drawn from health.selectors.attention.

`attention_for_dashboard(*, viewer) -> list[dict]` is the one entry point the pages use. Each item:

    {
        "kind": "renewal_due" | "renewal_overdue" | "quiet" | "strained" | "checkins_falling"
                | "checkins_disagree" | "reported_vs_actual",
        "label": str,                        # the kind, for people
        "partnership": Partnership,          # with coalition and organizations prefetched
        "date": datetime.date | None,        # the renewal date, or the last activity (None: never)
        "days": int | None,                  # days until renewal (negative: overdue) or days quiet
        "message": str,                      # a translated sentence for people
        "links": [(label, url)],
    }

ordered most urgent first and capped at `LIMIT` items. Only partnership items are listed here;
absent members and suggested introductions are on the coalition and organisation attention pages.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from health.choices import AttentionKind
from health.selectors.attention import attention_for_viewer
from partners import permissions as perms

LIMIT = 20


def attention_for_dashboard(*, viewer) -> list[dict]:
    """Partnerships the viewer should look at now; see the module docstring for the shape."""
    if not perms.is_signed_in(viewer):
        return []
    rows = []
    for item in attention_for_viewer(viewer=viewer):
        if item.partnership is None:
            continue
        kind, label = item.kind, item.kind_label
        if kind == AttentionKind.RENEWAL_DUE and item.days is not None and item.days < 0:
            kind, label = "renewal_overdue", _("Renewal overdue")
        rows.append(
            {
                "kind": kind,
                "label": label,
                "partnership": item.partnership,
                "date": item.date,
                "days": item.days,
                "message": item.reason,
                "links": item.links,
            }
        )
    return rows[:LIMIT]
