"""Writes of the reports app: creating, regenerating and revoking calendar feeds."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from partners import permissions as perms
from partners.models import Coalition
from reports.models import CalendarFeed


def calendar_feed_issue(*, actor, coalition: Coalition) -> tuple[CalendarFeed, str]:
    """Create the actor's feed for `coalition`, or give it a new key; returns (feed, secret key).

    The key is returned once and never stored: the caller shows the address to its owner.
    """
    if not perms.is_signed_in(actor):
        raise PermissionDenied(_("Sign in to subscribe to a calendar."))
    if not perms.coalitions_visible_to(actor).filter(pk=coalition.pk).exists():
        raise Http404("No coalition found.")
    key = CalendarFeed.new_key()
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(
            user=actor,
            coalition=coalition,
            defaults={"prefix": key[: CalendarFeed.PREFIX_LENGTH], "key_hash": CalendarFeed.hash_key(key)},
        )
        if not created:
            feed.prefix = key[: CalendarFeed.PREFIX_LENGTH]
            feed.key_hash = CalendarFeed.hash_key(key)
            feed.last_used_at = None
            feed.full_clean()
            feed.save(update_fields=["prefix", "key_hash", "last_used_at"])
    return feed, key


def calendar_feed_revoke(*, actor, feed_id: int) -> None:
    """Delete one of the actor's feeds; its address answers 404 from now on.

    Someone else's feed gives the same 404 as a missing one.
    """
    deleted, _details = (
        CalendarFeed.objects.filter(pk=feed_id, user=actor).delete() if perms.is_signed_in(actor) else (0, {})
    )
    if not deleted:
        raise Http404("No calendar feed found.")
