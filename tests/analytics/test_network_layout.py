"""The network's layout (analytics.layout.network_layout) and the files that carry it.

One function places the network; the page, the GEXF and GraphML files and the report use it.
Tested here: it is deterministic, sizes follow the number of partners, labels never overlap (on
the demo's coalitions, built from demo/data), very large networks stay bounded, and the files
parse and carry exactly its positions, sizes and colours (y flipped for Gephi).
"""

import csv
import io
import itertools
import math
import time
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from analytics import figures
from analytics.layout import LABEL_FONT, label_width, network_layout
from analytics.marks import sector_shape
from partners.vocabularies import SECTORS

DEMO = Path(__file__).resolve().parents[2] / "demo" / "data"
COLOURS = {slug: colour for slug, _name, _description, colour in SECTORS}
URL = "/api/v1/analytics/network/"


def demo_graph(coalition: str) -> nx.Graph:
    """A coalition's collaboration network from the demo data files, as collaboration_graph builds it."""
    with (DEMO / "organizations.csv").open() as f:
        orgs = {row["slug"]: row for row in csv.DictReader(f)}
    counts: Counter = Counter()
    with (DEMO / "meetings.csv").open() as f:
        for row in csv.DictReader(f):
            if row["coalition"] != coalition:
                continue
            slugs = sorted({p.strip().split(":")[0] for p in row["participants"].split(";") if p.strip()})
            counts.update(itertools.combinations(slugs, 2))
    graph = nx.Graph()
    for index, slug in enumerate(sorted({s for pair in counts for s in pair})):
        org = orgs[slug]
        sector = org["primary_sector"]
        graph.add_node(
            index,
            slug=slug,
            label=org["name"],
            short=org["acronym"],
            sector=sector,
            sector_name=sector,
            colour=COLOURS[sector],
            shape=sector_shape(sector),
        )
    index_of = {graph.nodes[n]["slug"]: n for n in graph}
    for (a, b), n in counts.items():
        graph.add_edge(index_of[a], index_of[b], weight=n)
    return graph


def boxes(layout):
    """Each node's box in px: the node and its label below it (as analytics.layout measures them)."""
    for node, p in layout.items():
        half = max(p["size"], label_width(p["label"])) / 2
        yield (
            node,
            (p["x"] - half, p["y"] - p["size"] / 2, p["x"] + half, p["y"] + p["size"] / 2 + 3 + LABEL_FONT * 1.3),
        )


def overlapping(layout) -> list:
    found = []
    for (a, (ax1, ay1, ax2, ay2)), (b, (bx1, by1, bx2, by2)) in itertools.combinations(boxes(layout), 2):
        if ax1 < bx2 and bx1 < ax2 and ay1 < by2 and by1 < ay2:
            found.append((layout[a]["label"], layout[b]["label"]))
    return found


@pytest.mark.parametrize(
    "coalition", ["harbor-county-task-force", "national-freedom-coalition", "pacific-borderlands-network"]
)
def test_no_two_labels_or_nodes_overlap_in_the_demo_coalitions(coalition):
    graph = demo_graph(coalition)
    assert graph.number_of_nodes() >= 10
    layout = network_layout(graph)
    assert set(layout) == set(graph.nodes)
    assert overlapping(layout) == []


def test_labels_are_acronyms_when_there_is_one_and_names_are_shortened():
    graph = demo_graph("national-freedom-coalition")
    layout = network_layout(graph)
    for node, p in layout.items():
        attrs = graph.nodes[node]
        if attrs["short"]:
            assert p["label"] == attrs["short"]
        assert len(p["label"]) <= 24


def test_the_layout_is_the_same_every_time_and_sizes_follow_partners():
    graph = demo_graph("harbor-county-task-force")
    first, second = network_layout(graph), network_layout(graph.copy())
    assert first == second
    degree = dict(graph.degree())
    by_degree = sorted(graph.nodes, key=lambda n: degree[n])
    sizes = [first[n]["size"] for n in by_degree]
    assert sizes == sorted(sizes)
    assert first[by_degree[-1]]["size"] == 40.0
    assert {first[n]["colour"] for n in graph} <= set(COLOURS.values())


def test_the_layout_does_not_depend_on_the_order_rows_were_read_in():
    """The page (cached figure), the files and the report each build the graph anew."""
    graph = demo_graph("pacific-borderlands-network")
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(data=True))))
    assert network_layout(shuffled) == network_layout(graph)


def test_frequent_partners_sit_closer_than_rare_ones():
    graph = nx.Graph()
    for i, slug in enumerate("abcd"):
        graph.add_node(i, slug=slug, label=slug.upper(), sector="media", sector_name="Media", colour="#557755")
    graph.add_edge(0, 1, weight=60)
    graph.add_edge(1, 2, weight=1)
    graph.add_edge(2, 3, weight=60)
    layout = network_layout(graph)

    def gap(a, b):
        return math.dist((layout[a]["x"], layout[a]["y"]), (layout[b]["x"], layout[b]["y"]))

    assert gap(0, 1) < gap(1, 2) and gap(2, 3) < gap(1, 2)


def test_a_very_large_network_is_placed_in_bounded_time():
    graph = nx.gnm_random_graph(700, 2100, seed=3)
    for n in graph:
        graph.nodes[n].update(label=f"Organisation {n}", sector="media", sector_name="Media", colour="#557755")
    for a, b in graph.edges:
        graph.edges[a, b]["weight"] = 1 + (a + b) % 5
    started = time.monotonic()
    layout = network_layout(graph)
    assert len(layout) == 700
    assert all(math.isfinite(p["x"]) and math.isfinite(p["y"]) for p in layout.values())
    assert time.monotonic() - started < 60  # about 5 s on a quiet machine; generous for a loaded one


def test_empty_and_single_organisation_networks():
    assert network_layout(nx.Graph()) == {}
    graph = nx.Graph()
    graph.add_node(1, label="Alone", sector="media", sector_name="Media", colour="#557755")
    assert network_layout(graph)[1]["x"] == 0.0


@pytest.mark.django_db
def test_gexf_carries_the_layouts_positions_sizes_and_colours(activities, client_as):
    response = client_as(activities.admin).get(URL, {"format": "gexf"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'xmlns="http://gexf.net/1.3"' in text and "viz:position" in text
    layout = network_layout(figures.collaboration_graph(viewer=activities.admin))
    by_slug = {o.slug: o.pk for o in (activities.org_a, activities.org_b, activities.org_c, activities.org_d)}
    graph = nx.read_gexf(io.BytesIO(response.content), version="1.3")
    assert graph.number_of_nodes() == len(layout) == 4
    for slug, attrs in graph.nodes(data=True):
        place = layout[by_slug[slug]]
        viz = attrs["viz"]
        assert viz["position"]["x"] == pytest.approx(place["x"])
        assert viz["position"]["y"] == pytest.approx(-place["y"])  # Gephi's y points up
        assert viz["size"] == pytest.approx(place["size"])
        colour = "#{:02x}{:02x}{:02x}".format(viz["color"]["r"], viz["color"]["g"], viz["color"]["b"])
        assert colour == place["colour"]
        assert attrs["short_label"] == place["label"]


@pytest.mark.django_db
def test_graphml_carries_the_layouts_positions_sizes_and_colours(activities, client_as):
    response = client_as(activities.admin).get(URL, {"format": "graphml"})
    assert response.status_code == 200
    layout = network_layout(figures.collaboration_graph(viewer=activities.admin))
    by_slug = {o.slug: o.pk for o in (activities.org_a, activities.org_b, activities.org_c, activities.org_d)}
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert graph.number_of_nodes() == 4
    for slug, attrs in graph.nodes(data=True):
        place = layout[by_slug[slug]]
        assert (attrs["x"], attrs["y"], attrs["size"]) == pytest.approx((place["x"], -place["y"], place["size"]))
        assert "#{:02x}{:02x}{:02x}".format(attrs["r"], attrs["g"], attrs["b"]) == place["colour"]
        assert attrs["colour"] == place["colour"]


@pytest.mark.django_db
def test_the_json_network_carries_the_same_layout(activities, client_as):
    network = figures.collaboration_network(viewer=activities.admin)
    layout = network_layout(figures.collaboration_graph(viewer=activities.admin))
    for node in network["nodes"]:
        place = layout[node["id"]]
        assert (node["x"], node["y"], node["size"], node["short"], node["shape"]) == (
            place["x"],
            place["y"],
            place["size"],
            place["label"],
            place["shape"],
        )
