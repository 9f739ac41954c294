"""How a sector is marked in pictures: its colour and a shape, so colour is never the only cue.

The shape names are cytoscape.js node shapes; `mark_svg` draws the same shape on the server
(legends, the report's network), with SVG presentation attributes only (no `style`), so the
markup passes a Content-Security-Policy that forbids inline styles.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe

from partners.vocabularies import SECTOR_SHAPES

SHAPES = ("ellipse", "rectangle", "triangle", "diamond", "hexagon", "pentagon", "star")
# Gephi's GEXF viz:shape knows only these.
GEXF_SHAPES = {"ellipse": "disc", "rectangle": "square", "triangle": "triangle", "diamond": "diamond"}


def sector_shape(slug: str, position: int = 0) -> str:
    """The shape of a sector's mark: the starting sectors' by group, others by list position."""
    return SECTOR_SHAPES.get(slug) or SHAPES[position % len(SHAPES)]


def _polygon(sides: int, cx: float, cy: float, r: float, *, rotate: float = -90.0, star: bool = False) -> str:
    points = []
    count = sides * 2 if star else sides
    for i in range(count):
        radius = r * (0.45 if star and i % 2 else 1.0)
        angle = math.radians(rotate + 360.0 * i / count)
        points.append(f"{cx + radius * math.cos(angle):.1f},{cy + radius * math.sin(angle):.1f}")
    return " ".join(points)


def shape_element(shape: str, cx: float, cy: float, size: float, *, fill: str, extra: str = "", title: str = "") -> str:
    """One SVG element drawing `shape` centred on (cx, cy), `size` wide, with an optional tooltip."""
    element = _shape_element(shape, cx, cy, size, fill=fill, extra=extra)
    if not title:
        return element
    tag = element[1 : element.index(" ")]
    return f"{element[:-2]}><title>{escape(title)}</title></{tag}>"


def _shape_element(shape: str, cx: float, cy: float, size: float, *, fill: str, extra: str) -> str:
    r = size / 2
    fill_attr = f"fill={quoteattr(fill)}"
    if shape == "rectangle":
        side = size * 0.88
        return (
            f'<rect x="{cx - side / 2:.1f}" y="{cy - side / 2:.1f}" width="{side:.1f}" height="{side:.1f}" '
            f"{fill_attr}{extra}/>"
        )
    if shape in ("triangle", "diamond", "hexagon", "pentagon", "star"):
        sides = {"triangle": 3, "diamond": 4, "hexagon": 6, "pentagon": 5, "star": 5}[shape]
        rotate = 0.0 if shape == "hexagon" else -90.0
        scale = 1.12 if shape == "triangle" else 1.0
        points = _polygon(
            sides, cx, cy + (r * 0.15 if shape == "triangle" else 0), r * scale, rotate=rotate, star=shape == "star"
        )
        return f'<polygon points="{points}" {fill_attr}{extra}/>'
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" {fill_attr}{extra}/>'


def mark_svg(colour: str, shape: str, *, size: int = 14) -> SafeString:
    """A small stand-alone SVG of a sector's mark (hidden from screen readers: the name is beside it)."""
    element = shape_element(
        shape, size / 2, size / 2, size - 2, fill=colour, extra=' stroke="#ffffff" stroke-width="1"'
    )
    return mark_safe(  # noqa: S308 - numbers and an escaped attribute only
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sector-mark" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" aria-hidden="true" focusable="false">{element}</svg>'
    )
