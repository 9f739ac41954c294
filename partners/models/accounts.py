"""Accounts and roles: a user's organisation (member), coalitions they coordinate, API tokens and
the stored answers to API retries.

Admins are Django superusers. The rules that use these roles live in partners.permissions.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
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
    """A personal API token. Only its SHA-256 hash is stored; the token is shown once at creation."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. 'dashboard sync'."))
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

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
