"""Where each organisation sits in the network picture and how big it is drawn.

`network_layout` is the one function that places the network: the coalition page (as preset
positions), the GEXF and GraphML files (viz: attributes, GraphML keys) and the report's SVG all
use it, so Gephi, the page and the PDF show the same picture. It is deterministic (a fixed
seed) and bounded in time: at most FORCE_NODES organisations go through the force-directed
layout, the rest are set on a ring around them, and untangling labels takes fewer rounds.

Coordinates are pixels at zoom 1 with y pointing down (screen and SVG convention); the files
flip y because Gephi's points up.
"""

from __future__ import annotations

import math
from typing import TypedDict

import networkx as nx
import numpy as np

SEED = 7
FORCE_NODES = 300
LABEL_FONT = 11  # px at zoom 1, the page's and the PDF's label size
LABEL_CHARS = 24
MIN_SIZE, MAX_SIZE = 14.0, 40.0
# Untangling labels costs n² per round, so large networks get fewer rounds: a national network of
# hundreds of organisations may keep a few overlaps rather than make a slow page. A count of
# rounds, not a clock, so the page, the files and the report always get the same picture.
SEPARATE_ROUNDS, SEPARATE_FULL_UP_TO = 400, 150


def separation_rounds(n: int) -> int:
    if n <= SEPARATE_FULL_UP_TO:
        return SEPARATE_ROUNDS
    return max(20, int(SEPARATE_ROUNDS * (SEPARATE_FULL_UP_TO / n) ** 2))


class Placement(TypedDict):
    """One organisation in the picture: centre (x, y), diameter, short label, colour and shape."""

    x: float
    y: float
    size: float
    label: str
    colour: str
    shape: str


def short_label(name: str, acronym: str = "") -> str:
    """The label drawn beside a node: the acronym when there is one, else the name, shortened."""
    text = (acronym or name).strip()
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def label_width(text: str) -> float:
    """An estimate of the label's width in px (DejaVu Sans averages about 0.62 em a character)."""
    return len(text) * LABEL_FONT * 0.62


def node_size(degree: int, most: int) -> float:
    """A node's diameter grows with its number of partners (area-like, so a square root)."""
    share = math.sqrt(degree / most) if most else 0.0
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * share, 1)


def network_layout(graph: nx.Graph) -> dict[int, Placement]:
    """The position, size, label, colour and shape of every node of `graph` (as built by
    analytics.network.collaboration_graph)."""
    if graph.number_of_nodes() == 0:
        return {}
    degree = dict(graph.degree())
    strength = dict(graph.degree(weight="weight"))
    most = max(degree.values()) or 1
    order = sorted(graph.nodes, key=lambda n: (-strength[n], graph.nodes[n]["label"], n))
    core, rest = order[:FORCE_NODES], order[FORCE_NODES:]
    positions = _force_positions(graph.subgraph(core))
    positions.update(_ring_positions(graph, rest, radius=1.25))
    nodes = sorted(graph.nodes)
    labels = {n: short_label(graph.nodes[n]["label"], graph.nodes[n].get("short", "")) for n in nodes}
    sizes = {n: node_size(degree[n], most) for n in nodes}
    spread = 55.0 * math.sqrt(len(nodes)) + 40.0
    xy = np.array([positions[n] for n in nodes], dtype=float) * spread
    xy = _separate(xy, np.array([sizes[n] for n in nodes]), np.array([label_width(labels[n]) for n in nodes]))
    xy -= (xy.min(axis=0) + xy.max(axis=0)) / 2  # centred on (0, 0)
    return {
        n: {
            "x": round(float(x), 1),
            "y": round(float(y), 1),
            "size": sizes[n],
            "label": labels[n],
            "colour": graph.nodes[n]["colour"],
            "shape": graph.nodes[n].get("shape", "ellipse"),
        }
        for n, (x, y) in zip(nodes, xy, strict=True)
    }


def _force_positions(graph: nx.Graph) -> dict[int, tuple[float, float]]:
    """Fruchterman–Reingold on the most active organisations; frequent partners pull together,
    with the counts damped (log) so one very busy pair does not collapse everything else."""
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    damped = nx.Graph()
    damped.add_nodes_from(sorted(graph.nodes))
    damped.add_edges_from((a, b, {"w": 1.0 + math.log(d["weight"])}) for a, b, d in graph.edges(data=True))
    iterations = 200 if damped.number_of_nodes() <= 120 else 80
    k = 1.6 / math.sqrt(damped.number_of_nodes())
    found = nx.spring_layout(damped, weight="w", seed=SEED, k=k, iterations=iterations)
    return {n: (float(p[0]), float(p[1])) for n, p in found.items()}


def _ring_positions(graph: nx.Graph, nodes: list, *, radius: float) -> dict[int, tuple[float, float]]:
    """The least active organisations of a very large network, on a ring ordered by sector."""
    nodes = sorted(nodes, key=lambda n: (graph.nodes[n]["sector"], graph.nodes[n]["label"], n))
    return {
        n: (radius * math.cos(2 * math.pi * i / len(nodes)), radius * math.sin(2 * math.pi * i / len(nodes)))
        for i, n in enumerate(nodes)
    }


def _separate(xy: np.ndarray, sizes: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """Push apart nodes whose boxes (the node and its label below it, plus a gap) overlap, along
    the axis where they overlap least, until none do: labels then never cover each other or a
    node at any zoom, because the page scales labels with the picture."""
    rounds = separation_rounds(len(xy))
    gap = 6.0
    w = np.maximum(sizes, widths) + gap
    top = sizes / 2 + gap / 2
    bottom = sizes / 2 + 3 + LABEL_FONT * 1.3 + gap / 2
    centre_shift = (bottom - top) / 2  # the box's centre lies below the node's
    h = top + bottom
    n = len(xy)
    if n < 2:
        return xy
    idx = np.arange(n)
    for _ in range(rounds):
        cx, cy = xy[:, 0], xy[:, 1] + centre_shift
        dx = cx[None, :] - cx[:, None]
        dy = cy[None, :] - cy[:, None]
        ox = (w[:, None] + w[None, :]) / 2 - np.abs(dx)
        oy = (h[:, None] + h[None, :]) / 2 - np.abs(dy)
        clash = (ox > 0) & (oy > 0) & (idx[:, None] < idx[None, :])
        if not clash.any():
            break
        move = np.zeros_like(xy)
        i, j = np.nonzero(clash)
        along_x = ox[i, j] < oy[i, j]
        # Ties (identical centres) separate by index, so the result stays deterministic.
        sx = np.where(dx[i, j] == 0, 1.0, np.sign(dx[i, j]))
        sy = np.where(dy[i, j] == 0, 1.0, np.sign(dy[i, j]))
        push_x = np.where(along_x, (ox[i, j] / 2 + 0.5) * sx, 0.0)
        push_y = np.where(along_x, 0.0, (oy[i, j] / 2 + 0.5) * sy)
        np.add.at(move, i, -np.stack([push_x, push_y], axis=1))
        np.add.at(move, j, np.stack([push_x, push_y], axis=1))
        xy = xy + move * 0.6
    return xy
