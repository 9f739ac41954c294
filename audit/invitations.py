"""Inviting people: who may invite whom, the signed single-use link, the e-mail, and accepting.

An admin invites anyone as a member of an organisation or as a coordinator of a coalition; a
coordinator invites members of the organisations that belong to a coalition they coordinate.
The link carries a random secret, signed with a timestamp (django.core.signing) so a changed
link is refused before the database is asked; only a SHA-256 hash of the secret is stored.
A link expires after INVITATION_LIFETIME, is used once (enforced by a conditional UPDATE and a
unique `accepted_by`) and stops working when the invitation is sent again or revoked.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from audit.events import record
from audit.models import AuditAction, InvitationRole, PersonInvitation
from audit.password_reset import _count
from partners import permissions as perms
from partners.models import Coalition, CoalitionCoordinator, Membership, Organization, Profile

INVITATION_LIFETIME = datetime.timedelta(days=7)
SIGNING_SALT = "audit.invitation"
# Invitations one person may send in an hour, and accept attempts one address may make in 15 minutes.
INVITES_PER_HOUR = 30
ACCEPTS_PER_WINDOW = 20
ACCEPT_WINDOW = 900


# --- who may invite whom ---------------------------------------------------------------------


def can_invite(user) -> bool:
    """Admins and coalition coordinators invite people."""
    return perms.is_admin(user) or perms.is_coordinator(user)


def organizations_invitable_by(user) -> QuerySet[Organization]:
    """Organisations the user may invite members of: all (admins), or the current members of the
    coalitions they coordinate."""
    if perms.is_admin(user):
        return Organization.objects.order_by("name")
    coalitions = sorted(perms.coordinated_coalition_ids(user))
    current = Membership.objects.current().filter(coalition_id__in=coalitions).values("organization_id")
    return Organization.objects.filter(pk__in=current).order_by("name")


def coalitions_invitable_by(user) -> QuerySet[Coalition]:
    """Coalitions the user may invite coordinators of: admins only."""
    return Coalition.objects.order_by("name") if perms.is_admin(user) else Coalition.objects.none()


def can_invite_to(user, *, role: str, organization: Organization | None, coalition: Coalition | None) -> bool:
    if perms.is_admin(user):
        return True
    if role != InvitationRole.MEMBER or organization is None or not perms.is_coordinator(user):
        return False
    return organizations_invitable_by(user).filter(pk=organization.pk).exists()


def invitations_visible_to(user) -> QuerySet[PersonInvitation]:
    """Admins see every invitation; a coordinator, the ones they sent."""
    base = PersonInvitation.objects.select_related("organization", "coalition", "invited_by")
    if perms.is_admin(user):
        return base
    if perms.is_coordinator(user):
        return base.filter(invited_by=user)
    return base.none()


def pending_invitations(*, viewer) -> QuerySet[PersonInvitation]:
    return invitations_visible_to(viewer).filter(accepted_at__isnull=True, revoked_at__isnull=True)


# --- the link ----------------------------------------------------------------------------------


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_secret(invitation: PersonInvitation) -> str:
    """Give the invitation a fresh secret (the old link stops working) and return the signed link token."""
    secret = secrets.token_urlsafe(32)
    invitation.token_hash = _hash(secret)
    return secret


def link_token(invitation: PersonInvitation, secret: str) -> str:
    return signing.dumps({"i": invitation.pk, "s": secret}, salt=SIGNING_SALT, compress=False)


class InvitationUnusable(Exception):
    """A link that cannot be used; `reason` is one of "invalid", "expired", "used", "revoked"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class OpenInvitation:
    invitation: PersonInvitation
    secret: str


def invitation_from_link(token: str) -> OpenInvitation:
    """The open invitation a link names, or InvitationUnusable saying why not."""
    try:
        payload = signing.loads(token, salt=SIGNING_SALT, max_age=INVITATION_LIFETIME)
    except signing.SignatureExpired:
        raise InvitationUnusable("expired") from None
    except signing.BadSignature:
        raise InvitationUnusable("invalid") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int) or not isinstance(payload.get("s"), str):
        raise InvitationUnusable("invalid")
    invitation = PersonInvitation.objects.select_related("organization", "coalition").filter(pk=payload["i"]).first()
    if invitation is None or not constant_time_compare(invitation.token_hash, _hash(payload["s"])):
        raise InvitationUnusable("invalid")  # unknown, or replaced by a newer link
    if invitation.accepted_at is not None:
        raise InvitationUnusable("used")
    if invitation.revoked_at is not None:
        raise InvitationUnusable("revoked")
    if invitation.is_expired():
        raise InvitationUnusable("expired")
    return OpenInvitation(invitation=invitation, secret=payload["s"])


# --- the e-mail ---------------------------------------------------------------------------------


def _send(invitation: PersonInvitation, secret: str, *, base_url: str) -> None:
    url = base_url.rstrip("/") + reverse("audit:invitation_accept", kwargs={"token": link_token(invitation, secret)})
    context = {
        "invitation": invitation,
        "url": url,
        "inviter": invitation.invited_by.get_full_name() or invitation.invited_by.get_username()
        if invitation.invited_by
        else "",
        "expires_at": invitation.expires_at,
        "site_name": getattr(settings, "SITE_NAME", "Coalition Tracker"),
    }
    subject = _("You are invited to %(site)s") % {"site": context["site_name"]}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("audit/email/invitation.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(render_to_string("audit/email/invitation.html", context), "text/html")
    message.send()


def _detail(invitation: PersonInvitation) -> dict:
    """What the audit trail keeps of an invitation (no address: the invitation row holds it)."""
    return {
        "invitation": invitation.pk,
        "role": invitation.role,
        "organization": invitation.organization.slug if invitation.organization else None,
        "coalition": invitation.coalition.slug if invitation.coalition else None,
    }


# --- services ----------------------------------------------------------------------------------


def _rate_limited(actor) -> bool:
    return _count(f"invitations:sent-by:{actor.pk}", 3600) > INVITES_PER_HOUR


def invitation_create(
    *,
    actor,
    email: str,
    role: str,
    organization: Organization | None = None,
    coalition: Coalition | None = None,
    base_url: str,
    request=None,
) -> PersonInvitation:
    """Invite a person by e-mail; the e-mail goes out once the invitation is saved."""
    if not can_invite(actor):
        raise PermissionDenied(_("Only admins and coordinators can invite people."))
    email = (email or "").strip().lower()
    if role not in InvitationRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    if role == InvitationRole.MEMBER and organization is None:
        raise ValidationError({"organization": _("Choose the organisation the person works for.")})
    if role == InvitationRole.COORDINATOR and coalition is None:
        raise ValidationError({"coalition": _("Choose the coalition the person will coordinate.")})
    if role == InvitationRole.MEMBER:
        coalition = None
    if not can_invite_to(actor, role=role, organization=organization, coalition=coalition):
        raise PermissionDenied(
            _("Coordinators invite members of the organisations in their coalitions; only admins invite coordinators.")
        )
    if get_user_model().objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Someone already has an account with this address.")})
    if _rate_limited(actor):
        raise ValidationError(_("You have sent many invitations in the last hour. Please wait a while and try again."))
    now = timezone.now()
    invitation = PersonInvitation(
        email=email,
        role=role,
        organization=organization,
        coalition=coalition,
        invited_by=actor,
        sent_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    secret = _new_secret(invitation)
    invitation.full_clean(exclude=["token_hash"], validate_constraints=False)
    try:
        with transaction.atomic():
            invitation.save()
            record(actor, AuditAction.INVITE, _detail(invitation), request=request)
            transaction.on_commit(lambda: _send(invitation, secret, base_url=base_url))
    except IntegrityError:
        raise ValidationError(
            {"email": _("This address already has an open invitation: send it again from the list instead.")}
        ) from None
    return invitation


def _open_for(actor, invitation_id: int) -> PersonInvitation:
    invitation = pending_invitations(viewer=actor).filter(pk=invitation_id).first()
    if invitation is None:
        from django.http import Http404

        raise Http404("No open invitation found.")
    return invitation


def invitation_resend(*, actor, invitation_id: int, base_url: str, request=None) -> PersonInvitation:
    """Send a new link (valid for another 7 days); the earlier link stops working."""
    invitation = _open_for(actor, invitation_id)
    if _rate_limited(actor):
        raise ValidationError(_("You have sent many invitations in the last hour. Please wait a while and try again."))
    now = timezone.now()
    secret = _new_secret(invitation)
    invitation.sent_at, invitation.expires_at = now, now + INVITATION_LIFETIME
    with transaction.atomic():
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
        record(actor, AuditAction.INVITE_RESEND, _detail(invitation), request=request)
        transaction.on_commit(lambda: _send(invitation, secret, base_url=base_url))
    return invitation


def invitation_revoke(*, actor, invitation_id: int, request=None) -> PersonInvitation:
    invitation = _open_for(actor, invitation_id)
    with transaction.atomic():
        updated = PersonInvitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        if updated:
            record(actor, AuditAction.INVITE_REVOKE, _detail(invitation), request=request)
    return invitation


def accept_rate_limited(ip: str | None) -> bool:
    return _count(f"invitations:accept:{ip or 'unknown'}", ACCEPT_WINDOW) > ACCEPTS_PER_WINDOW


def invitation_accept(*, opened: OpenInvitation, username: str, password: str, request=None):
    """Make the invited person's account with the invitation's role; the link is used up.

    The caller has checked the username and password (UserCreationForm runs Django's password
    validators). All or nothing: a second use of the same link finds no open row and makes nothing.
    """
    invitation = opened.invitation
    User = get_user_model()
    now = timezone.now()
    with transaction.atomic():
        claimed = PersonInvitation.objects.filter(
            Q(pk=invitation.pk, token_hash=_hash(opened.secret), expires_at__gt=now),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(accepted_at=now)
        if not claimed:
            raise InvitationUnusable("used")
        user = User(username=username, email=invitation.email)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        Profile.objects.update_or_create(user=user, defaults={"organization": invitation.organization})
        if invitation.role == InvitationRole.COORDINATOR:
            CoalitionCoordinator.objects.create(user=user, coalition=invitation.coalition)
        PersonInvitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
        record(user, AuditAction.INVITE_ACCEPT, _detail(invitation), request=request)
    return user
