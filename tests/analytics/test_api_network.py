"""/api/v1/analytics/network/: the collaboration network as JSON, GraphML or GEXF.

By hand from the `activities` fixture: edges A-B 2, A-C 2, B-C 1, C-D 1.
    degree A 2, B 2, C 3, D 1; weighted degree A 4, B 3, C 4, D 1.
    density 4 / 6; one component; clustering A 1, B 1, C 1/3, D 0 → average 7/12;
    every edge joins two sectors → cross-sector share 1.
    betweenness (distance 1/count): shortest paths A-D via C; B-C direct or via A (two, both
    length 1); B-D via C or via A and C (two, both length 2). C lies on 2 paths' worth, A on
    1; normalised by (n-1)(n-2)/2 = 3 → C 2/3, A 1/3, B and D 0.
"""

import io
import math

import networkx as nx
import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/analytics/network/"


def eigenvector_by_power_iteration(weights: dict[tuple[str, str], int]) -> dict[str, float]:
    """Leading eigenvector of the weighted adjacency matrix, unit length, computed here from scratch."""
    nodes = sorted({n for pair in weights for n in pair})
    w = {(a, b): 0 for a in nodes for b in nodes}
    for (a, b), n in weights.items():
        w[(a, b)] = w[(b, a)] = n
    x = dict.fromkeys(nodes, 1.0)
    for _ in range(500):
        # (W + I) x: the shift keeps the iteration from oscillating and has the same eigenvector.
        y = {a: x[a] + sum(w[(a, b)] * x[b] for b in nodes) for a in nodes}
        norm = math.sqrt(sum(v * v for v in y.values()))
        x = {a: v / norm for a, v in y.items()}
    return x


def test_anonymous_caller_gets_401(activities, client_as):
    assert client_as(None).get(URL).status_code == 401
    assert client_as(None).get(URL, {"format": "graphml"}).status_code == 401


def test_admin_sees_nodes_edges_and_summary_figures_computed_by_hand(activities, client_as):
    body = client_as(activities.admin).get(URL).json()
    nodes = {n["slug"]: n for n in body["nodes"]}
    assert {s: (n["degree"], n["weighted_degree"]) for s, n in nodes.items()} == {
        "org-a": (2, 4),
        "org-b": (2, 3),
        "org-c": (3, 4),
        "org-d": (1, 1),
    }
    assert {s: n["betweenness"] for s, n in nodes.items()} == pytest.approx(
        {"org-a": 1 / 3, "org-b": 0.0, "org-c": 2 / 3, "org-d": 0.0}, abs=1e-6
    )
    expected = eigenvector_by_power_iteration(
        {("org-a", "org-b"): 2, ("org-a", "org-c"): 2, ("org-b", "org-c"): 1, ("org-c", "org-d"): 1}
    )
    assert {s: n["eigenvector"] for s, n in nodes.items()} == pytest.approx(expected, abs=1e-4)
    assert nodes["org-c"]["sector"] == "health-care"
    by_id = {n["id"]: n["slug"] for n in body["nodes"]}
    edges = {tuple(sorted((by_id[e["source"]], by_id[e["target"]]))): e["weight"] for e in body["edges"]}
    assert edges == {("org-a", "org-b"): 2, ("org-a", "org-c"): 2, ("org-b", "org-c"): 1, ("org-c", "org-d"): 1}
    assert body["summary"] == {
        "nodes": 4,
        "edges": 4,
        "density": pytest.approx(4 / 6, abs=1e-6),
        "components": 1,
        "average_clustering": pytest.approx(7 / 12, abs=1e-6),
        "cross_sector_edge_share": 1.0,
    }


def test_a_participants_only_activity_never_reaches_an_outsiders_network(activities, client_as):
    body = client_as(activities.outsider).get(URL).json()
    assert sorted(n["slug"] for n in body["nodes"]) == ["org-c", "org-d"]
    assert body["summary"]["edges"] == 1
    graphml = client_as(activities.outsider).get(URL, {"format": "graphml"}).content.decode()
    assert "org-a" not in graphml and "org-b" not in graphml


def test_graphml_opens_as_the_same_network(activities, client_as):
    response = client_as(activities.admin).get(URL, {"format": "graphml"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/graphml+xml")
    assert response["Content-Disposition"] == 'attachment; filename="collaboration-network.graphml"'
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert sorted(graph.nodes) == ["org-a", "org-b", "org-c", "org-d"]
    assert graph.edges["org-a", "org-b"]["weight"] == 2
    assert graph.nodes["org-c"]["label"] == "Org C"


def test_gexf_opens_as_the_same_network(activities, client_as):
    response = client_as(activities.admin).get(URL, {"format": "gexf", "coalition": "coalition-a"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/gexf+xml")
    assert response["Content-Disposition"] == 'attachment; filename="collaboration-network.gexf"'
    graph = nx.read_gexf(io.BytesIO(response.content))
    assert sorted(graph.nodes) == ["org-a", "org-b", "org-c"]  # C-D was coalition B's
    assert graph.edges["org-a", "org-c"]["weight"] == 2


def test_bad_parameters_are_json_400s_naming_them_even_for_files(activities, client_as):
    client = client_as(activities.admin)
    response = client.get(URL, {"format": "graphml", "since": "2024-05-01", "until": "2024-01-01"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "since" in response.json()
    response = client.get(URL, {"format": "pdf"})
    assert response.status_code == 400 and "format" in response.json()
