"""Who may receive an e-mail of a topic: active people with an address who did not turn it off."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from notifications.models import AddressOptOut


def users_who_want(topic: str, users: QuerySet) -> QuerySet:
    """`users` narrowed to active accounts with an address whose preferences (none kept means
    the defaults: everything) leave `topic` on."""
    return users.filter(is_active=True).exclude(email="").exclude(Q(**{f"notification_preference__{topic}": False}))


def address_wants(topic: str, address: str) -> bool:
    """False when an address that is not a user's opted out of `topic`."""
    return not AddressOptOut.objects.filter(address__iexact=address, topic=topic).exists()
