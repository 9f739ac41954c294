"""What the pages share about the signed-in user: the coalitions they work in.

The dashboard itself composes several apps and lives in coalition/views.py."""

from __future__ import annotations

from django.db.models import Q

from partners import permissions as perms
from partners.models.coalitions import membership_current_q
from partners.selectors.directory import coalition_list


def my_coalitions(user):
    """Coalitions the user's organisation belongs to now, and those they coordinate."""
    condition = Q(pk__in=perms.coordinated_coalition_ids(user))
    org_id = perms.organization_id_of(user)
    if org_id is not None:
        condition |= Q(memberships__organization_id=org_id) & membership_current_q(via="memberships")
    if perms.is_admin(user):
        condition = Q()
    return coalition_list(viewer=user).filter(condition).distinct().order_by("name")
