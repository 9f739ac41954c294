"""What the pages share about the signed-in user: the coalitions they work in.

The dashboard itself composes several apps and lives in coalition/views.py."""

from __future__ import annotations

from partners import permissions as perms
from partners.selectors.directory import coalition_list


def my_coalitions(user):
    """Coalitions the user's organisation belongs to now, and those they coordinate."""
    return coalition_list(viewer=user).filter(perms.coalitions_involving_q(user)).distinct().order_by("name")
