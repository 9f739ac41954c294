"""`{% coalition_figures coalition %}` and `{% organization_figures organization %}`: put a
coalition's or an organisation's figures into the page's context.

The coalition and organisation pages belong to the directory, which knows nothing of the
analytics; their templates ask for the figures here, once at the top of the content block, and
the rest of the block reads them as ordinary context variables (see analytics/pages.py for
their names)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from analytics import figures, pages

register = template.Library()


def _put(context, values: dict) -> str:
    for name, value in values.items():
        context[name] = value
    return ""


@register.simple_tag(takes_context=True)
def coalition_figures(context, coalition) -> str:
    return _put(context, pages.coalition_figures(viewer=context["request"].user, coalition=coalition))


@register.simple_tag(takes_context=True)
def organization_figures(context, organization) -> str:
    return _put(context, pages.organization_figures(viewer=context["request"].user, organization=organization))


@register.filter
def sector_mark(sector, size: int = 14) -> str:
    """`{{ sector|sector_mark }}`: the sector's mark (its colour and its shape) as a small SVG."""
    return figures.mark_svg(sector.colour, figures.sector_shape(sector.slug, sector.position), size=int(size))


@register.filter
def sparkline(values, label: str = "") -> str:
    """A small trend line as inline SVG (no script): `values` are numbers, oldest first (None
    leaves a gap). Screen readers get `label` and the values; the figures beside it say the same."""
    numbers = [v for v in values if v is not None]
    width, height, pad = 120, 32, 3
    if len(values) < 2 or not numbers:
        return ""
    top = max(numbers) or 1
    step = (width - 2 * pad) / (len(values) - 1)
    points = " ".join(
        f"{pad + i * step:.1f},{height - pad - (v / top) * (height - 2 * pad):.1f}"
        for i, v in enumerate(values)
        if v is not None
    )
    spoken = ", ".join("–" if v is None else f"{v:g}" for v in values)
    title = escape(f"{label}: {spoken}" if label else spoken)
    return mark_safe(  # noqa: S308 -- numbers and an escaped title only
        f'<svg class="sparkline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{title}"><title>{title}</title>'
        f'<polyline fill="none" stroke="currentColor" stroke-width="2" points="{points}"/></svg>'
    )


@register.filter
def map_counts(rows) -> list:
    """The `count` of each row, for a sparkline."""
    return [r["count"] for r in rows]


@register.filter
def map_shares(rows) -> list:
    """Each quarter's cross-sector share in percent (None where nothing was counted)."""
    return [None if r["share"] is None else round(r["share"] * 100) for r in rows]
