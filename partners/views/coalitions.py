"""Coalition pages: the list, and one coalition with its members, network, matrix and timeline."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from partners import permissions as perms
from partners.choices import MeetingKind
from partners.figures import trim_matrix
from partners.selectors import analytics
from partners.selectors.directory import coalition_get, coalition_list, membership_list, partnership_list
from partners.views.common import paginate

HEAT_LEVELS = 5


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


def _heat(value: int, top: int) -> int:
    if value <= 0 or top <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, -(-value * HEAT_LEVELS // top)))


def _matrix_rows(matrix: dict) -> dict:
    """The sector matrix restricted to sectors with any collaboration, with shade levels and totals."""
    trimmed = trim_matrix(matrix["sectors"], matrix["matrix"])
    sectors, top = trimmed.sectors, trimmed.largest
    rows = [
        {
            "sector": sectors[i],
            "cells": [
                {"value": value, "heat": _heat(value, top), "diagonal": i == j, "column": sectors[j]}
                for j, value in enumerate(row)
            ],
            "total": trimmed.totals[i],
        }
        for i, row in enumerate(trimmed.cells)
    ]
    return {"columns": sectors, "rows": rows, "total": matrix["total"]}


@require_GET
def coalition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = request.user
    coalition = coalition_get(viewer=viewer, slug=slug)
    filters = analytics.AnalyticsFilters(coalition=coalition)
    memberships = list(membership_list(viewer=viewer).filter(coalition=coalition).current())
    network = analytics.collaboration_network(viewer=viewer, filters=filters)
    names = {n["id"]: n["name"] for n in network["nodes"]}
    edges = sorted(network["edges"], key=lambda e: (-e["weight"], names[e["source"]], names[e["target"]]))
    for edge in edges:
        edge["source_name"], edge["target_name"] = names[edge["source"]], names[edge["target"]]
    timeline = analytics.collaboration_timeline(viewer=viewer, filters=filters)
    kinds = dict(MeetingKind.choices)
    network_data = {
        "nodes": [
            {
                "id": str(n["id"]),
                "label": n["name"],
                "sector": n["sector_name"],
                "colour": n["colour"],
                "degree": n["degree"],
                "url": reverse("partners:organization_detail", kwargs={"slug": n["slug"]}),
            }
            for n in network["nodes"]
        ],
        "edges": [
            {"source": str(e["source"]), "target": str(e["target"]), "weight": e["weight"]} for e in network["edges"]
        ],
    }
    sectors_in_network = sorted({(n["sector_name"], n["colour"]) for n in network["nodes"]})
    context = {
        "coalition": coalition,
        "member_groups": _members_by_sector(memberships),
        "member_count": len(memberships),
        "network": network,
        "network_edges": edges,
        "network_data": network_data,
        "network_sectors": [{"name": name, "colour": colour} for name, colour in sectors_in_network],
        "matrix": _matrix_rows(analytics.sector_matrix(viewer=viewer, filters=filters)),
        "timeline": timeline,
        "timeline_chart": {
            "labels": [t["month"] for t in timeline],
            "values": [t["count"] for t in timeline],
            "label": _("Collaborative activities"),
        },
        "timeline_kinds": kinds,
        "partnerships": partnership_list(viewer=viewer).filter(coalition=coalition),
        "can_edit": perms.can_edit_coalition(viewer, coalition),
        "nav_section": "coalitions",
    }
    return render(request, "partners/coalition_detail.html", context)
