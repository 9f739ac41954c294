"""People demo data on top of the demo region (demo.region): contacts confirmed at various dates
(some over a year ago, so the directory and the member's dashboard show the yearly check) and one
pending invitation of a new member, sent by the coordinator.

Deterministic for a given day (dates count back from today) and idempotent: it runs once, in one
transaction, and a second call changes nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from audit.invitations import INVITATION_LIFETIME
from audit.models import InvitationRole, PersonInvitation
from partners.models import Contact, Organization

# Days since each contact was last confirmed, in turn by contact (None: never confirmed).
CONFIRMED_DAYS_AGO = (12, 40, 400, 95, 530, 200, 15, 800, None, 60, 370, 150)
# The demo member's organisation has one current and one stale contact, so their dashboard asks.
MEMBER_ORGANIZATION = "beacon"
INVITED_EMAIL = "new.caseworker@beacon.example.org"


def build_people_demo() -> bool:
    """Spread the contacts' confirmation dates and add the pending invitation; False when done before."""
    if PersonInvitation.objects.filter(email=INVITED_EMAIL).exists():
        return False
    today = timezone.localdate()
    with transaction.atomic():
        for n, contact_id in enumerate(
            Contact.objects.order_by("organization__slug", "pk").values_list("pk", flat=True)
        ):
            days = CONFIRMED_DAYS_AGO[n % len(CONFIRMED_DAYS_AGO)]
            confirmed = None if days is None else today - datetime.timedelta(days=days)
            Contact.objects.filter(pk=contact_id).update(last_confirmed_on=confirmed)
        member_contacts = list(Contact.objects.filter(organization__slug=MEMBER_ORGANIZATION).order_by("pk"))
        for contact, days in zip(member_contacts, (30, 430), strict=False):
            Contact.objects.filter(pk=contact.pk).update(last_confirmed_on=today - datetime.timedelta(days=days))
        organization = Organization.objects.filter(slug=MEMBER_ORGANIZATION).first()
        if organization is None:
            return False
        now = timezone.now()
        PersonInvitation.objects.create(
            email=INVITED_EMAIL,
            role=InvitationRole.MEMBER,
            organization=organization,
            invited_by=get_user_model().objects.filter(username="coordinator").first(),
            # A secret nobody knows: the demo shows the invitation waiting; "Send again" mails a real link.
            token_hash=hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest(),
            sent_at=now - datetime.timedelta(days=2),
            expires_at=now - datetime.timedelta(days=2) + INVITATION_LIFETIME,
        )
    return True
