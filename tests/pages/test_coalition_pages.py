"""Coalition pages: members by sector, the network and its table, the sector matrix and timeline."""

import json
import re

from analytics import figures as analytics
from tests import factories as f


def test_coalition_page_shows_members_by_sector_with_roles(world, client_as):
    html = client_as(world.member).get("/coalitions/coalition-a/").content.decode()
    assert "Law enforcement" in html and "Org A" in html and "Lead" in html
    assert "Org C" not in html.split('id="network-h"')[0]


def test_network_and_matrix_match_the_analytics(world, client_as):
    f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    f.meeting([world.org_a, world.org_b, world.org_d], coalition=world.coalition_a)
    response = client_as(world.coordinator).get("/coalitions/coalition-a/")
    html = response.content.decode()
    network = json.loads(re.search(r'id="network-data" type="application/json">(.*?)</script>', html).group(1))
    assert sorted(n["label"] for n in network["nodes"]) == ["Org A", "Org B", "Org D"]
    weights = {frozenset((e["source"], e["target"])): e["weight"] for e in network["edges"]}
    a, b = str(world.org_a.pk), str(world.org_b.pk)
    assert weights[frozenset((a, b))] == 3
    expected = analytics.sector_matrix(
        viewer=world.coordinator, filters=analytics.FigureFilters(coalition=world.coalition_a)
    )
    assert expected["total"] == 5  # A–B three times, A–D and B–D once
    assert f'id="matrix-total">{expected["total"]}<' in html
    assert "/api/v1/analytics/network/?coalition=coalition-a&amp;format=graphml" in html


def test_coalitions_are_404_for_anonymous_and_the_list_asks_to_sign_in(world, client_as):
    assert client_as(None).get("/coalitions/coalition-a/").status_code == 404
    assert client_as(None).get("/coalitions/").status_code == 302
    assert client_as(world.member).get("/coalitions/no-such/").status_code == 404
    html = client_as(world.outsider).get("/coalitions/").content.decode()
    assert "Coalition A" in html and "Coalition B" in html
