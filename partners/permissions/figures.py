"""Visibility classes of pre-counted figures: the rules of `meetings_visible_to`, restated for
the analytics' rollup rows (read by analytics/reads.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from partners.choices import MeetingVisibility
from partners.models import Membership
from partners.permissions import coordinated_coalition_ids, is_admin, is_signed_in, organization_id_of

# --- visibility classes of pre-counted figures -----------------------------------------------
# The analytics count activities ahead of time in rows keyed by (coalition, visibility), with
# coalition NO_COALITION for activities without one. The rules of meetings_visible_to, restated
# for such rows: admins see every row; anonymous visitors none; everyone else sees coalition-wide
# activities without a coalition, every activity of the coalitions they coordinate,
# coalition-wide activities of the coalitions their organisation belongs (or belonged) to, and
# any activity their organisation took part in (which the rows' own keys answer).

NO_COALITION = 0


@dataclass(frozen=True)
class FigureViewer:
    """What a user's visibility of activities depends on, looked up once per figure read."""

    everything: bool = False
    nothing: bool = False
    org_id: int | None = None
    coordinated: frozenset[int] = frozenset()
    member_of: frozenset[int] = frozenset()

    @classmethod
    def of(cls, user) -> FigureViewer:
        if is_admin(user):
            return cls(everything=True)
        if not is_signed_in(user):
            return cls(nothing=True)
        org_id = organization_id_of(user)
        member_of = (
            frozenset(Membership.objects.filter(organization_id=org_id).values_list("coalition_id", flat=True))
            if org_id is not None
            else frozenset()
        )
        return cls(org_id=org_id, coordinated=coordinated_coalition_ids(user), member_of=member_of)

    def class_q(self) -> Q:
        """Rows of the visibility classes the viewer sees whole (not the own-organisation rule)."""
        seen = Q(visibility=MeetingVisibility.COALITION, coalition=NO_COALITION)
        if self.coordinated:
            seen |= Q(coalition__in=sorted(self.coordinated))
        if self.member_of:
            seen |= Q(visibility=MeetingVisibility.COALITION, coalition__in=sorted(self.member_of))
        return seen
