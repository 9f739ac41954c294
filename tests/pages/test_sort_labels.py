"""Sort boxes are labelled "Sort by" and name each order in words, never "---------"."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/organizations/", ["Name, A to Z", "Name, Z to A", "Updated, newest first"]),
        ("/meetings/", ["Date, oldest first", "Date, newest first", "Title, A to Z"]),
        ("/partnerships/", ["Renewal, soonest first", "Title, Z to A"]),
    ],
)
def test_the_sort_box_has_a_label_and_words_for_each_order(world, client_as, path, expected):
    html = client_as(world.coordinator).get(path).content.decode()
    select = re.search(r'<select name="ordering" id="(?P<id>[^"]+)"[^>]*>(?P<options>.*?)</select>', html, re.S)
    assert select, f"{path} has no sort box"
    assert re.search(rf'<label for="{select["id"]}">\s*Sort by', html)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select["options"])
    assert options[0] == "Default order"
    assert "---------" not in options and not any("descending" in o for o in options)
    for label in expected:
        assert label in options


def test_a_chosen_order_sorts_the_list(world, client_as):
    html = client_as(world.coordinator).get("/organizations/?ordering=-name").content.decode()
    names = re.findall(r'<h3><a href="/organizations/[^"]+/">([^<]+)</a>', html)
    assert names == sorted(names, reverse=True) and len(names) >= 3
    assert '<option value="-name" selected>Name, Z to A</option>' in html
