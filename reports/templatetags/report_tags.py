"""Small helpers for the report templates: heat levels for table cells and percentages."""

from django import template

register = template.Library()

HEAT_LEVELS = 5


@register.simple_tag
def heat(value: int, peak: int) -> int:
    """A shade from 0 (nothing) to 5 (the busiest cell), for colouring a matrix by class name."""
    if not value or not peak:
        return 0
    return max(1, min(HEAT_LEVELS, round(HEAT_LEVELS * value / peak)))


@register.filter
def percent(value: float | None) -> str:
    """0.375 → '38%'; no value (nothing to divide by) → '–'."""
    try:
        return f"{round(float(value) * 100)}%"
    except (TypeError, ValueError):
        return "–"
