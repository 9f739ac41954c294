"""The sector palette: told apart under simulated colour-vision deficiency, with readable labels,
and a shape beside the colour.

Distance is CIEDE2000 (ΔE00) between the colours as simulated with Machado et al. (2009) at
severity 1.0 in linear RGB (tests/analytics/colour_vision.py). At the time of writing the closest
pair is 13.8 for typical vision, 13.8 under protanopia and 13.8 under deuteranopia; the test asks
for at least MIN_DISTANCE (12), well above the ~2-5 at which neighbouring marks get confused.
"""

import importlib
import itertools

import pytest
from django.apps import apps

from analytics.marks import SHAPES, sector_shape
from partners.models import Sector
from partners.vocabularies import SECTOR_SHAPES, SECTORS
from tests.analytics.colour_vision import contrast, difference, hex_to_rgb, minimum_difference

MIN_DISTANCE = 12.0
MIN_DISTANCE_SAME_SHAPE = 20.0  # sectors sharing a shape are told apart by colour alone
LABEL_TEXT = "#1f2937"  # static/js/network.js and reports/charts.py
LABEL_BACKGROUND_OPACITY = 0.85  # the label's white background over whatever lies beneath
COLOURS = [colour for _slug, _name, _description, colour in SECTORS]
VISIONS = [None, "deuteranopia", "protanopia"]


@pytest.mark.parametrize("deficiency", VISIONS, ids=["typical", "deuteranopia", "protanopia"])
def test_every_two_sector_colours_stay_apart_under_simulated_colour_vision_deficiency(deficiency):
    distance, a, b = minimum_difference(COLOURS, deficiency)
    print(f"{deficiency or 'typical'}: closest pair {a} {b} ΔE00 = {distance:.2f}")
    assert distance >= MIN_DISTANCE, f"{a} and {b} are only ΔE00 {distance:.1f} apart ({deficiency or 'typical'})"


def test_the_old_palette_fails_the_same_check():
    """The check can fail: the colours it replaces had Shelters and NGOs 0.2 apart under deuteranopia."""
    old = importlib.import_module("partners.migrations.0009_colour_vision_safe_sector_colours").COLOURS
    distance, _a, _b = minimum_difference([before for before, _after in old.values()], "deuteranopia")
    assert distance < 1


def test_sectors_sharing_a_shape_have_colours_further_apart():
    by_shape: dict[str, list[str]] = {}
    for slug, _name, _description, colour in SECTORS:
        by_shape.setdefault(SECTOR_SHAPES[slug], []).append(colour)
    assert len(by_shape) >= 4
    for shape, colours in by_shape.items():
        for a, b in itertools.combinations(colours, 2):
            for deficiency in VISIONS:
                assert difference(a, b, deficiency) >= MIN_DISTANCE_SAME_SHAPE, (shape, a, b, deficiency)


def test_every_mark_stands_out_from_the_white_page():
    """WCAG 1.4.11: graphical objects need 3:1 against what surrounds them."""
    for colour in COLOURS:
        assert contrast(colour, "#ffffff") >= 3.0, colour


def test_labels_are_readable_over_any_sector_colour():
    """Labels are dark text on an 85% white background, which may lie over a node of any colour."""
    for colour in [*COLOURS, "#4b5563"]:  # and over an edge
        beneath = hex_to_rgb(colour)
        mixed = [LABEL_BACKGROUND_OPACITY + (1 - LABEL_BACKGROUND_OPACITY) * c for c in beneath]
        background = "#" + "".join(f"{round(c * 255):02x}" for c in mixed)
        assert contrast(LABEL_TEXT, background) >= 4.5, (colour, background)


def test_every_starting_sector_has_a_shape_cytoscape_and_the_report_can_draw():
    assert {slug for slug, *_rest in SECTORS} == set(SECTOR_SHAPES)
    assert set(SECTOR_SHAPES.values()) <= set(SHAPES)
    assert sector_shape("a-sector-a-coalition-added", 9) in SHAPES


def test_the_colour_difference_matches_published_ciede2000_values():
    from tests.analytics.colour_vision import ciede2000

    # Sharma, Wu & Dalal (2005), pairs 1, 25 and 31 of their test data.
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387)) == pytest.approx(1.2644, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)


@pytest.mark.django_db
def test_migration_recolours_only_sectors_that_kept_the_old_starting_colour():
    migration = importlib.import_module("partners.migrations.0009_colour_vision_safe_sector_colours")
    Sector.objects.filter(slug="business").update(colour="#0F766E")  # the old colour, any case
    Sector.objects.filter(slug="health-care").update(colour="#047857")
    Sector.objects.filter(slug="media").update(colour="#123456")  # a coalition's own choice
    migration.recolour(apps, None)
    colours = dict(Sector.objects.values_list("slug", "colour"))
    assert colours["business"] == "#332233"
    assert colours["health-care"] == "#0099aa"
    assert colours["media"] == "#123456"
    migration.restore(apps, None)
    colours = dict(Sector.objects.values_list("slug", "colour"))
    assert colours["business"] == "#0f766e" and colours["media"] == "#123456"
