"""Whose view a figure is: how many activities it was computed from, and how many were left out.

Every page, API answer and PDF that shows counts states its scope, built here once
(`activity_scope` here, `analytics.figures.figure_scope` for a figure's filters), rendered by
`templates/includes/_figure_scope.html` on pages and in the PDF and by the analytics API's
`ScopeSerializer`. It lives beside the other shared rules so the health and reports apps state
the same scope as the analytics.

The rule for the hidden count (activities in scope that the viewer may not open, which are
always activities visible only to their participants):

- an administrator sees everything: nothing is hidden (0);
- a coordinator of the coalition, or a user whose organisation is a current member of it, may
  know that such activities exist: the number hidden from them is stated;
- anyone else (an outsider, or any figure not limited to one coalition) is told only how many
  activities the figure was computed from, never how many are hidden; and no title or
  participant of a hidden activity is ever named.

The counts are one aggregate query on the activities: the rollup tables hold only activities
with two or more organisations, while the scope counts every activity the filters select.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partners import permissions as perms
from partners.models import Coalition, Meeting, Membership, Organization, Participation


@dataclass(frozen=True)
class Scope:
    """`visible` activities in scope the viewer may open; `hidden` the others, or None when the
    viewer may not know how many there are (see the module docstring)."""

    visible: int
    hidden: int | None
    viewer: str
    everything: bool
    coalition: str | None
    made_at: datetime.datetime

    @property
    def complete(self) -> bool:
        """Whether the figures hold every activity in scope."""
        return self.everything or self.hidden == 0

    @property
    def statement(self) -> str:
        """One or two sentences saying whose view the figures are."""
        n = self.visible
        if self.everything:
            return ngettext(
                "Computed from all %(n)d activity (administrator access).",
                "Computed from all %(n)d activities (administrator access).",
                n,
            ) % {"n": n}
        seen = ngettext("%(n)d activity you can see", "%(n)d activities you can see", n) % {"n": n}
        if self.hidden is None and not n and self.coalition:
            return _(
                "Your account can see none of the activities of %(coalition)s here, so these figures are "
                "empty for you; they do not show the coalition's real activity."
            ) % {"coalition": self.coalition}
        if self.hidden is None:
            text = _("Computed from the %(seen)s.") % {"seen": seen}
            if self.coalition:
                text += " " + _(
                    "It shows only what your account can see of %(coalition)s, not all of its activity."
                ) % {"coalition": self.coalition}
            return text
        if not self.hidden:
            return _("Computed from the %(seen)s; none is hidden from you.") % {"seen": seen}
        more = ngettext(
            "%(m)d more is visible only to its participants",
            "%(m)d more are visible only to their participants",
            self.hidden,
        ) % {"m": self.hidden}
        return _("Computed from the %(seen)s; %(more)s.") % {"seen": seen, "more": more}

    @property
    def prepared_for(self) -> str:
        """The line a PDF carries: the account and the moment it was made for."""
        local = timezone.localtime(self.made_at)
        made = f"{date_format(local, 'DATE_FORMAT')}, {date_format(local, 'TIME_FORMAT')} {date_format(local, 'T')}"
        return _("Prepared for %(name)s on %(date)s; figures include only what this account may see.") % {
            "name": self.viewer,
            "date": made,
        }


def _insider(viewer, coalition_id: int, today: datetime.date) -> bool:
    """A coordinator of the coalition, or a user whose organisation is a current member of it."""
    if coalition_id in perms.coordinated_coalition_ids(viewer):
        return True
    org_id = perms.organization_id_of(viewer)
    if org_id is None:
        return False
    return Membership.objects.current(on=today).filter(coalition_id=coalition_id, organization_id=org_id).exists()


def in_scope(
    *,
    coalition_id: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    kinds: tuple[str, ...] = (),
    sector_id: int | None = None,
    organization: Organization | None = None,
):
    """Every activity the filters select, whoever may see it."""
    meetings = Meeting.objects.all()
    if coalition_id is not None:
        meetings = meetings.filter(coalition_id=coalition_id)
    if kinds:
        meetings = meetings.filter(kind__in=kinds)
    if since:
        meetings = meetings.filter(date__gte=since)
    if until:
        meetings = meetings.filter(date__lte=until)
    if sector_id is not None:
        with_sector = Participation.objects.filter(organization__sectors=sector_id)
        meetings = meetings.filter(pk__in=with_sector.values("meeting_id"))
    if organization is not None:
        meetings = meetings.filter(pk__in=Participation.objects.filter(organization=organization).values("meeting_id"))
    return meetings


def activity_scope(
    viewer,
    *,
    coalition: Coalition | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    kinds: tuple[str, ...] = (),
    sector_id: int | None = None,
    organization: Organization | None = None,
) -> Scope:
    """The scope of figures computed for `viewer` over the activities of `coalition` (any, when
    None) between `since` and `until` (never after today: planned activities count in no
    figure), of `kinds`, with an organisation of the sector, or of one organisation; one query."""
    coalition_id = coalition.pk if coalition is not None else None
    today = timezone.localdate()
    until = min(until, today) if until else today  # every figure counts activities dated today or earlier
    meetings = in_scope(
        coalition_id=coalition_id, since=since, until=until, kinds=kinds, sector_id=sector_id, organization=organization
    )
    everything = perms.is_admin(viewer)
    insider = everything or (coalition_id is not None and _insider(viewer, coalition_id, today))
    visible_q = Q(pk__in=perms.meetings_visible_to(viewer).values("pk"))
    if everything:
        visible, hidden = meetings.count(), 0
    elif insider:
        counts = meetings.aggregate(total=Count("pk"), visible=Count("pk", filter=visible_q))
        visible, hidden = counts["visible"], counts["total"] - counts["visible"]
    else:
        visible, hidden = meetings.filter(visible_q).count(), None
    return Scope(
        visible=visible,
        hidden=hidden,
        viewer=viewer.get_username(),
        everything=everything,
        coalition=coalition.name if coalition is not None else None,
        made_at=timezone.now(),
    )
