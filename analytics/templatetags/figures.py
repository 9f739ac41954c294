"""`{% coalition_figures coalition %}` and `{% organization_figures organization %}`: put a
coalition's or an organisation's figures into the page's context.

The coalition and organisation pages belong to the directory, which knows nothing of the
analytics; their templates ask for the figures here, once at the top of the content block, and
the rest of the block reads them as ordinary context variables (see analytics/pages.py for
their names)."""

from django import template

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
