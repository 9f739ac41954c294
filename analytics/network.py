"""The collaboration network: the graph, its measures (networkx), and the network as a file."""

from __future__ import annotations

import networkx as nx

from analytics.cache import cached, figure_cache_key
from analytics.filters import NO_FILTERS, FigureFilters
from analytics.layout import network_layout
from analytics.marks import GEXF_SHAPES, sector_shape
from analytics.pairs import collaboration_pairs
from analytics.rows import Network
from partners import permissions as perms


def collaboration_graph(*, viewer, filters: FigureFilters = NO_FILTERS) -> nx.Graph:
    """The weighted collaboration network: a node per organisation with at least one
    collaboration, an edge per pair weighted by its count."""
    graph = nx.Graph()
    pairs = list(collaboration_pairs(viewer=viewer, filters=filters, ordering="-count"))
    ids = {p["org_a"] for p in pairs} | {p["org_b"] for p in pairs}
    orgs = perms.organizations_visible_to(viewer).filter(pk__in=ids).select_related("primary_sector")
    for org in orgs:
        graph.add_node(
            org.pk,
            slug=org.slug,
            label=org.name,
            short=org.acronym,
            sector=org.primary_sector.slug,
            sector_name=org.primary_sector.name,
            colour=org.primary_sector.colour,
            shape=sector_shape(org.primary_sector.slug, org.primary_sector.position),
        )
    for p in pairs:
        if p["org_a"] in graph and p["org_b"] in graph:
            graph.add_edge(
                p["org_a"],
                p["org_b"],
                weight=p["count"],
                distance=1.0 / p["count"],
                first_date=p["first_date"].isoformat(),
                last_date=p["last_date"].isoformat(),
            )
    return graph


def network_measures(graph: nx.Graph) -> Network:
    """Node and whole-network measures, computed with networkx.

    Betweenness treats frequent collaboration as a short distance (1 / count); eigenvector
    centrality uses the counts as weights. Each node also carries its place in the picture
    (analytics.layout.network_layout: x, y, size, short label, shape).
    """
    layout = network_layout(graph)
    degree = dict(graph.degree())
    weighted = dict(graph.degree(weight="weight"))
    betweenness = nx.betweenness_centrality(graph, weight="distance", normalized=True) if graph else {}
    try:
        eigenvector = nx.eigenvector_centrality(graph, weight="weight", max_iter=1000, tol=1e-06) if graph else {}
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        eigenvector = {}
    nodes = [
        {
            "id": node,
            "slug": attrs["slug"],
            "name": attrs["label"],
            "sector": attrs["sector"],
            "sector_name": attrs["sector_name"],
            "colour": attrs["colour"],
            "degree": degree[node],
            "weighted_degree": weighted[node],
            "betweenness": round(betweenness.get(node, 0.0), 6),
            "eigenvector": round(eigenvector.get(node, 0.0), 6),
            "short": layout[node]["label"],
            "shape": layout[node]["shape"],
            "x": layout[node]["x"],
            "y": layout[node]["y"],
            "size": layout[node]["size"],
        }
        for node, attrs in graph.nodes(data=True)
    ]
    nodes.sort(key=lambda n: (-n["weighted_degree"], n["name"]))
    edges = [
        {"source": a, "target": b, "weight": attrs["weight"], "last_date": attrs["last_date"]}
        for a, b, attrs in graph.edges(data=True)
    ]
    cross = sum(1 for a, b in graph.edges() if graph.nodes[a]["sector"] != graph.nodes[b]["sector"])
    summary = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "density": round(nx.density(graph), 6) if graph.number_of_nodes() > 1 else 0.0,
        "components": nx.number_connected_components(graph) if graph else 0,
        "average_clustering": round(nx.average_clustering(graph), 6) if graph else 0.0,
        "cross_sector_edge_share": round(cross / graph.number_of_edges(), 6) if graph.number_of_edges() else 0.0,
    }
    return {"nodes": nodes, "edges": edges, "summary": summary}


def network_cache_key(*, viewer, filters: FigureFilters = NO_FILTERS) -> str:
    return figure_cache_key("network", viewer=viewer, filters=filters, extra=("layout-1",))


def collaboration_network(*, viewer, filters: FigureFilters = NO_FILTERS) -> Network:
    """The network's nodes, edges and summary measures, computed once per change."""
    key = network_cache_key(viewer=viewer, filters=filters)
    return cached(key, lambda: network_measures(collaboration_graph(viewer=viewer, filters=filters)))


def network_file(*, viewer, filters: FigureFilters = NO_FILTERS, fmt: str) -> str:
    """The network as GraphML or GEXF text, for Gephi and Kumu, drawn as on the page: the same
    positions, sizes and colours (GEXF 1.3 `viz:` elements; GraphML keys x, y, size, r, g, b and
    colour). The y axis is flipped because Gephi's points up."""
    graph = collaboration_graph(viewer=viewer, filters=filters)
    layout = network_layout(graph)
    export = nx.Graph()
    for node, attrs in graph.nodes(data=True):
        place = layout[node]
        r, g, b = (int(place["colour"][i : i + 2], 16) for i in (1, 3, 5))
        if fmt == "gexf":
            viz = {
                "color": {"r": r, "g": g, "b": b, "a": 1.0},
                "size": place["size"],
                "position": {"x": place["x"], "y": -place["y"], "z": 0.0},
            }
            if place["shape"] in GEXF_SHAPES:
                viz["shape"] = GEXF_SHAPES[place["shape"]]
            looks = {"viz": viz}
        else:
            looks = {"x": place["x"], "y": -place["y"], "size": place["size"], "r": r, "g": g, "b": b}
        export.add_node(
            attrs["slug"],
            label=attrs["label"],
            short_label=place["label"],
            sector=attrs["sector_name"],
            colour=place["colour"],
            shape=place["shape"],
            degree=graph.degree(node),
            **looks,
        )
    for a, b, attrs in graph.edges(data=True):
        export.add_edge(
            graph.nodes[a]["slug"], graph.nodes[b]["slug"], weight=attrs["weight"], last_date=attrs["last_date"]
        )
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(export))
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(export, version="1.3"))
    raise ValueError(f"Unknown network format {fmt!r}; use 'graphml' or 'gexf'.")
