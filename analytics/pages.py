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
    return {
        "network": network,
        "network_edges": edges,
        "network_data": network_data,
        "network_sectors": [{"name": name, "colour": colour} for name, colour in sectors_in_network],
        "matrix": _matrix_rows(figures.sector_matrix(viewer=viewer, filters=filters)),
        "timeline": timeline,
        "timeline_chart": {
            "labels": [t["month"] for t in timeline],
            "values": [t["count"] for t in timeline],
            "label": _("Collaborative activities"),
        },
        "timeline_kinds": kinds,
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
    }
