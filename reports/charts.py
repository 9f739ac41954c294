"""Pictures drawn on the server as SVG, so the PDF (which runs no JavaScript) shows them too.

Only SVG presentation attributes are used (no `style`), so the markup also passes a
Content-Security-Policy that forbids inline styles when embedded in a page.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
from django.utils.safestring import SafeString, mark_safe

from analytics import figures
from analytics.figures import LABEL_FONT, label_width

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
MAX_NODES = 80
STRONGEST_PER_NODE = 3

# Colours for kinds of activity (colour-blind-safe, from the Okabe–Ito and Tableau palettes).
KIND_COLOURS = {
    "coalition_meeting": "#0072b2",
    "training": "#e69f00",
    "case_coordination": "#009e73",
    "joint_operation": "#d55e00",
    "outreach": "#cc79a7",
    "referral": "#56b4e9",
    "research": "#9467bd",
    "advocacy": "#8c564b",
    "other": "#999999",
}


# A pattern over each kind's colour, so the kinds stay apart without colour (print in grey,
# colour-vision deficiency): white strokes drawn over the bar and its legend key.
_PATTERN_MARKS = {
    "lines-up": '<path d="M0,6 L6,0" stroke="#ffffff" stroke-width="1.4"/>',
    "dots": '<circle cx="3" cy="3" r="1.2" fill="#ffffff"/>',
    "lines-across": '<path d="M0,3 L6,3" stroke="#ffffff" stroke-width="1.4"/>',
    "crosses": '<path d="M0,6 L6,0 M0,0 L6,6" stroke="#ffffff" stroke-width="1"/>',
    "lines-down": '<path d="M0,0 L6,6" stroke="#ffffff" stroke-width="1.4"/>',
    "lines-upright": '<path d="M3,0 L3,6" stroke="#ffffff" stroke-width="1.4"/>',
    "grid": '<path d="M0,3 L6,3 M3,0 L3,6" stroke="#ffffff" stroke-width="1"/>',
}
KIND_PATTERNS = {
    "coalition_meeting": None,
    "training": "lines-up",
    "case_coordination": "dots",
    "joint_operation": "lines-across",
    "outreach": "crosses",
    "referral": "lines-down",
    "research": "lines-upright",
    "advocacy": "grid",
    "other": None,
}


def _pattern_defs() -> str:
    return (
        "<defs>"
        + "".join(
            f'<pattern id="kind-pattern-{name}" width="6" height="6" patternUnits="userSpaceOnUse">{marks}</pattern>'
            for name, marks in _PATTERN_MARKS.items()
        )
        + "</defs>"
    )


def _patterned_rect(x: float, y: float, w: float, h: float, kind: str, title: str = "") -> str:
    """A rectangle in the kind's colour, overlaid with the kind's pattern."""
    colour = KIND_COLOURS.get(kind, "#999999")
    box = f'x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"'
    tip = f"<title>{escape(title)}</title>" if title else ""
    rect = f'<rect {box} fill="{colour}">{tip}</rect>'
    pattern = KIND_PATTERNS.get(kind)
    if pattern:
        rect += f'<rect {box} fill="url(#kind-pattern-{pattern})" class="kind-pattern">{tip}</rect>'
    return rect


def _text(x: float, y: float, content: str, *, size: float = 9, anchor: str = "start", **attrs) -> str:
    extra = "".join(f" {k.replace('_', '-')}={quoteattr(str(v))}" for k, v in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'text-anchor="{anchor}"{extra}>{escape(content)}</text>'
    )


def network_svg(graph: nx.Graph, *, width: int = 720, max_height: int = 640) -> dict:
    """The collaboration network as the coalition page draws it: the same positions, sizes,
    shapes and colours (analytics.layout.network_layout), edges as thick as the number of joint
    activities, and a legend of sector marks (shape, colour, name).

    Returns {"svg": markup, "shown"/"total": nodes drawn / in the network, "edges_shown"/
    "edges_total", "legend": [(name, colour, shape, count)]}. Very large networks are cut to the
    MAX_NODES most active organisations, and only each organisation's strongest ties are drawn;
    the caption says so.
    """
    total = graph.number_of_nodes()
    if total == 0:
        return {"svg": mark_safe(""), "shown": 0, "total": 0, "legend": [], "legend_items": []}
    layout = figures.network_layout(graph)
    strength = dict(graph.degree(weight="weight"))
    keep = sorted(graph.nodes, key=lambda n: (-strength[n], graph.nodes[n]["label"]))[:MAX_NODES]
    sub = _backbone(graph.subgraph(keep))

    # The picture's box includes each label below its node, so nothing is cut off.
    font = LABEL_FONT
    left = min(layout[n]["x"] - max(layout[n]["size"], label_width(layout[n]["label"])) / 2 for n in sub)
    right = max(layout[n]["x"] + max(layout[n]["size"], label_width(layout[n]["label"])) / 2 for n in sub)
    top = min(layout[n]["y"] - layout[n]["size"] / 2 for n in sub)
    bottom = max(layout[n]["y"] + layout[n]["size"] / 2 + 3 + font * 1.3 for n in sub)
    pad = 12
    ratio = min(1.0, (width - 2 * pad) / max(right - left, 1.0), (max_height - 2 * pad) / max(bottom - top, 1.0))
    plot_h = (bottom - top) * ratio + 2 * pad
    offset_x = (width - (right - left) * ratio) / 2

    def place(node) -> tuple[float, float]:
        return offset_x + (layout[node]["x"] - left) * ratio, pad + (layout[node]["y"] - top) * ratio

    max_weight = max((d["weight"] for _a, _b, d in sub.edges(data=True)), default=1)
    parts = []
    for a, b, data in sorted(sub.edges(data=True), key=lambda e: e[2]["weight"]):
        (x1, y1), (x2, y2) = place(a), place(b)
        share = math.log1p(data["weight"]) / math.log1p(max_weight)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#4b5563" '
            f'stroke-opacity="{0.25 + 0.5 * share:.2f}" stroke-width="{(1 + 7 * share) * ratio:.2f}" />'
        )
    for node in sorted(sub.nodes, key=lambda n: strength[n]):
        x, y = place(node)
        attrs, look = sub.nodes[node], layout[node]
        title = f"{attrs['label']} ({attrs['sector_name']}): {graph.degree(node)} partners, {strength[node]} activities"
        element = figures.shape_element(
            look["shape"],
            x,
            y,
            look["size"] * ratio,
            fill=look["colour"],
            extra=' stroke="#ffffff" stroke-width="1.2" class="network-node"',
            title=title,
        )
        parts.append(element)
    size = font * ratio
    for node in sub.nodes:
        x, y = place(node)
        below = y + layout[node]["size"] * ratio / 2 + 3 * ratio + size
        label = layout[node]["label"]
        # A white outline drawn first keeps labels readable where they cross edges.
        parts.append(
            _text(
                x,
                below,
                label,
                size=round(size, 1),
                anchor="middle",
                stroke="#ffffff",
                stroke_width=2.8,
                stroke_linejoin="round",
            )
        )
        parts.append(_text(x, below, label, size=round(size, 1), anchor="middle", fill="#1f2328"))

    # The legend (shape, colour, name) is text beside the picture: see legend_items.
    legend = _sector_legend(sub, layout)
    full_h = math.ceil(plot_h)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network-picture" viewBox="0 0 {width} {full_h}" '
        f'width="{width}" height="{full_h}" role="img" aria-label="Collaboration network of '
        f'{sub.number_of_nodes()} organisations; colour and shape show the sector">'
        f'<rect x="0" y="0" width="{width}" height="{full_h}" fill="#ffffff" />' + "".join(parts) + "</svg>"
    )
    return {
        "svg": mark_safe(svg),  # noqa: S308 - built from escaped text and numbers only
        "shown": sub.number_of_nodes(),
        "total": total,
        "edges_shown": sub.number_of_edges(),
        "edges_total": graph.number_of_edges(),
        "legend": legend,
        "legend_items": legend_items(legend),
    }


def _backbone(graph: nx.Graph) -> nx.Graph:
    """Each organisation's strongest relationships only.

    In a coalition that meets in plenary almost everyone has met everyone, and drawing every
    line gives an unreadable tangle; keeping each node's few strongest ties shows who works
    closely with whom.
    """
    kept = nx.Graph()
    kept.add_nodes_from(graph.nodes(data=True))
    for node in graph.nodes:
        ties = sorted(graph[node].items(), key=lambda item: (-item[1]["weight"], graph.nodes[item[0]]["label"]))
        for other, data in ties[:STRONGEST_PER_NODE]:
            kept.add_edge(node, other, **data)
    return kept


def _sector_legend(graph: nx.Graph, layout: dict) -> list[tuple[str, str, str, int]]:
    counts: dict[tuple[str, str, str], int] = {}
    for node, attrs in graph.nodes(data=True):
        key = (attrs["sector_name"], layout[node]["colour"], layout[node]["shape"])
        counts[key] = counts.get(key, 0) + 1
    return sorted(
        ((name, colour, shape, n) for (name, colour, shape), n in counts.items()), key=lambda t: (-t[3], t[0])
    )


def legend_items(legend: list[tuple[str, str, str, int]]) -> list[dict]:
    """The legend as text beside the picture: each sector's mark (shape and colour), name and count."""
    return [
        {"name": name, "count": count, "mark": figures.mark_svg(colour, shape, size=12)}
        for name, colour, shape, count in legend
    ]


def activity_svg(activity: dict, *, width: int = 720, height: int = 190) -> SafeString:
    """Activities per month as stacked bars by kind, with a legend of kinds."""
    months, kinds = activity["months"], activity["kinds"]
    if not months or not activity["total"]:
        return mark_safe("")
    left, right, top, bottom = 34, 10, 10, 20
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(m["total"] for m in months) or 1
    step = _nice_step(peak)
    ceiling = step * math.ceil(peak / step)
    bar_slot = plot_w / len(months)
    bar_w = max(2.0, bar_slot * 0.7)
    parts = []
    for tick in range(0, ceiling + 1, step):
        y = top + plot_h - tick / ceiling * plot_h
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d8dee4" />')
        parts.append(_text(left - 4, y + 3, str(tick), size=8, anchor="end", fill="#57606a"))
    label_every = max(1, math.ceil(len(months) / 14))
    for i, month in enumerate(months):
        x = left + i * bar_slot + (bar_slot - bar_w) / 2
        y = top + plot_h
        for kind, count in zip(kinds, month["counts"], strict=True):
            if not count:
                continue
            h = count / ceiling * plot_h
            y -= h
            parts.append(_patterned_rect(x, y, bar_w, h, kind["value"], f"{month['key']}: {count} {kind['label']}"))
        if i % label_every == 0:
            parts.append(
                _text(x + bar_w / 2, top + plot_h + 12, month["month"].strftime("%b %y"), size=8, anchor="middle")
            )
    # The legend wraps onto as many rows as the kinds need, below the month labels.
    lx, legend_y = left, top + plot_h + 30
    for kind in kinds:
        label = str(kind["label"])
        item_w = 25 + 5.0 * len(label)
        if lx + item_w > width - right and lx > left:
            lx, legend_y = left, legend_y + 14
        parts.append(_patterned_rect(lx, legend_y - 10, 12, 12, kind["value"]))
        parts.append(_text(lx + 15, legend_y, label, size=8, fill="#1f2328"))
        lx += item_w
    height = int(legend_y + 8)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="activity-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Activities per month, by kind">'
        + _pattern_defs()
        + "".join(parts)
        + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - built from escaped text and numbers only


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if peak / step <= 6:
            return step
    return 10 ** len(str(peak))
