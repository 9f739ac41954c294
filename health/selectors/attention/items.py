"""The needs-attention item, its kinds in the order the list shows them, and its links."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from health.choices import AttentionKind, AttentionState
from health.models import AttentionWork
from partners.models import Coalition, Organization, Partnership

KIND_ORDER = [
    AttentionKind.STRAINED,
    AttentionKind.CHECKINS_FALLING,
    AttentionKind.CHECKINS_DISAGREE,
    AttentionKind.RENEWAL_DUE,
    AttentionKind.QUIET,
    AttentionKind.REPORTED_VS_ACTUAL,
    AttentionKind.ABSENT_MEMBER,
    AttentionKind.INTRODUCTION,
]


@dataclass
class AttentionItem:
    kind: str
    reason: str
    coalition: Coalition | None = None
    partnership: Partnership | None = None
    organizations: list[Organization] = field(default_factory=list)
    date: datetime.date | None = None
    days: int | None = None
    links: list[tuple[str, str]] = field(default_factory=list)
    rank: tuple = ()
    # The work on the item, set by health.selectors.attention.work.attach_work (computed on read).
    work: AttentionWork | None = None
    state: str = AttentionState.OPEN
    state_note: str = ""
    can_work: bool = False

    @property
    def key(self) -> str:
        """A stable string naming the item across requests: kind, coalition, partnership, organisations."""
        coalition = self.coalition.pk if self.coalition else None
        partnership = self.partnership.pk if self.partnership else None
        orgs = "-".join(str(pk) for pk in sorted(o.pk for o in self.organizations))
        return f"{self.kind}:{coalition or '-'}:{partnership or '-'}:{orgs}"

    @property
    def kind_label(self) -> str:
        return str(AttentionKind(self.kind).label)

    @property
    def state_label(self) -> str:
        return str(AttentionState(self.state).label)

    @property
    def assignee(self):
        """Who is on it, shown only to those who may work on the item."""
        return self.work.assignee if self.work is not None and self.can_work else None

    def work_dict(self) -> dict:
        work = self.work if self.can_work else None
        return {
            "state": self.state,
            "state_label": self.state_label,
            "state_note": self.state_note,
            "assignee": (
                {"id": work.assignee.pk, "name": work.assignee.get_full_name() or work.assignee.get_username()}
                if work is not None and work.assignee is not None
                else None
            ),
            "snoozed_until": work.snoozed_until.isoformat() if work and work.snoozed_until else None,
            "snooze_reason": work.snooze_reason if work else "",
            "resolution_note": work.resolution_note if work else "",
            "can_act": self.can_work,
        }

    def as_dict(self) -> dict:
        """The API shape: plain values and slugs, no objects."""
        return {
            "key": self.key,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "reason": self.reason,
            "coalition": self.coalition.slug if self.coalition else None,
            "partnership": (
                {"id": self.partnership.pk, "title": self.partnership.title, "status": self.partnership.status}
                if self.partnership
                else None
            ),
            "organizations": [{"slug": o.slug, "name": o.name} for o in self.organizations],
            "date": self.date.isoformat() if self.date else None,
            "days": self.days,
            "links": [{"label": label, "url": url} for label, url in self.links],
            "work": self.work_dict(),
        }


def sort_items(items: list[AttentionItem]) -> list[AttentionItem]:
    """By kind (KIND_ORDER), then each kind's own rank; ties keep the order they were found in."""
    order = {kind: n for n, kind in enumerate(KIND_ORDER)}
    return sorted(items, key=lambda item: (order[item.kind], item.rank))


def _url(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None  # a page not (yet) served is simply not linked


def _links(*pairs: tuple[str, str | None]) -> list[tuple[str, str]]:
    return [(label, url) for label, url in pairs if url]


def partnership_links(p: Partnership) -> list[tuple[str, str]]:
    return _links(
        (_("Partnership health"), _url("health:partnership_health", pk=p.pk)),
        (_("Partnership"), _url("partners:partnership_detail", pk=p.pk)),
    )


def organization_links(*orgs: Organization) -> list[tuple[str, str]]:
    return _links(*((o.name, _url("partners:organization_detail", slug=o.slug)) for o in orgs))
