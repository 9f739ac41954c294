"""Formatting for health figures: shares as percentages, scores out of four, missing as a dash."""

from django import template

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.1234 → "12.3%"; None (nothing to divide) → "—"."""
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.1f}%"


@register.filter
def score(value) -> str:
    if value is None:
        return "—"
    return f"{float(value):.2f}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
