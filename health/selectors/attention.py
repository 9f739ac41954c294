"""The needs-attention list, per coalition or per organisation.

Each item has a kind, a plain-language reason and links. The kinds, and exactly when each is
raised (the attention list picks up these cases and nothing else):

- quiet: a partnership (not dormant or ended) whose last joint activity is N or more days ago,
  or which has had none in the N days since it started; N is its coalition's
  `quiet_after_days` (90 when it belongs to no coalition);
- renewal_due: an agreement (not ended) whose renewal date is within RENEWAL_WINDOW_DAYS days
  from today, or already past;
- strained: a partnership marked strained;
- checkins_falling, checkins_disagree, reported_vs_actual: the check-in flags of
  health.selectors.partnership, shown only to the partnership's insiders;
- absent_member: a current member organisation (a member since before those meetings) that
  took part in none of the coalition's last K meetings, K being its `absent_after_meetings`;
- introduction: two current members of a coalition whose primary sectors are a complementary
  pair (the ComplementarySectorPair table) and who have never worked together: no shared
  partnership and no activity together other than coalition-wide meetings; ranked by shared
  partners (organisations both have worked with in that sense), at most INTRODUCTION_LIMIT per
  coalition.

Everything is counted from what the viewer may see.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Max, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from health import permissions as hperms
from health.choices import AttentionKind
from health.models import ComplementarySectorPair
from health.selectors.partnership import checkin_health, checkin_quarters, with_joint_activity
from partners import permissions as perms
from partners.choices import MeetingKind, PartnershipStatus
from partners.models import Coalition, Membership, Organization, Partnership
from partners.selectors.directory import partnership_list

RENEWAL_WINDOW_DAYS = 60
DEFAULT_QUIET_AFTER_DAYS = 90
INTRODUCTION_LIMIT = 10

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

PartnershipOrganization = Partnership.organizations.through


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

    @property
    def kind_label(self) -> str:
        return str(AttentionKind(self.kind).label)

    def as_dict(self) -> dict:
        """The API shape: plain values and slugs, no objects."""
        return {
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
        }


def _url(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None  # a page not (yet) served is simply not linked


def _links(*pairs: tuple[str, str | None]) -> list[tuple[str, str]]:
    return [(label, url) for label, url in pairs if url]


def _partnership_links(p: Partnership) -> list[tuple[str, str]]:
    return _links(
        (_("Partnership health"), _url("health:partnership_health", pk=p.pk)),
        (_("Partnership"), _url("partners:partnership_detail", pk=p.pk)),
    )


def _organization_links(*orgs: Organization) -> list[tuple[str, str]]:
    return _links(*((o.name, _url("partners:organization_detail", slug=o.slug)) for o in orgs))


# --- partnerships -------------------------------------------------------------------------------


def _partnership_items(
    viewer, partnerships: QuerySet[Partnership], today: datetime.date, organization: Organization | None
) -> list[AttentionItem]:
    partnerships = list(
        with_joint_activity(partnerships.exclude(status=PartnershipStatus.ENDED), viewer=viewer, today=today)
    )
    insider_ids = [p.pk for p in partnerships if hperms.is_insider(viewer, p)]
    quarters = checkin_quarters(viewer=viewer, partnership_ids=insider_ids) if insider_ids else {}
    items: list[AttentionItem] = []
    for p in partnerships:
        base = {"coalition": p.coalition, "partnership": p, "organizations": list(p.organizations.all())}
        links = _partnership_links(p)
        if p.status == PartnershipStatus.STRAINED:
            items.append(
                AttentionItem(
                    kind=AttentionKind.STRAINED,
                    reason=_("Marked strained: a conversation or a repair step may help."),
                    links=links,
                    rank=(p.title,),
                    **base,
                )
            )
        if p.renewal_date and p.renewal_date <= today + datetime.timedelta(days=RENEWAL_WINDOW_DAYS):
            days = (p.renewal_date - today).days
            if days < 0:
                reason = _("Renewal was due %(days)d days ago.")
            elif days == 0:
                reason = _("Renewal is due today.")
            else:
                reason = _("Renewal due in %(days)d days.")
            reason = reason % {"days": abs(days)}
            items.append(
                AttentionItem(
                    kind=AttentionKind.RENEWAL_DUE,
                    reason=reason,
                    date=p.renewal_date,
                    days=days,
                    links=links,
                    rank=(days, p.title),
                    **base,
                )
            )
        if p.status not in (PartnershipStatus.DORMANT, PartnershipStatus.ENDED):
            quiet_after = p.coalition.quiet_after_days if p.coalition else DEFAULT_QUIET_AFTER_DAYS
            # Counted from the later of the last joint activity and the start: a new partnership is not quiet.
            started = p.start_date or timezone.localtime(p.created_at).date()
            since = max(p.last_joint, started) if p.last_joint else started
            days = (today - since).days
            if days >= quiet_after:
                if p.last_joint and p.last_joint >= started:
                    reason = _(
                        "No joint activity for %(days)d days (since %(date)s); this coalition looks after %(n)d days."
                    ) % {"days": days, "date": p.last_joint.isoformat(), "n": quiet_after}
                else:
                    reason = _("No joint activity recorded in the %(days)d days since it started.") % {"days": days}
                items.append(
                    AttentionItem(
                        kind=AttentionKind.QUIET,
                        reason=reason,
                        date=p.last_joint,
                        days=days,
                        links=links,
                        rank=(-days, p.title),
                        **base,
                    )
                )
        if p.pk in quarters:
            items.extend(_checkin_items(p, quarters[p.pk], today, base, links))
    return items


def _checkin_items(p: Partnership, quarters, today, base, links) -> list[AttentionItem]:
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


# --- coalition members ----------------------------------------------------------------------------


def _absent_items(viewer, coalition: Coalition, today, organization: Organization | None) -> list[AttentionItem]:
    k = coalition.absent_after_meetings
    last_meetings = list(
        perms.meetings_visible_to(viewer)
        .filter(coalition=coalition, kind=MeetingKind.COALITION_MEETING, date__lte=today)
        .order_by("-date", "-id")
        .values_list("pk", "date")[:k]
    )
    if len(last_meetings) < k:
        return []  # too few meetings yet to call anyone absent
    earliest = min(d for _pk, d in last_meetings)
    members = (
        perms.memberships_visible_to(viewer).filter(coalition=coalition).current(today).filter(start_date__lte=earliest)
    )
    if organization is not None:
        members = members.filter(organization=organization)
    members = {m.organization_id: m.organization for m in members.select_related("organization")}
    if not members:
        return []
    participations = perms.participations_visible_to(viewer)
    came = set(
        participations.filter(meeting_id__in=[pk for pk, _d in last_meetings], organization_id__in=members)
        .values_list("organization_id", flat=True)
        .distinct()
    )
    absent = [pk for pk in members if pk not in came]
    if not absent:
        return []
    last_seen = dict(
        participations.filter(
            meeting__coalition=coalition,
            meeting__kind=MeetingKind.COALITION_MEETING,
            meeting__date__lte=today,
            organization_id__in=absent,
        )
        .values("organization_id")
        .annotate(last=Max("meeting__date"))
        .values_list("organization_id", "last")
    )
    items = []
    for pk in absent:
        org, seen = members[pk], last_seen.get(pk)
        if seen:
            reason = _("Took part in none of the last %(k)d meetings of %(coalition)s; last came on %(date)s.")
        else:
            reason = _("Took part in none of the last %(k)d meetings of %(coalition)s, nor any before.")
        items.append(
            AttentionItem(
                kind=AttentionKind.ABSENT_MEMBER,
                reason=reason % {"k": k, "coalition": coalition.name, "date": seen.isoformat() if seen else ""},
                coalition=coalition,
                organizations=[org],
                date=seen,
                days=(today - seen).days if seen else None,
                links=_organization_links(org),
                rank=(seen or datetime.date.min, org.name),
            )
        )
    return items


def _introduction_items(
    viewer, coalition: Coalition, today, organization: Organization | None, complementary: dict
) -> list[AttentionItem]:
    members = {
        m.organization_id: m.organization
        for m in perms.memberships_visible_to(viewer)
        .filter(coalition=coalition)
        .current(today)
        .select_related("organization__primary_sector")
    }
    if organization is not None and organization.pk not in members:
        return []
    candidates = []
    for a, b in combinations(sorted(members, key=lambda pk: members[pk].name), 2):
        if organization is not None and organization.pk not in (a, b):
            continue
        why = complementary.get(frozenset({members[a].primary_sector_id, members[b].primary_sector_id}))
        if why is not None:
            candidates.append((a, b, why))
    if not candidates:
        return []
    ids = {pk for a, b, _w in candidates for pk in (a, b)}
    neighbours: dict[int, set[int]] = defaultdict(set)
    # As for quiet partnerships, sitting in the same coalition-wide meeting is not working together.
    visible = (
        perms.meetings_visible_to(viewer)
        .filter(date__lte=today)
        .exclude(kind=MeetingKind.COALITION_MEETING)
        .values("pk")
    )
    for org_id, other_id in (
        perms.participations_visible_to(viewer)
        .filter(meeting_id__in=visible, organization_id__in=ids)
        .values_list("organization_id", "meeting__participations__organization_id")
        .distinct()
    ):
        neighbours[org_id].add(other_id)
    by_partnership: dict[int, set[int]] = defaultdict(set)
    for partnership_id, org_id in PartnershipOrganization.objects.filter(
        partnership_id__in=PartnershipOrganization.objects.filter(organization_id__in=ids).values("partnership_id")
    ).values_list("partnership_id", "organization_id"):
        by_partnership[partnership_id].add(org_id)
    for orgs in by_partnership.values():
        for org_id in orgs & ids:
            neighbours[org_id] |= orgs
    for org_id in neighbours:
        neighbours[org_id].discard(org_id)
    ranked = []
    shared_sets: dict[tuple[int, int], set[int]] = {}
    for a, b, why in candidates:
        if b in neighbours[a]:
            continue  # they have worked together
        shared_sets[(a, b)] = neighbours[a] & neighbours[b]
        ranked.append((len(shared_sets[(a, b)]), a, b, why))
    ranked.sort(key=lambda r: (-r[0], members[r[1]].name, members[r[2]].name))
    ranked = ranked[:INTRODUCTION_LIMIT]
    shown_shared = {pk for _n, a, b, _w in ranked for pk in shared_sets[(a, b)]}
    shared_names = dict(perms.organizations_visible_to(viewer).filter(pk__in=shown_shared).values_list("pk", "name"))
    items = []
    for shared, a, b, why in ranked:
        org_a, org_b = members[a], members[b]
        reason = _("%(a)s (%(sa)s) and %(b)s (%(sb)s) are both in %(coalition)s but have never worked together.") % {
            "a": org_a.name,
            "sa": org_a.primary_sector.name,
            "b": org_b.name,
            "sb": org_b.primary_sector.name,
            "coalition": coalition.name,
        }
        if shared:
            names = sorted(shared_names.get(pk, "") for pk in shared_sets[(a, b)])
            reason += " " + ngettext(
                "They share %(n)d partner: %(names)s.", "They share %(n)d partners: %(names)s.", shared
            ) % {"n": shared, "names": ", ".join(names[:3]) + (_(" and others") if len(names) > 3 else "")}
        else:
            reason += " " + _("They have no partner in common yet.")
        if why:
            reason += " " + why
        items.append(
            AttentionItem(
                kind=AttentionKind.INTRODUCTION,
                reason=reason,
                coalition=coalition,
                organizations=[org_a, org_b],
                days=shared,
                links=_organization_links(org_a, org_b),
                rank=(-shared, org_a.name, org_b.name),
            )
        )
    return items


def _complementary_pairs() -> dict[frozenset, str]:
    return {
        frozenset({a, b}): why
        for a, b, why in ComplementarySectorPair.objects.values_list("sector_a_id", "sector_b_id", "why")
    }


# --- entry points ---------------------------------------------------------------------------------


def _sorted(items: list[AttentionItem]) -> list[AttentionItem]:
    order = {kind: n for n, kind in enumerate(KIND_ORDER)}
    return sorted(items, key=lambda item: (order[item.kind], item.rank))


def coalition_attention(*, viewer, coalition: Coalition, today: datetime.date | None = None) -> list[AttentionItem]:
    """What needs attention in one coalition the viewer may see."""
    today = today or timezone.localdate()
    if not perms.is_signed_in(viewer):
        return []
    items = _partnership_items(viewer, partnership_list(viewer=viewer).filter(coalition=coalition), today, None)
    items += _absent_items(viewer, coalition, today, None)
    items += _introduction_items(viewer, coalition, today, None, _complementary_pairs())
    return _sorted(items)


def organization_attention(
    *, viewer, organization: Organization, today: datetime.date | None = None
) -> list[AttentionItem]:
    """What needs attention for one organisation: its partnerships, its absences and the
    introductions suggested for it, in every coalition it currently belongs to."""
    today = today or timezone.localdate()
    if not perms.is_signed_in(viewer):
        return []
    items = _partnership_items(
        viewer, partnership_list(viewer=viewer).filter(organizations=organization), today, organization
    )
    coalitions = perms.coalitions_visible_to(viewer).filter(
        pk__in=Membership.objects.filter(organization=organization).current(today).values("coalition_id")
    )
    complementary = _complementary_pairs()
    for coalition in coalitions.order_by("name"):
        items += _absent_items(viewer, coalition, today, organization)
        items += _introduction_items(viewer, coalition, today, organization, complementary)
    return _sorted(items)


def attention_for_viewer(*, viewer, today: datetime.date | None = None) -> list[AttentionItem]:
    """The dashboard's list: the coalitions a coordinator coordinates, a member's organisation,
    and for admins every coalition and the partnerships outside any coalition."""
    if not perms.is_signed_in(viewer):
        return []
    today = today or timezone.localdate()
    coalition_ids = set(perms.coordinated_coalition_ids(viewer))
    if perms.is_admin(viewer):
        coalition_ids |= set(perms.coalitions_visible_to(viewer).values_list("pk", flat=True))
    items: list[AttentionItem] = []
    for coalition in perms.coalitions_visible_to(viewer).filter(pk__in=coalition_ids).order_by("name"):
        items += coalition_attention(viewer=viewer, coalition=coalition, today=today)
    if perms.is_admin(viewer):
        outside = partnership_list(viewer=viewer).filter(coalition__isnull=True)
        items += _partnership_items(viewer, outside, today, None)
    org_id = perms.organization_id_of(viewer)
    if org_id is not None:
        organization = perms.organizations_visible_to(viewer).filter(pk=org_id).first()
        if organization is not None:
            seen = {
                (i.kind, i.partnership.pk if i.partnership else None, *(o.pk for o in i.organizations)) for i in items
            }
            for item in organization_attention(viewer=viewer, organization=organization, today=today):
                key = (
                    item.kind,
                    item.partnership.pk if item.partnership else None,
                    *(o.pk for o in item.organizations),
                )
                if key not in seen:
                    items.append(item)
    return _sorted(items)
