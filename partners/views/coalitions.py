"""Coalition pages: the list, and one coalition with its members (its network, matrix and
timeline are put on the page by the analytics' `coalition_figures` template tag)."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from partners import permissions as perms
from partners.selectors.directory import coalition_get, coalition_list, membership_list, partnership_list
from partners.views.common import paginate


@require_GET
def coalition_list_view(request: HttpRequest) -> HttpResponse:
    if not perms.is_signed_in(request.user):
        return redirect_to_login(request.get_full_path())
    coalitions = coalition_list(viewer=request.user).order_by("name")
    page = paginate(request, coalitions)
    return render(
        request,
        "partners/coalition_list.html",
        {"page": page, "object_list": page.object_list, "nav_section": "coalitions"},
    )


def _members_by_sector(memberships) -> list[dict]:
    """Current members grouped by primary sector, leaders first within each group."""
    groups: dict[int, dict] = {}
    for m in memberships:
        sector = m.organization.primary_sector
        groups.setdefault(sector.pk, {"sector": sector, "memberships": []})["memberships"].append(m)
    leader_rank = {"lead": 0, "co_chair": 1, "member": 2, "observer": 3}
    ordered = sorted(groups.values(), key=lambda g: (g["sector"].position, g["sector"].name))
    for group in ordered:
        group["memberships"].sort(key=lambda m: (leader_rank.get(m.role, 9), m.organization.name))
    return ordered


@require_GET
def coalition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = request.user
    coalition = coalition_get(viewer=viewer, slug=slug)
    memberships = list(membership_list(viewer=viewer).filter(coalition=coalition).current())
    context = {
        "coalition": coalition,
        "member_groups": _members_by_sector(memberships),
        "member_count": len(memberships),
        "partnerships": partnership_list(viewer=viewer).filter(coalition=coalition),
        "can_edit": perms.can_edit_coalition(viewer, coalition),
        "can_review_unfiled": perms.can_review_unfiled(viewer, coalition),
        "nav_section": "coalitions",
    }
    return render(request, "partners/coalition_detail.html", context)
