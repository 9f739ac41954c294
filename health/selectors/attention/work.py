"""The work on needs-attention items, read with the items: state, who is on it, history.

`attach_work` joins the stored work (health.models.AttentionWork) to computed items in one query
and decides each item's state on read:

- snoozed: hidden until `snoozed_until`; from that day on it is open again, by itself;
- resolved: hidden while the item's date is the one it had when resolved; an item whose date
  changed since (a new renewal date, a new last activity, a new quarter rated, a newer "strained"
  mark, a new last attendance) has recurred and is open again;
- acknowledged: shown, with who acknowledged it.

`attention_active` drops snoozed and resolved items (for lists and digests). (The package's
`attention_item_get` finds one item by its key; `attention_for_digest` is the digest's list.)
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from health import permissions as hperms
from health.choices import AttentionKind, AttentionState
from health.models import AttentionEvent, AttentionWork
from health.selectors.attention.items import AttentionItem

HIDDEN_STATES = (AttentionState.SNOOZED, AttentionState.RESOLVED)


def _state(item: AttentionItem, work: AttentionWork | None, today: datetime.date) -> tuple[str, str]:
    if work is None:
        return AttentionState.OPEN, ""
    if work.state == AttentionState.SNOOZED:
        if work.snoozed_until and work.snoozed_until <= today:
            return AttentionState.OPEN, _("Back from a snooze that ended on %(date)s.") % {
                "date": work.snoozed_until.isoformat()
            }
        return AttentionState.SNOOZED, _("Snoozed until %(date)s.") % {"date": work.snoozed_until.isoformat()}
    if work.state == AttentionState.RESOLVED:
        if item.date != work.resolved_condition_date:
            return AttentionState.OPEN, _("Came back after it was resolved on %(date)s.") % {
                "date": timezone.localdate(work.resolved_at).isoformat() if work.resolved_at else "?"
            }
        return AttentionState.RESOLVED, ""
    return work.state, ""


def attach_work(
    items: list[AttentionItem], *, viewer, today: datetime.date | None = None, history: bool = False
) -> list[AttentionItem]:
    """Set `work`, `state`, `state_note` and `can_work` on each item, in one query (two with
    the history, which is read only for the items the viewer may work on)."""
    today = today or timezone.localdate()
    rows = AttentionWork.objects.filter(key__in=[i.key for i in items]).select_related(
        "assignee", "acknowledged_by", "resolved_by"
    )
    if history:
        rows = rows.prefetch_related(
            Prefetch("events", queryset=AttentionEvent.objects.select_related("actor", "assignee"))
        )
    by_key = {w.key: w for w in rows} if items else {}
    for item in items:
        item.work = by_key.get(item.key)
        item.state, item.state_note = _state(item, item.work, today)
        item.can_work = hperms.can_work_on_attention_item(viewer, item)
    return items


def attention_active(items: list[AttentionItem]) -> list[AttentionItem]:
    """The items still to look at: neither snoozed nor resolved (after attach_work)."""
    return [i for i in items if i.state not in HIDDEN_STATES]


def attention_in_state(items: list[AttentionItem], state: str) -> list[AttentionItem]:
    """`active` (the default list), `snoozed`, `resolved` or `all`."""
    if state == "all":
        return items
    if state in HIDDEN_STATES:
        return [i for i in items if i.state == state]
    return attention_active(items)


MAX_ID = 2**31 - 1  # no key names a row beyond the id range: such a key is no item (404)
MAX_KEY_ORGANIZATIONS = 500


def _id(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_ID:
        raise ValueError(text)
    return value


def parse_key(key: str) -> tuple[str, int | None, int | None, list[int]]:
    try:
        kind, coalition, partnership, orgs = key.split(":")
        if kind not in AttentionKind.values:
            raise ValueError
        organizations = orgs.split("-") if orgs else []
        if len(organizations) > MAX_KEY_ORGANIZATIONS:
            raise ValueError
        return (
            kind,
            None if coalition == "-" else _id(coalition),
            None if partnership == "-" else _id(partnership),
            [_id(o) for o in organizations],
        )
    except ValueError:
        raise Http404("No such item.") from None


def attention_assignees(item: AttentionItem):
    """The people the item may be assigned to (for the assign form)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(hperms.attention_assignees_q(item))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
