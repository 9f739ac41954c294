"""Directory pages: the filtered organisation list, a profile, its edit form and the type-ahead search.

A profile's collaborators and months are put on the page by the analytics' `organization_figures`
template tag."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_countries import countries

from partners import permissions as perms
from partners.exceptions import StaleObjectError
from partners.exports.pages import list_download
from partners.filtersets import OrganizationFilterSet
from partners.forms import OrganizationForm, prepare_filter_form
from partners.selectors.directory import (
    contact_list,
    meeting_list,
    membership_list,
    organization_get,
    organization_list,
    partnership_list,
)
from partners.selectors.search import SEARCH_MAX_LENGTH, organizations_matching, search_words
from partners.services.organizations import organization_update
from partners.views.common import list_context, paginate, render_list, stale_edit

SEARCH_LIMIT = 15
RECENT_ACTIVITIES = 10
UPCOMING_ACTIVITIES = 5


def _directory_choices(viewer) -> dict[str, list[tuple[str, str]]]:
    """Countries and regions that occur among the organisations the viewer may see."""
    visible = perms.organizations_visible_to(viewer)
    codes = sorted({c for c in visible.order_by().values_list("country", flat=True).distinct() if c})
    regions = sorted({r for r in visible.order_by().values_list("region", flat=True).distinct() if r})
    return {
        "country": sorted(((code, countries.name(code) or code) for code in codes), key=lambda c: c[1]),
        "region": [(r, r) for r in regions],
    }


@require_GET
def organization_list_view(request: HttpRequest) -> HttpResponse:
    filterset = OrganizationFilterSet(
        request.GET or None, queryset=organization_list(viewer=request.user), request=request
    )
    if (download := list_download(request, filterset, "organizations")) is not None:
        return download
    prepare_filter_form(filterset.form, choices=_directory_choices(request.user))
    page = paginate(request, filterset.qs)
    context = list_context(request, filterset, page)
    context["nav_section"] = "directory"
    context["search_max_length"] = SEARCH_MAX_LENGTH
    return render_list(request, "partners/organization_list.html", "partners/_organization_results.html", context)


@require_GET
def organization_search(request: HttpRequest) -> JsonResponse:
    """Type-ahead: the 15 visible organisations that match `q` best (the directory's search)."""
    q = (request.GET.get("q") or "").strip()[:SEARCH_MAX_LENGTH]
    results = []
    if search_words(q):
        visible = perms.organizations_visible_to(request.user).select_related("primary_sector")
        orgs = organizations_matching(queryset=visible, text=q)[:SEARCH_LIMIT]
        results = [
            {"slug": o.slug, "name": o.name, "acronym": o.acronym, "sector": o.primary_sector.name} for o in orgs
        ]
    return JsonResponse({"results": results})


def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = request.user
    org = organization_get(viewer=viewer, slug=slug)
    context = {
        "organization": org,
        "memberships": membership_list(viewer=viewer).filter(organization=org),
        "contacts": contact_list(viewer=viewer).filter(organization=org),
        "partnerships": partnership_list(viewer=viewer).filter(organizations=org),
        "recent_meetings": meeting_list(viewer=viewer).filter(
            participations__organization=org, date__lte=timezone.localdate()
        )[:RECENT_ACTIVITIES],
        "upcoming_meetings": meeting_list(viewer=viewer)
        .filter(participations__organization=org, date__gt=timezone.localdate())
        .order_by("date", "id")[:UPCOMING_ACTIVITIES],
        "can_edit": perms.can_edit_organization(viewer, org),
        "signed_in": perms.is_signed_in(viewer),
        "nav_section": "directory",
    }
    return render(request, "partners/organization_detail.html", context)


@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, slug: str) -> HttpResponse:
    org = organization_get(viewer=request.user, slug=slug)
    if not perms.can_edit_organization(request.user, org):
        raise PermissionDenied
    stale = None
    if request.method == "POST":
        form = OrganizationForm(request.POST, instance=org)
        if form.is_valid():
            try:
                organization_update(
                    actor=request.user,
                    organization=org,
                    expected_version=form.cleaned_data.get("version"),
                    **form.service_data(),
                )
            except StaleObjectError as exc:
                stale = stale_edit(request, exc)
                form = OrganizationForm(stale.data, instance=organization_get(viewer=request.user, slug=slug))
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The profile was saved."))
                return redirect(org.get_absolute_url())
    else:
        form = OrganizationForm(instance=org)
    context = {"organization": org, "form": form, "stale": stale, "nav_section": "directory"}
    return render(request, "partners/organization_form.html", context, status=409 if stale else 200)
