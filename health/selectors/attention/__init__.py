"""The needs-attention list, per coalition, per organisation or for the viewer's dashboard.

Each item has a kind, a plain-language reason and links. The kinds, and exactly when each is
raised (the attention list picks up these cases and nothing else), one module per kind:

- partnerships: strained, renewal_due and quiet (quiet by the rule of partners.selectors.quiet);
- checkins: checkins_falling, checkins_disagree, reported_vs_actual, the check-in flags of
  health.selectors.partnership, shown only to the partnership's insiders;
- members: absent_member, a current member that missed its coalition's last K meetings;
- introductions: two current members of complementary sectors who have never worked together.

`attention_for_dashboard` gives the dashboard's short list of partnership items as dicts.

Everything is counted from what the viewer may see, and read for all the coalitions concerned
at once: the number of queries does not grow with the number of coalitions.
"""

from __future__ import annotations

import datetime

from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from health.choices import AttentionKind
from health.selectors.attention.introductions import INTRODUCTION_LIMIT, introduction_items
from health.selectors.attention.items import KIND_ORDER, AttentionItem, sort_items
from health.selectors.attention.members import absent_items
from health.selectors.attention.partnerships import RENEWAL_WINDOW_DAYS, partnership_items
from health.selectors.attention.work import attach_work, attention_active, parse_key
from partners import permissions as perms
from partners.models import Coalition, Membership, Organization
from partners.selectors.directory import partnership_list
from partners.selectors.quiet import DEFAULT_QUIET_AFTER_DAYS

DASHBOARD_LIMIT = 20

__all__ = [
    "DEFAULT_QUIET_AFTER_DAYS",
    "INTRODUCTION_LIMIT",
    "KIND_ORDER",
    "RENEWAL_WINDOW_DAYS",
    "AttentionItem",
    "attach_work",
    "attention_active",
    "attention_for_dashboard",
    "attention_for_digest",
    "attention_item_get",
    "attention_for_viewer",
    "coalition_attention",
    "organization_attention",
]


def _members_items(viewer, coalitions: list[Coalition], today, organization: Organization | None = None) -> list:
    return absent_items(viewer, coalitions, today, organization) + introduction_items(
        viewer, coalitions, today, organization
    )


def coalition_attention(*, viewer, coalition: Coalition, today: datetime.date | None = None) -> list[AttentionItem]:
    """What needs attention in one coalition the viewer may see."""
    today = today or timezone.localdate()
    if not perms.is_signed_in(viewer):
        return []
    items = partnership_items(viewer, partnership_list(viewer=viewer).filter(coalition=coalition), today)
    items += _members_items(viewer, [coalition], today)
    return sort_items(items)


def organization_attention(
    *, viewer, organization: Organization, today: datetime.date | None = None
) -> list[AttentionItem]:
    """What needs attention for one organisation: its partnerships, its absences and the
    introductions suggested for it, in every coalition it currently belongs to."""
    today = today or timezone.localdate()
    if not perms.is_signed_in(viewer):
        return []
    items = partnership_items(viewer, partnership_list(viewer=viewer).filter(organizations=organization), today)
    coalitions = list(
        perms.coalitions_visible_to(viewer)
        .filter(pk__in=Membership.objects.filter(organization=organization).current(today).values("coalition_id"))
        .order_by("name")
    )
    items += _members_items(viewer, coalitions, today, organization)
    return sort_items(items)


def _key(item: AttentionItem) -> tuple:
    return (item.kind, item.partnership.pk if item.partnership else None, *(o.pk for o in item.organizations))


def attention_for_viewer(*, viewer, today: datetime.date | None = None) -> list[AttentionItem]:
    """The dashboard's list: the coalitions a coordinator coordinates, a member's organisation,
    and for admins every coalition and the partnerships outside any coalition."""
    if not perms.is_signed_in(viewer):
        return []
    today = today or timezone.localdate()
    admin = perms.is_admin(viewer)
    visible = perms.coalitions_visible_to(viewer)
    if not admin:
        visible = visible.filter(pk__in=list(perms.coordinated_coalition_ids(viewer)))
    coalitions = list(visible.order_by("name"))
    in_scope = Q(coalition__in=[c.pk for c in coalitions])
    if admin:
        in_scope |= Q(coalition__isnull=True)
    items = []
    if coalitions or admin:
        # Coalition by coalition (by name), then the partnerships outside any coalition.
        by_coalition = (
            partnership_list(viewer=viewer)
            .filter(in_scope)
            .order_by(F("coalition__name").asc(nulls_last=True), "title")
        )
        items = partnership_items(viewer, by_coalition, today)
    items += _members_items(viewer, coalitions, today)
    org_id = perms.organization_id_of(viewer)
    if org_id is not None:
        organization = perms.organizations_visible_to(viewer).filter(pk=org_id).first()
        if organization is not None:
            seen = {_key(i) for i in items}
            items += [
                i
                for i in organization_attention(viewer=viewer, organization=organization, today=today)
                if _key(i) not in seen
            ]
    return sort_items(items)


def attention_item_get(*, viewer, key: str, today: datetime.date | None = None) -> AttentionItem:
    """The item with this key among those the viewer sees now, or 404 (unknown, gone or hidden)."""
    today = today or timezone.localdate()
    _kind, coalition_id, partnership_id, org_ids = parse_key(str(key)[:500])
    candidates: list[AttentionItem] = []
    if partnership_id is not None:
        candidates = partnership_items(viewer, partnership_list(viewer=viewer).filter(pk=partnership_id), today)
    elif coalition_id is not None:
        coalition = perms.coalitions_visible_to(viewer).filter(pk=coalition_id).first()
        if coalition is not None:
            candidates = _members_items(viewer, [coalition], today)
            if not any(c.key == key for c in candidates):
                # An organisation's own list may suggest introductions beyond the coalition's top ones.
                for org in perms.organizations_visible_to(viewer).filter(pk__in=org_ids):
                    candidates += _members_items(viewer, [coalition], today, org)
    for item in candidates:
        if item.key == key:
            return item
    raise Http404("No such item.")


def attention_for_digest(*, viewer, today: datetime.date | None = None) -> list[AttentionItem]:
    """The viewer's attention list (attention_for_viewer) without snoozed or resolved items, each
    with its state and who is on it: what a digest may tell them about."""
    today = today or timezone.localdate()
    items = attention_for_viewer(viewer=viewer, today=today)
    return attention_active(attach_work(items, viewer=viewer, today=today))


def attention_for_dashboard(*, viewer) -> list[dict]:
    """Partnerships the viewer should look at now, most urgent first, at most DASHBOARD_LIMIT;
    only partnership items (absent members and introductions are on the attention pages). Each:

        {
            "kind": "renewal_due" | "renewal_overdue" | "quiet" | "strained" | "checkins_falling"
                    | "checkins_disagree" | "reported_vs_actual",
            "label": str,                        # the kind, for people
            "partnership": Partnership,          # with coalition and organizations prefetched
            "date": datetime.date | None,        # the renewal date, or the last activity (None: never)
            "days": int | None,                  # days until renewal (negative: overdue) or days quiet
            "message": str,                      # a translated sentence for people
            "links": [(label, url)],
            "item": AttentionItem,               # with its work attached (state, assignee)
        }

    Snoozed and resolved items are left out (health.selectors.attention.work).
    """
    if not perms.is_signed_in(viewer):
        return []
    rows = []
    items = [i for i in attention_for_viewer(viewer=viewer) if i.partnership is not None]
    for item in attention_active(attach_work(items, viewer=viewer)):
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
                "item": item,  # its state, and who is on it: item.state_label, item.assignee
            }
        )
    return rows[:DASHBOARD_LIMIT]
