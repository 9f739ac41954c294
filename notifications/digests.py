"""The weekly digest of a coordinator: one e-mail per coalition they coordinate, read as them.

What it lists (each read through the recipient's own visibility, so it never says more than the
site would show them):
- attention items that are new since their last digest of that coalition (by `AttentionItem`
  key), leaving out items someone snoozed or resolved;
- partnerships of the coalition due for renewal in the next RENEWAL_DAYS days;
- the coalition's overdue action items;
- activities logged without a coalition in which two or more of its members took part, logged
  since the last digest (partners.selectors.unfiled).

A digest with nothing in it is recorded but not sent. The period is the ISO week, so the
schedule may fire any number of times in a week: each coordinator hears once per coalition.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from health.selectors.attention import AttentionItem, coalition_attention
from health.selectors.attention.work import attach_work, attention_active
from notifications import delivery, mail
from notifications.choices import NotificationKind, Topic
from notifications.models import SentNotification
from notifications.recipients import users_who_want
from partners import permissions as perms
from partners.choices import ActionItemStatus, PartnershipStatus
from partners.models import Coalition, CoalitionCoordinator
from partners.selectors.directory import partnership_list
from partners.selectors.unfiled import unfiled_meeting_list

RENEWAL_DAYS = 30
DEFAULT_SINCE_DAYS = 7


def week_key(*, coalition: Coalition, today: datetime.date) -> str:
    year, week, _weekday = today.isocalendar()
    return f"{year}-W{week:02d}:coalition-{coalition.pk}"


@dataclass
class Digest:
    coalition: Coalition
    attention: list[AttentionItem] = field(default_factory=list)
    renewals: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    unfiled: list = field(default_factory=list)
    attention_keys: list[str] = field(default_factory=list)  # every current item, new or not

    @property
    def is_empty(self) -> bool:
        return not (self.attention or self.renewals or self.overdue or self.unfiled)


def _previous(user, coalition: Coalition, key: str) -> SentNotification | None:
    return (
        SentNotification.objects.filter(
            recipient=user, kind=NotificationKind.DIGEST, key__endswith=f":coalition-{coalition.pk}"
        )
        .exclude(key=key)
        .exclude(sent_at__isnull=True)
        .order_by("-sent_at")
        .first()
    )


def _overdue_action_items(viewer, coalition: Coalition, today: datetime.date) -> list:
    """The coalition's open action items past their due date (an item of a meeting carries its
    meeting's coalition), as `viewer` may see them."""
    return list(
        perms.action_items_visible_to(viewer)
        .filter(coalition=coalition, status=ActionItemStatus.OPEN, due_on__lt=today)
        .select_related("owner_organization", "meeting")
        .order_by("due_on", "pk")
    )


def digest_for(*, user, coalition: Coalition, today: datetime.date, key: str | None = None) -> Digest:
    """What the digest of `coalition` tells `user` this week, read as `user`."""
    key = key or week_key(coalition=coalition, today=today)
    previous = _previous(user, coalition, key)
    seen = set(previous.items) if previous else set()
    since = previous.sent_at if previous else timezone.now() - datetime.timedelta(days=DEFAULT_SINCE_DAYS)
    # Snoozed (until a later day) and resolved items are left out, as on the attention list.
    items = attention_active(
        attach_work(coalition_attention(viewer=user, coalition=coalition, today=today), viewer=user, today=today)
    )
    digest = Digest(coalition=coalition, attention_keys=[i.key for i in items])
    digest.attention = [i for i in items if i.key not in seen]
    digest.renewals = list(
        partnership_list(viewer=user)
        .filter(
            coalition=coalition,
            renewal_date__gte=today,
            renewal_date__lte=today + datetime.timedelta(days=RENEWAL_DAYS),
        )
        .exclude(status=PartnershipStatus.ENDED)
        .order_by("renewal_date", "title")
    )
    digest.overdue = _overdue_action_items(user, coalition, today)
    digest.unfiled = list(
        unfiled_meeting_list(viewer=user, coalition=coalition).filter(created_at__gte=since).order_by("-date", "-id")
    )
    return digest


def coordinator_roles() -> QuerySet[CoalitionCoordinator]:
    """Every (coordinator, coalition) the digest goes to, for coordinators who want it."""
    users = users_who_want(Topic.DIGEST, get_user_model().objects.all())
    return (
        CoalitionCoordinator.objects.filter(user__in=users)
        .select_related("user", "coalition")
        .order_by("user__username", "coalition__name")
    )


def _absolute_links(item: AttentionItem) -> list[tuple[str, str]]:
    return [(label, mail.absolute(url)) for label, url in item.links]


def digest_message(*, user, digest: Digest, today: datetime.date):
    """The e-mail of one digest, in the user's language."""
    with mail.in_language_of(user):
        context = {
            "digest": digest,
            "coalition": digest.coalition,
            "today": today,
            "attention": [{"item": i, "links": _absolute_links(i)} for i in digest.attention],
            "renewals": [{"p": p, "url": mail.absolute(p.get_absolute_url())} for p in digest.renewals],
            "overdue": [{"a": a, "url": mail.object_url(a)} for a in digest.overdue],
            "unfiled": [{"m": m, "url": mail.absolute(m.get_absolute_url())} for m in digest.unfiled],
            "unfiled_url": _unfiled_url(digest.coalition),
            "renewal_days": RENEWAL_DAYS,
        }
        subject = _("Weekly digest: %(coalition)s") % {"coalition": digest.coalition.name}
        return mail.message(
            template="digest",
            subject=subject,
            context=context,
            address=user.email,
            topic=Topic.DIGEST,
            user=user,
        )


def _unfiled_url(coalition: Coalition) -> str:
    return mail.absolute(reverse("partners:coalition_unfiled", kwargs={"slug": coalition.slug}))


def digest_outgoing(*, role: CoalitionCoordinator, today: datetime.date) -> delivery.Outgoing:
    user, coalition = role.user, role.coalition
    key = week_key(coalition=coalition, today=today)
    outgoing = delivery.Outgoing(recipient=user, address=user.email, kind=NotificationKind.DIGEST, key=key, build=None)

    def build():
        digest = digest_for(user=user, coalition=coalition, today=today, key=key)
        outgoing.items = digest.attention_keys
        return None if digest.is_empty else digest_message(user=user, digest=digest, today=today)

    outgoing.build = build
    return outgoing


@dataclass
class DigestRun:
    sent: int = 0
    already: int = 0
    empty: int = 0


def digests_send(*, today: datetime.date | None = None) -> DigestRun:
    """Send this week's digests that have not gone out yet (safe to run any number of times)."""
    today = today or timezone.localdate()
    run = DigestRun()
    for role in coordinator_roles():
        outcome = delivery.deliver(digest_outgoing(role=role, today=today))
        setattr(run, outcome, getattr(run, outcome) + 1)
    return run
