"""Accounts and roles: a user's organisation (member), coalitions they coordinate, API tokens and
the stored answers to API retries.

Admins are Django superusers. The rules that use these roles live in partners.permissions.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.models.coalitions import Coalition
from partners.models.organizations import Organization


class Profile(models.Model):
    """Links a user to the organisation they work for, which makes them its member."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="staff_profiles"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.organization or 'no organisation'})"


class CoalitionCoordinator(models.Model):
    """Makes a user a coordinator of a coalition: they manage its memberships and meetings."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator_roles")
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="coordinators")

    history = HistoricalRecords()

    class Meta:
        ordering = ["coalition__name", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "coalition"], name="coordinator_once_per_coalition")]

    def __str__(self) -> str:
        return f"{self.user} coordinates {self.coalition}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 hash is stored; the token is shown once at creation.

    A token also records what its owner's credentials were when it was made, so that a later
    password change (through any door: the account page, a reset, the admin, a command) or a
    newly enrolled second factor revokes it, checked where tokens are authenticated.
    """

    PREFIX_LENGTH = 8
    DEFAULT_LIFETIME_DAYS = 90

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. 'dashboard sync'."))
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), editable=False)
    password_fingerprint = models.CharField(
        max_length=64, editable=False, help_text=_("A hash of the owner's password hash when the token was made.")
    )
    last_device_id = models.PositiveBigIntegerField(
        default=0,
        editable=False,
        help_text=_("The owner's newest confirmed two-factor device when the token was made (0: none)."),
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.expires_at = self.expires_at or timezone.now() + self.lifetime()
            self.password_fingerprint = self.password_fingerprint or self.fingerprint(self.user)
            self.last_device_id = self.last_device_id or self.newest_device_id(self.user)
        super().save(*args, **kwargs)

    @classmethod
    def lifetime(cls) -> datetime.timedelta:
        return datetime.timedelta(days=int(getattr(settings, "API_TOKEN_LIFETIME_DAYS", cls.DEFAULT_LIFETIME_DAYS)))

    @staticmethod
    def fingerprint(user) -> str:
        """Changes whenever the password does. Like Django's own sessions, it also changes when
        Django re-hashes a password with a stronger setting at sign-in (after an upgrade)."""
        return hashlib.sha256(f"api-token:{user.password}".encode()).hexdigest()

    @staticmethod
    def newest_device_id(user) -> int:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        newest = TOTPDevice.objects.filter(user=user, confirmed=True).aggregate(newest=models.Max("pk"))["newest"]
        return newest or 0

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def new_key(cls) -> str:
        return secrets.token_urlsafe(32)


class IdempotencyRecord(models.Model):
    """The stored answer to an API write sent with an `Idempotency-Key`, replayed to a retry for a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=2000)
    fingerprint = models.CharField(max_length=64, help_text=_("SHA-256 of method, path and body."))
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    content = models.BinaryField(blank=True, default=b"")
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "audit_idempotencyrecord"  # the table it had when the audit app held it
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"
