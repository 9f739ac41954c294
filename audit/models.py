"""The audit trail beyond field history: sign-ins, exports, restores, erasures."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    SIGN_IN = "sign_in", _("signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("sign-in failed")
    SIGN_OUT = "sign_out", _("signed out")
    LOCKED_OUT = "locked_out", _("locked out")
    TWO_FACTOR = "two_factor", _("two-factor change")
    EXPORT = "export", _("exported data")
    RESTORE = "restore", _("restored a record")
    ERASE = "erase", _("erased personal data")


class AuditEvent(models.Model):
    """One thing a person did that the field-by-field history does not cover (who, what, when, from where)."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events"
    )
    # Kept apart from `actor` so failed sign-ins (no user) and deleted accounts still read clearly.
    username = models.CharField(_("username"), max_length=150, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices, db_index=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        indexes = [models.Index(fields=["action", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or '-'} {self.get_action_display()}"


def _register_histories() -> None:
    """Field-by-field history for the accounts (django.contrib.auth), kept in this app's tables.

    Password hashes and sign-in times are left out. (Partnership health registers its own
    models' histories, also kept here: health.models.)
    """
    from django.contrib.auth.models import User
    from simple_history import register

    register(User, app="audit", excluded_fields=["password", "last_login"])


_register_histories()
