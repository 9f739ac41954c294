"""Equity figures for one coalition and period: who belongs, who leads, who hosts, who takes part.

`coalition_equity(*, viewer, coalition, since, until) -> dict` is the one entry point (pages, API
and the coalition report call it). Counting rules, shown beside each figure on the page:

- the period defaults to the last 12 months up to `until` (partners.figures.last_12_months); activities after today
  never count (a planned meeting is not participation yet);
- *members*: organisations with a membership of the coalition overlapping the period; an
  organisation's *sector* is its primary sector, so each organisation counts once;
- *leadership roles*: members holding the lead or a co-chair role at some time in the period;
- *meetings hosted* and *participations*: host and all participation rows in the coalition's
  activities (any kind) in the period that the viewer may see; guests who are not members count;
- *collaborations*: as in analytics.pairs, one activity in which two organisations
  both took part; *cross-sector* when their primary sectors differ;
- leadership composition (self-reported, organisation-level percentages) is protected three ways
  (docs/data-protection.md): it is computed over the coalition's *current* members on the day
  asked, whatever the period, so two periods can never differ by one organisation's figures; it
  is shown only as an average over MIN_GROUP or more reporting organisations (smaller groups are
  suppressed, and when the suppressed groups of a table together hold fewer than MIN_GROUP
  organisations the next smallest groups are suppressed too, so no small group can be worked out
  from the rest); and only the coalition's coordinators and admins see it at all.

All counting runs in the database; Python only divides and sorts the aggregated rows.
"""

from __future__ import annotations

import datetime

from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners import permissions as perms
from partners.choices import LEADERSHIP_ROLES, BudgetBand, MembershipRole, ParticipationRole, StaffSize
from partners.figures import last_12_months, share
from partners.models import Coalition, Organization, Sector

MIN_GROUP = 5
TOP_N = 5
LARGE_STAFF = (StaffSize.L, StaffSize.XL)
LARGE_BUDGET = (BudgetBand.L, BudgetBand.XL)

EXPLANATIONS = {
    "members_share": gettext_lazy("Out of every 100 member organisations, how many are in this sector."),
    "leaders_share": gettext_lazy(
        "Out of every 100 organisations holding a lead or co-chair role, how many are in this sector."
    ),
    "hosted_share": gettext_lazy(
        "Out of every 100 times a meeting was hosted, how many times an organisation of this sector hosted."
    ),
    "participations_share": gettext_lazy(
        "Out of every 100 times an organisation took part in an activity, how many were this sector."
    ),
    "bands": gettext_lazy("How big the organisations are: compare who leads and hosts with who belongs."),
    "large": gettext_lazy("Large means more than 100 staff, or an annual budget over $1M."),
    "gini": gettext_lazy(
        "0 means every organisation took part equally often; close to 1 means a few organisations "
        "did nearly all the taking part."
    ),
    "composition_withheld": gettext_lazy(
        "Leadership composition is shown to the coalition's coordinators and admins only: the figures "
        "are few and self-reported, and could otherwise reveal one organisation's answers."
    ),
    "composition_suppressed": gettext_lazy("Too few organisations reported to show this without revealing one."),
    "top_five_share": gettext_lazy(
        "Out of every 100 participations, how many came from the five most active organisations."
    ),
    "cross_sector_share": gettext_lazy(
        "Out of every 100 collaborations, how many brought together organisations of different sectors."
    ),
    "survivor_led": gettext_lazy(
        "How survivor-led organisations' share of leading, hosting and taking part compares with "
        "their share of members."
    ),
    "composition": gettext_lazy(
        "Average self-reported share of women, and of people from minority groups, in the leadership of "
        "the organisations in each group; groups of fewer than five reporting organisations are not shown."
    ),
}


def gini(values: list[int]) -> float | None:
    """The Gini coefficient of non-negative counts: 0 = all equal, (n-1)/n = one holds everything."""
    n, total = len(values), sum(values)
    if n == 0 or total == 0:
        return None
    ranked = sorted(values)
    weighted = sum(i * x for i, x in enumerate(ranked, start=1))
    return round((2 * weighted) / (n * total) - (n + 1) / n, 4)


def _period(since: datetime.date | None, until: datetime.date | None) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    until = until or today
    since = since or last_12_months(until).since
    return since, until


def _member_ids(viewer, coalition: Coalition, since, until, roles=None) -> QuerySet:
    memberships = perms.memberships_visible_to(viewer).filter(coalition=coalition).during(since, until)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.values("organization_id")


def _by(queryset: QuerySet, key: str) -> dict:
    return {row[key]: row["n"] for row in queryset.values(key).annotate(n=Count("pk")).order_by()}


def _bands(choices, field: str, groups: dict[str, dict]) -> list[dict]:
    totals = {name: sum(counts.values()) for name, counts in groups.items()}
    rows = []
    for value, label in [*choices, ("", _("Not stated"))]:
        row = {"band": value, "label": str(label)}
        for name, counts in groups.items():
            row[name] = counts.get(value, 0)
            row[f"{name}_share"] = share(row[name], totals[name])
        if any(row[name] for name in groups):
            rows.append(row)
    return rows


def _suppress(groups: list[dict], count_key: str, value_key: str) -> None:
    """Blank `value_key` in groups with fewer than MIN_GROUP reporting organisations, then keep
    suppressing the next smallest until the suppressed groups hold MIN_GROUP or more (or all)."""
    for g in groups:
        g[f"{value_key}_suppressed"] = 0 < g[count_key] < MIN_GROUP
    suppressed = [g for g in groups if g[f"{value_key}_suppressed"]]
    hidden = sum(g[count_key] for g in suppressed)
    rest = sorted((g for g in groups if not g[f"{value_key}_suppressed"] and g[count_key]), key=lambda g: g[count_key])
    while suppressed and hidden < MIN_GROUP and rest:
        extra = rest.pop(0)
        extra[f"{value_key}_suppressed"] = True
        hidden += extra[count_key]
        suppressed.append(extra)
    for g in groups:
        if g[f"{value_key}_suppressed"] or not g[count_key]:
            g[value_key] = None


def _composition(orgs: QuerySet[Organization]) -> dict:
    return orgs.aggregate(
        organizations=Count("pk"),
        women_n=Count("pk", filter=Q(leadership_women_pct__isnull=False)),
        women=Avg("leadership_women_pct"),
        minority_n=Count("pk", filter=Q(leadership_minority_pct__isnull=False)),
        minority=Avg("leadership_minority_pct"),
    )


def _rounded(row: dict) -> dict:
    for key in ("women", "minority"):
        if row.get(key) is not None:
            row[key] = round(float(row[key]), 1)
    return row


def coalition_equity(
    *, viewer, coalition: Coalition, since: datetime.date | None = None, until: datetime.date | None = None
) -> dict:
    """Every equity figure of one coalition in one period, as plain values (see the module docstring)."""
    since, until = _period(since, until)
    last_day = min(until, timezone.localdate())
    organizations = perms.organizations_visible_to(viewer)
    members = organizations.filter(pk__in=_member_ids(viewer, coalition, since, until))
    leaders = organizations.filter(pk__in=_member_ids(viewer, coalition, since, until, roles=LEADERSHIP_ROLES))
    participations = perms.participations_visible_to(viewer).filter(
        meeting__coalition=coalition, meeting__date__gte=since, meeting__date__lte=last_day
    )
    hostings = participations.filter(role=ParticipationRole.HOST)
    hosts = organizations.filter(pk__in=hostings.values("organization_id"))

    # --- side by side by sector -----------------------------------------------------------------
    member_sectors = _by(members, "primary_sector_id")
    leader_sectors = _by(leaders, "primary_sector_id")
    activity = {
        row["organization__primary_sector_id"]: row
        for row in participations.values("organization__primary_sector_id")
        .annotate(n=Count("pk"), hosted=Count("pk", filter=Q(role=ParticipationRole.HOST)))
        .order_by()
    }
    totals = {
        "members": sum(member_sectors.values()),
        "leaders": sum(leader_sectors.values()),
        "participations": sum(r["n"] for r in activity.values()),
        "hosted": sum(r["hosted"] for r in activity.values()),
    }
    totals["meetings"] = participations.values("meeting_id").distinct().count()
    sectors = []
    for sector in Sector.objects.order_by("position", "name"):
        row = {
            "sector": {"slug": sector.slug, "name": sector.name, "colour": sector.colour},
            "members": member_sectors.get(sector.pk, 0),
            "leaders": leader_sectors.get(sector.pk, 0),
            "hosted": activity.get(sector.pk, {}).get("hosted", 0),
            "participations": activity.get(sector.pk, {}).get("n", 0),
        }
        if any(row[k] for k in ("members", "leaders", "hosted", "participations")):
            for key in ("members", "leaders", "hosted", "participations"):
                row[f"{key}_share"] = share(row[key], totals[key])
            sectors.append(row)

    # --- resource bands ---------------------------------------------------------------------------
    bands = {}
    large = {}
    for field, choices, big in (
        ("staff_size", StaffSize.choices, LARGE_STAFF),
        ("budget_band", BudgetBand.choices, LARGE_BUDGET),
    ):
        groups = {
            "members": _by(members, field),
            "leaders": _by(leaders, field),
            "hosts": _by(hosts, field),
            "hosted": {
                row[f"organization__{field}"]: row["n"]
                for row in hostings.values(f"organization__{field}").annotate(n=Count("pk")).order_by()
            },
        }
        bands[field] = _bands(choices, field, groups)
        large[field] = {
            name: share(sum(n for band, n in counts.items() if band in big), sum(counts.values()))
            for name, counts in groups.items()
        }

    # --- concentration of participation ----------------------------------------------------------
    per_org = dict(
        participations.values("organization_id").annotate(n=Count("pk")).order_by().values_list("organization_id", "n")
    )
    member_ids = set(members.values_list("pk", flat=True))
    counts = [per_org.get(pk, 0) for pk in member_ids | set(per_org)]
    top_ids = sorted(per_org, key=lambda pk: -per_org[pk])[:TOP_N]
    names = dict(organizations.filter(pk__in=top_ids).values_list("pk", "name"))
    slugs = dict(organizations.filter(pk__in=top_ids).values_list("pk", "slug"))
    top = sorted(
        ({"slug": slugs[pk], "name": names[pk], "participations": per_org[pk]} for pk in top_ids if pk in names),
        key=lambda r: (-r["participations"], r["name"]),
    )
    concentration = {
        "organizations": len(counts),
        "gini": gini(counts),
        "top_five": top,
        "top_five_share": share(sum(sorted(counts, reverse=True)[:TOP_N]), sum(counts)),
    }

    # --- cross-sector collaborations ----------------------------------------------------------------
    # Each collaboration once: the pair's first organisation has the smaller id. Both sides in one
    # filter() call and the values() below reuse that join.
    pair_rows = (
        participations.filter(meeting__participations__organization_id__gt=F("organization_id"))
        .values(a=F("organization__primary_sector_id"), b=F("meeting__participations__organization__primary_sector_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    collaborations = cross = 0
    for row in pair_rows:
        collaborations += row["n"]
        cross += row["n"] if row["a"] != row["b"] else 0
    cross_sector = {"collaborations": collaborations, "cross_sector": cross, "share": share(cross, collaborations)}

    # --- survivor-led organisations ------------------------------------------------------------------
    survivor = {
        "members": members.filter(survivor_led=True).count(),
        "leaders": leaders.filter(survivor_led=True).count(),
        "hosted": hostings.filter(organization__survivor_led=True).count(),
        "participations": participations.filter(organization__survivor_led=True).count(),
    }
    for key in ("members", "leaders", "hosted", "participations"):
        survivor[f"{key}_share"] = share(survivor[key], totals[key])

    return {
        "coalition": {"slug": coalition.slug, "name": coalition.name},
        "since": since,
        "until": until,
        "totals": totals,
        "sectors": sectors,
        "bands": bands,
        "large": large,
        "concentration": concentration,
        "cross_sector": cross_sector,
        "survivor_led": survivor,
        "leadership_composition": leadership_composition(viewer=viewer, coalition=coalition),
        "explanations": {k: str(v) for k, v in EXPLANATIONS.items()},
    }


def leadership_composition(*, viewer, coalition: Coalition) -> dict:
    """The coalition's leadership composition, for its coordinators and admins only.

    Computed over the members current today, whatever period the rest of the page covers: two
    periods then always share one member set, so no difference between them reveals one
    organisation's percentages. Groups of fewer than MIN_GROUP reporting organisations are
    suppressed (see _suppress).
    """
    if not perms.can_see_leadership_composition(viewer, coalition):
        return {
            "shown": False,
            "min_group": MIN_GROUP,
            "explanation": str(EXPLANATIONS["composition_withheld"]),
            "by_sector": [],
            "by_role": [],
            "overall": None,
        }
    snapshot = timezone.localdate()
    organizations = perms.organizations_visible_to(viewer)
    current = perms.memberships_visible_to(viewer).filter(coalition=coalition).current(snapshot)
    members = organizations.filter(pk__in=current.values("organization_id"))
    sector_names = {s.pk: s for s in Sector.objects.all()}
    by_sector = [
        _rounded(
            {
                "group": sector_names[row["primary_sector_id"]].name,
                "slug": sector_names[row["primary_sector_id"]].slug,
                **{k: row[k] for k in ("organizations", "women_n", "women", "minority_n", "minority")},
            }
        )
        for row in members.values("primary_sector_id")
        .annotate(
            organizations=Count("pk"),
            women_n=Count("pk", filter=Q(leadership_women_pct__isnull=False)),
            women=Avg("leadership_women_pct"),
            minority_n=Count("pk", filter=Q(leadership_minority_pct__isnull=False)),
            minority=Avg("leadership_minority_pct"),
        )
        .order_by("primary_sector__position", "primary_sector__name")
    ]
    role_groups = [
        (_("Leads and co-chairs"), "leadership", LEADERSHIP_ROLES),
        (_("Members"), "member", (MembershipRole.MEMBER,)),
        (_("Observers"), "observer", (MembershipRole.OBSERVER,)),
    ]
    by_role = [
        _rounded(
            {
                "group": str(label),
                "slug": slug,
                **_composition(organizations.filter(pk__in=current.filter(role__in=roles).values("organization_id"))),
            }
        )
        for label, slug, roles in role_groups
    ]
    overall = _rounded({"group": str(_("All members")), "slug": "all", **_composition(members)})
    for table in (by_sector, by_role, [overall]):
        _suppress(table, "women_n", "women")
        _suppress(table, "minority_n", "minority")
    return {
        "shown": True,
        "snapshot": snapshot,
        "min_group": MIN_GROUP,
        "suppressed_note": str(EXPLANATIONS["composition_suppressed"]),
        "by_sector": by_sector,
        "by_role": by_role,
        "overall": overall,
    }
