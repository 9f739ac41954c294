"""The filtered list behind each export, from the same selectors and FilterSets as pages and API.

Used by the stand-alone export URLs; the list pages and API endpoints pass their own filtered
querysets to `export_response` instead, which are built the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from partners import filtersets
from partners.exports.columns import Resource, register_resource
from partners.selectors import directory, planning

_LISTS = {
    "organizations": (directory.organization_list, filtersets.OrganizationFilterSet),
    "contacts": (directory.contact_list, filtersets.ContactFilterSet),
    "coalitions": (directory.coalition_list, None),
    "memberships": (directory.membership_list, filtersets.MembershipFilterSet),
    "partnerships": (directory.partnership_list, filtersets.PartnershipFilterSet),
    "meetings": (directory.meeting_list, filtersets.MeetingFilterSet),
    "action_items": (planning.action_item_list, filtersets.ActionItemFilterSet),
}
# Lists kept by apps above this one: the rows for a request, raising ValidationError on bad filters.
_REGISTERED: dict[str, Callable[[HttpRequest], QuerySet]] = {}


def register_export(resource: Resource, rows: Callable[[HttpRequest], QuerySet]) -> None:
    """Offer `resource` as a stand-alone export, its rows read by `rows(request)`."""
    register_resource(resource)
    _REGISTERED[resource.name] = rows


def export_queryset(*, request: HttpRequest, resource: str) -> QuerySet:
    """The visible, filtered rows of `resource` for the request's user and query string.

    Raises ValidationError naming the parameters when the filters are invalid.
    """
    viewer = request.user
    if resource in _REGISTERED:
        return _REGISTERED[resource](request)
    try:
        selector, filterset_class = _LISTS[resource]
    except KeyError:
        raise ValueError(f"Unknown export resource {resource!r}.") from None
    if filterset_class is None:
        return selector(viewer=viewer).order_by("name")
    filterset = filterset_class(request.GET, queryset=selector(viewer=viewer), request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs
