"""Introduction items: two current members of a coalition whose primary sectors are a
complementary pair (the ComplementarySectorPair table) and who have never worked together: no
shared partnership and no activity together other than coalition-wide meetings; ranked by shared
partners (organisations both have worked with in that sense), at most INTRODUCTION_LIMIT per
coalition. Read for many coalitions at once, in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from itertools import combinations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from health.choices import AttentionKind
from health.models import ComplementarySectorPair
from health.selectors.attention.items import AttentionItem, organization_links
from partners import permissions as perms
from partners.choices import MeetingKind
from partners.models import Coalition, Organization, Partnership

INTRODUCTION_LIMIT = 10

PartnershipOrganization = Partnership.organizations.through


def _complementary_pairs() -> dict[frozenset, str]:
    return {
        frozenset({a, b}): why
        for a, b, why in ComplementarySectorPair.objects.values_list("sector_a_id", "sector_b_id", "why")
    }


def _neighbours(viewer, ids: set[int], today: datetime.date) -> dict[int, set[int]]:
    """Every organisation each of `ids` has worked with: a visible activity together (other than a
    coalition-wide meeting) or a shared partnership."""
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
    return neighbours


def _reason(coalition: Coalition, org_a, org_b, shared: int, names: list[str], why: str) -> str:
    reason = _("%(a)s (%(sa)s) and %(b)s (%(sb)s) are both in %(coalition)s but have never worked together.") % {
        "a": org_a.name,
        "sa": org_a.primary_sector.name,
        "b": org_b.name,
        "sb": org_b.primary_sector.name,
        "coalition": coalition.name,
    }
    if shared:
        reason += " " + ngettext(
            "They share %(n)d partner: %(names)s.", "They share %(n)d partners: %(names)s.", shared
        ) % {"n": shared, "names": ", ".join(names[:3]) + (_(" and others") if len(names) > 3 else "")}
    else:
        reason += " " + _("They have no partner in common yet.")
    if why:
        reason += " " + why
    return reason


def introduction_items(
    viewer, coalitions: list[Coalition], today: datetime.date, organization: Organization | None = None
) -> list[AttentionItem]:
    """Suggested introductions in `coalitions` (only those of `organization`, when given),
    coalition by coalition in the order given."""
    if not coalitions:
        return []
    complementary = _complementary_pairs()
    members: dict[int, dict[int, Organization]] = defaultdict(dict)
    for m in (
        perms.memberships_visible_to(viewer)
        .filter(coalition__in=coalitions)
        .current(today)
        .select_related("organization__primary_sector")
    ):
        members[m.coalition_id][m.organization_id] = m.organization
    candidates: dict[int, list[tuple[int, int, str]]] = {}
    for coalition in coalitions:
        in_coalition = members.get(coalition.pk, {})
        if organization is not None and organization.pk not in in_coalition:
            continue
        for a, b in combinations(sorted(in_coalition, key=lambda pk: in_coalition[pk].name), 2):
            if organization is not None and organization.pk not in (a, b):
                continue
            why = complementary.get(frozenset({in_coalition[a].primary_sector_id, in_coalition[b].primary_sector_id}))
            if why is not None:
                candidates.setdefault(coalition.pk, []).append((a, b, why))
    if not candidates:
        return []
    neighbours = _neighbours(
        viewer, {pk for pairs in candidates.values() for a, b, _w in pairs for pk in (a, b)}, today
    )
    ranked: dict[int, list[tuple[int, int, int, str]]] = {}
    shared_sets: dict[tuple[int, int], set[int]] = {}
    for coalition_id, pairs in candidates.items():
        in_coalition = members[coalition_id]
        rows = []
        for a, b, why in pairs:
            if b in neighbours[a]:
                continue  # they have worked together
            shared_sets[(a, b)] = neighbours[a] & neighbours[b]
            rows.append((len(shared_sets[(a, b)]), a, b, why))
        rows.sort(key=lambda r, m=in_coalition: (-r[0], m[r[1]].name, m[r[2]].name))
        ranked[coalition_id] = rows[:INTRODUCTION_LIMIT]
    shown_shared = {pk for rows in ranked.values() for _n, a, b, _w in rows for pk in shared_sets[(a, b)]}
    shared_names = dict(perms.organizations_visible_to(viewer).filter(pk__in=shown_shared).values_list("pk", "name"))
    items = []
    for coalition in coalitions:
        for shared, a, b, why in ranked.get(coalition.pk, []):
            org_a, org_b = members[coalition.pk][a], members[coalition.pk][b]
            names = sorted(shared_names.get(pk, "") for pk in shared_sets[(a, b)])
            items.append(
                AttentionItem(
                    kind=AttentionKind.INTRODUCTION,
                    reason=_reason(coalition, org_a, org_b, shared, names, why),
                    coalition=coalition,
                    organizations=[org_a, org_b],
                    days=shared,
                    links=organization_links(org_a, org_b),
                    rank=(-shared, org_a.name, org_b.name),
                )
            )
    return items
