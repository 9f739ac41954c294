"""The figures of the HTML pages: a coalition's network, matrix and timeline, and an
organisation's collaborators and months, shaped for the templates."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from analytics import figures
from analytics.rows import SectorMatrix
from partners.choices import MeetingKind
from partners.figures import trim_matrix
from partners.models import Coalition, Organization

HEAT_LEVELS = 5
COLLABORATORS_SHOWN = 15


def _heat(value: int, top: int) -> int:
    if value <= 0 or top <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, -(-value * HEAT_LEVELS // top)))


def _matrix_rows(matrix: SectorMatrix) -> dict:
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


def _network_picture(network) -> tuple[dict, list[dict]]:
    """The network as the page's script draws it (positions from analytics.layout), and the
    sectors in it, for the legend and the sector filter."""
    partners: dict[int, list[tuple[int, int]]] = {n["id"]: [] for n in network["nodes"]}
    for e in network["edges"]:
        partners[e["source"]].append((e["target"], e["weight"]))
        partners[e["target"]].append((e["source"], e["weight"]))
    nodes = [
        {
            "id": str(n["id"]),
            "label": n["short"],
            "name": n["name"],
            "sector": n["sector"],
            "sector_name": n["sector_name"],
            "colour": n["colour"],
            "shape": n["shape"],
            "degree": n["degree"],
            "weighted_degree": n["weighted_degree"],
            "x": n["x"],
            "y": n["y"],
            "size": n["size"],
            "url": reverse("partners:organization_detail", kwargs={"slug": n["slug"]}),
            "partners": [
                {"id": str(other), "weight": weight} for other, weight in sorted(partners[n["id"]], key=lambda p: -p[1])
            ],
        }
        for n in network["nodes"]
    ]
    edges = [{"source": str(e["source"]), "target": str(e["target"]), "weight": e["weight"]} for e in network["edges"]]
    sectors: dict[str, dict] = {}
    for n in network["nodes"]:
        sector = sectors.setdefault(
            n["sector"],
            {
                "slug": n["sector"],
                "name": n["sector_name"],
                "colour": n["colour"],
                "shape": n["shape"],
                "mark": figures.mark_svg(n["colour"], n["shape"], size=18),
                "count": 0,
            },
        )
        sector["count"] += 1
    return {"nodes": nodes, "edges": edges}, sorted(sectors.values(), key=lambda s: s["name"])


def coalition_figures(*, viewer, coalition: Coalition) -> dict:
    """The network, sector matrix and timeline of a coalition's page."""
    filters = figures.FigureFilters(coalition=coalition)
    network = figures.collaboration_network(viewer=viewer, filters=filters)
    names = {n["id"]: n["name"] for n in network["nodes"]}
    edges = sorted(network["edges"], key=lambda e: (-e["weight"], names[e["source"]], names[e["target"]]))
    for edge in edges:
        edge["source_name"], edge["target_name"] = names[edge["source"]], names[edge["target"]]
    timeline = figures.collaboration_timeline(viewer=viewer, filters=filters)
    kinds = dict(MeetingKind.choices)
    network_data, network_sectors = _network_picture(network)
    return {
        "network": network,
        "network_edges": edges,
        "network_data": network_data,
        "network_sectors": network_sectors,
        "matrix": _matrix_rows(figures.sector_matrix(viewer=viewer, filters=filters)),
        "timeline": timeline,
        "timeline_chart": {
            "labels": [t["month"] for t in timeline],
            "values": [t["count"] for t in timeline],
            "label": _("Collaborative activities"),
        },
        "timeline_kinds": kinds,
        "figures_scope": figures.figure_scope(viewer, filters),
    }


def organization_figures(*, viewer, organization: Organization) -> dict:
    """The first collaborators and the months of an organisation's profile."""
    collaborators = figures.organization_collaborators(
        viewer=viewer, organization=organization, limit=COLLABORATORS_SHOWN
    )
    monthly = figures.monthly_collaborations_of(viewer=viewer, organization=organization)
    return {
        "collaborators": collaborators,
        "monthly": monthly,
        "monthly_chart": {
            "labels": [m["month"] for m in monthly],
            "values": [m["count"] for m in monthly],
            "label": _("Collaborative activities"),
        },
        "figures_scope": figures.figure_scope(viewer, organization=organization),
    }
