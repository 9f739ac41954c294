"""The dashboard's prompt to confirm the member's organisation's contacts once a year."""

from __future__ import annotations

from django import template

from partners.selectors.contacts import contacts_due_for

register = template.Library()


@register.inclusion_tag("partners/_contacts_due.html", takes_context=True)
def contacts_due_prompt(context) -> dict:
    request = context.get("request")
    return {"due": contacts_due_for(viewer=request.user) if request is not None else None}
