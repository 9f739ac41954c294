"""Absent-member items: a current member organisation (a member since before those meetings)
that took part in none of its coalition's last K meetings, K being the coalition's
`absent_after_meetings`. Read for many coalitions at once, in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import F, Max, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from health.choices import AttentionKind
from health.selectors.attention.items import AttentionItem, organization_links
from partners import permissions as perms
from partners.choices import MeetingKind
from partners.models import Coalition, Organization
from partners.models.activities import meeting_held_q


def _last_meetings(viewer, coalitions: list[Coalition], today: datetime.date) -> dict[int, list[tuple[int, object]]]:
    """Per coalition, its last K visible coalition meetings held by `today` as (pk, date), newest
    first; only coalitions that have held K of them yet (too few meetings: nobody is absent)."""
    most = max(c.absent_after_meetings for c in coalitions)
    rows = (
        perms.meetings_visible_to(viewer)
        .filter(coalition__in=coalitions, kind=MeetingKind.COALITION_MEETING, date__lte=today)
        .filter(meeting_held_q())  # a cancelled or not yet recorded meeting missed by nobody
        .annotate(
            position=Window(RowNumber(), partition_by=[F("coalition_id")], order_by=[F("date").desc(), F("id").desc()])
        )
        .filter(position__lte=most)
        .values_list("coalition_id", "pk", "date", "position")
    )
    found: dict[int, list[tuple[int, int, object]]] = defaultdict(list)
    for coalition_id, pk, date, position in rows:
        found[coalition_id].append((position, pk, date))
    last = {}
    for c in coalitions:
        meetings = sorted(found.get(c.pk, []))[: c.absent_after_meetings]
        if len(meetings) == c.absent_after_meetings:
            last[c.pk] = [(pk, date) for _position, pk, date in meetings]
    return last


def absent_items(
    viewer, coalitions: list[Coalition], today: datetime.date, organization: Organization | None = None
) -> list[AttentionItem]:
    """Absent members of `coalitions` (only `organization`, when given), coalition by coalition
    in the order given."""
    if not coalitions:
        return []
    last = _last_meetings(viewer, coalitions, today)
    if not last:
        return []
    earliest = {c_id: min(d for _pk, d in meetings) for c_id, meetings in last.items()}
    memberships = perms.memberships_visible_to(viewer).filter(coalition_id__in=list(last)).current(today)
    if organization is not None:
        memberships = memberships.filter(organization=organization)
    members: dict[int, dict[int, Organization]] = defaultdict(dict)
    for m in memberships.select_related("organization"):
        if m.start_date <= earliest[m.coalition_id]:
            members[m.coalition_id][m.organization_id] = m.organization
    if not members:
        return []
    meeting_coalition = {pk: c_id for c_id, meetings in last.items() for pk, _d in meetings}
    participations = perms.participations_visible_to(viewer)
    came = {
        (meeting_coalition[meeting_id], org_id)
        for meeting_id, org_id in participations.filter(
            meeting_id__in=list(meeting_coalition), organization_id__in={pk for m in members.values() for pk in m}
        )
        .values_list("meeting_id", "organization_id")
        .distinct()
    }
    absent = {c_id: [pk for pk in orgs if (c_id, pk) not in came] for c_id, orgs in members.items()}
    absent = {c_id: pks for c_id, pks in absent.items() if pks}
    if not absent:
        return []
    last_seen = {
        (row["meeting__coalition_id"], row["organization_id"]): row["last"]
        for row in participations.filter(
            meeting__coalition_id__in=list(absent),
            meeting__kind=MeetingKind.COALITION_MEETING,
            meeting__date__lte=today,
            organization_id__in={pk for pks in absent.values() for pk in pks},
        )
        .values("meeting__coalition_id", "organization_id")
        .annotate(last=Max("meeting__date"))
    }
    items = []
    for coalition in coalitions:
        k = coalition.absent_after_meetings
        for pk in absent.get(coalition.pk, []):
            org, seen = members[coalition.pk][pk], last_seen.get((coalition.pk, pk))
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
                    links=organization_links(org),
                    rank=(seen or datetime.date.min, org.name),
                )
            )
    return items
