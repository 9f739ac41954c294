"""The daily reminders: renewals, action items, meetings and the yearly contact confirmation.

Each reminder is one Outgoing per recipient with a key naming its event, so the daily schedule
can fire twice (or a missed day be caught up) without anyone hearing twice:

- renewal: a partnership's members, 60 and 30 days before its renewal date
  (`partnership:<pk>:renewal:<date>:<60|30>`; a new renewal date is a new event);
- action item: its owner (the person, or else the owner organisation's members) 3 days before
  it is due and once when overdue (`action-item:<pk>:<due date>:<soon|overdue>`);
- meeting: the invited organisations' members (not those who said they will not attend),
  3 days before it starts, with the agenda and the calendar file (`meeting:<pk>:<start>`);
- contacts: an organisation's members, once a year, when any of its contacts was last confirmed
  (or, never confirmed, created) over a year ago (`organization:<pk>:contacts:<year>`).

Content is read as the recipient; a recipient who may not see the object is skipped.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import delivery, mail
from notifications.choices import NotificationKind, Topic
from notifications.invitations import meeting_reminder_outgoing
from notifications.recipients import users_who_want
from partners import permissions as perms
from partners.choices import ActionItemStatus, PartnershipStatus
from partners.models import ActionItem, Contact, Organization, Partnership

RENEWAL_THRESHOLDS = (60, 30)
ACTION_ITEM_DAYS_BEFORE = 3
MEETING_DAYS_BEFORE = 3
OVERDUE_WINDOW = datetime.timedelta(days=14)
CONTACTS_CONFIRMED_WITHIN = datetime.timedelta(days=365)


def members_by_organization(organization_ids: Iterable[int], topic: str) -> dict[int, list]:
    """The users of each organisation who want `topic`, in one query."""
    users = users_who_want(topic, get_user_model().objects.filter(profile__organization_id__in=set(organization_ids)))
    by_org: dict[int, list] = defaultdict(list)
    for user in users.select_related("profile").order_by("username"):
        by_org[user.profile.organization_id].append(user)
    return by_org


# --- renewals ---------------------------------------------------------------------------------


def renewal_threshold(days_left: int) -> int | None:
    """The reminder a partnership renewing in `days_left` days is due: 60, 30 or none."""
    if days_left < 0:
        return None
    due = [t for t in RENEWAL_THRESHOLDS if days_left <= t]
    return min(due) if due else None


def renewal_message(*, user, partnership: Partnership, days_left: int):
    with mail.in_language_of(user):
        others = [o for o in partnership.organizations.all() if o.pk != perms.organization_id_of(user)]
        context = {
            "partnership": partnership,
            "days_left": days_left,
            "others": others,
            "url": mail.absolute(partnership.get_absolute_url()),
        }
        subject = _("Renewal due in %(days)d days: %(title)s") % {"days": days_left, "title": partnership.title}
        return mail.message(
            template="renewal_reminder",
            subject=subject,
            context=context,
            address=user.email,
            topic=Topic.RENEWALS,
            user=user,
        )


def renewal_outgoing(*, today: datetime.date) -> Iterator[delivery.Outgoing]:
    horizon = today + datetime.timedelta(days=max(RENEWAL_THRESHOLDS))
    partnerships = list(
        Partnership.objects.filter(renewal_date__gte=today, renewal_date__lte=horizon)
        .exclude(status=PartnershipStatus.ENDED)
        .prefetch_related("organizations")
        .order_by("renewal_date", "pk")
    )
    members = members_by_organization((o.pk for p in partnerships for o in p.organizations.all()), Topic.RENEWALS)
    for partnership in partnerships:
        days_left = (partnership.renewal_date - today).days
        threshold = renewal_threshold(days_left)
        if threshold is None:
            continue
        key = f"partnership:{partnership.pk}:renewal:{partnership.renewal_date.isoformat()}:{threshold}"
        for org in partnership.organizations.all():
            for user in members.get(org.pk, []):
                if not perms.partnerships_visible_to(user).filter(pk=partnership.pk).exists():
                    continue
                yield delivery.Outgoing(
                    recipient=user,
                    address=user.email,
                    kind=NotificationKind.RENEWAL_REMINDER,
                    key=key,
                    build=lambda u=user, p=partnership, d=days_left: renewal_message(
                        user=u, partnership=p, days_left=d
                    ),
                )


# --- contacts ---------------------------------------------------------------------------------


def _contacts_url(organization: Organization) -> str:
    try:
        return mail.absolute(reverse("partners:organization_contacts", kwargs={"slug": organization.slug}))
    except NoReverseMatch:
        return mail.absolute(organization.get_absolute_url())


def stale_contacts_q(today: datetime.date) -> Q:
    """Contacts not confirmed for over a year (never confirmed: created over a year ago)."""
    cutoff = today - CONTACTS_CONFIRMED_WITHIN
    created_before = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    if any(f.name == "last_confirmed_on" for f in Contact._meta.get_fields()):
        return Q(last_confirmed_on__lt=cutoff) | Q(last_confirmed_on__isnull=True, created_at__lt=created_before)
    return Q(updated_at__lt=created_before)


def contact_confirmation_message(*, user, organization: Organization, stale: int):
    with mail.in_language_of(user):
        context = {"organization": organization, "stale": stale, "url": _contacts_url(organization)}
        subject = _("Are the contacts of %(name)s still current?") % {"name": organization.name}
        return mail.message(
            template="contact_confirmation",
            subject=subject,
            context=context,
            address=user.email,
            topic=Topic.CONTACT_CONFIRMATIONS,
            user=user,
        )


def contact_confirmation_outgoing(*, today: datetime.date) -> Iterator[delivery.Outgoing]:
    stale_counts: dict[int, int] = defaultdict(int)
    for org_id in Contact.objects.filter(stale_contacts_q(today)).values_list("organization_id", flat=True):
        stale_counts[org_id] += 1
    organizations = Organization.objects.filter(pk__in=list(stale_counts)).order_by("name")
    members = members_by_organization(stale_counts, Topic.CONTACT_CONFIRMATIONS)
    for organization in organizations:
        key = f"organization:{organization.pk}:contacts:{today.year}"
        for user in members.get(organization.pk, []):
            # A member sees every contact of their own organisation (partners.permissions).
            stale = perms.contacts_visible_to(user).filter(organization=organization).filter(stale_contacts_q(today))
            count = stale.count()
            if not count:
                continue
            yield delivery.Outgoing(
                recipient=user,
                address=user.email,
                kind=NotificationKind.CONTACT_CONFIRMATION,
                key=key,
                build=lambda u=user, o=organization, n=count: contact_confirmation_message(
                    user=u, organization=o, stale=n
                ),
            )


# --- action items ----------------------------------------------------------------------------


def action_item_message(*, user, item: ActionItem, overdue: bool):
    with mail.in_language_of(user):
        context = {
            "item": item,
            "overdue": overdue,
            "meeting": item.meeting,
            "url": mail.object_url(item),
        }
        if overdue:
            subject = _("Overdue action item: %(title)s") % {"title": item.title}
        else:
            subject = _("Action item due on %(date)s: %(title)s") % {
                "date": item.due_on.isoformat(),
                "title": item.title,
            }
        return mail.message(
            template="action_item_reminder",
            subject=subject,
            context=context,
            address=user.email,
            topic=Topic.ACTION_ITEMS,
            user=user,
        )


def action_item_outgoing(*, today: datetime.date) -> Iterator[delivery.Outgoing]:
    """Open items due within ACTION_ITEM_DAYS_BEFORE days ("soon") or overdue by at most
    OVERDUE_WINDOW (so switching reminders on does not flood owners with years-old items)."""
    items = list(
        ActionItem.objects.filter(
            status=ActionItemStatus.OPEN,
            due_on__gte=today - OVERDUE_WINDOW,
            due_on__lte=today + datetime.timedelta(days=ACTION_ITEM_DAYS_BEFORE),
        )
        .select_related("owner_organization", "owner_user", "meeting")
        .order_by("due_on", "pk")
    )
    members = members_by_organization(
        (i.owner_organization_id for i in items if i.owner_user_id is None), Topic.ACTION_ITEMS
    )
    owners = {
        u.pk: u
        for u in users_who_want(
            Topic.ACTION_ITEMS, get_user_model().objects.filter(pk__in={i.owner_user_id for i in items})
        )
    }
    for item in items:
        overdue = item.due_on < today
        key = f"action-item:{item.pk}:{item.due_on.isoformat()}:{'overdue' if overdue else 'soon'}"
        if item.owner_user_id is not None:
            people = [owners[item.owner_user_id]] if item.owner_user_id in owners else []
        else:
            people = members.get(item.owner_organization_id, [])
        for user in people:
            if not perms.action_items_visible_to(user).filter(pk=item.pk).exists():
                continue
            yield delivery.Outgoing(
                recipient=user,
                address=user.email,
                kind=NotificationKind.ACTION_ITEM_REMINDER,
                key=key,
                build=lambda u=user, i=item, o=overdue: action_item_message(user=u, item=i, overdue=o),
            )


# --- the daily run ----------------------------------------------------------------------------


def reminder_outgoing(*, today: datetime.date) -> Iterator[delivery.Outgoing]:
    """Every reminder due today, of every kind."""
    yield from renewal_outgoing(today=today)
    yield from action_item_outgoing(today=today)
    yield from meeting_reminder_outgoing(today=today)
    yield from contact_confirmation_outgoing(today=today)


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Send the reminders due today that have not gone out yet (safe to run any number of times)."""
    today = today or timezone.localdate()
    counts = {delivery.SENT: 0, delivery.ALREADY: 0, delivery.EMPTY: 0}
    for outgoing in reminder_outgoing(today=today):
        counts[delivery.deliver(outgoing)] += 1
    return counts
