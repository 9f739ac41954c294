"""The audit trail beyond field history: sign-ins, exports, restores, erasures."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connections, models, router, transaction
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
    PASSWORD_RESET = "password_reset", _("password reset requested")
    PURGE = "purge", _("purged expired records")
    FILE = "file", _("filed activities into a coalition")
    DOCUMENT_DOWNLOAD = "document_download", _("downloaded a partnership document")
    DOCUMENT_REMOVE = "document_remove", _("removed a version of a partnership document")


# --- the audit trail is append-only ----------------------------------------------------------
# Audit events (sign-ins, exports, restores, erasures...) are written once and never changed or
# deleted, except by the retention purge (`manage.py purge_expired`) and by erasure of a
# person's data (`manage.py erase_contact`), both inside `audit_purge()`. The guards are keyed on
# the tables, so a model that moves keeps them: the ORM guards below, and on PostgreSQL a
# trigger (audit/migrations/0003_append_only_audit_trail.py) that refuses UPDATE and DELETE
# unless the transaction-local setting PURGE_SETTING is on.

APPEND_ONLY_TABLES = ("audit_auditevent",)
PURGE_SETTING = "coalition.audit_purge"
_purging: ContextVar[bool] = ContextVar("audit_purging", default=False)


class AppendOnlyError(PermissionDenied):
    """A change or deletion of an audit record outside the retention purge (a 403 if it reaches a view)."""


def refuse_unless_purging(what: str) -> None:
    if not _purging.get():
        raise AppendOnlyError(
            f"The audit trail is append-only: {what} is refused. Only the retention purge "
            "(manage.py purge_expired) and erasure (manage.py erase_contact) remove audit records."
        )


@contextmanager
def audit_purge(*, using: str | None = None) -> Iterator[None]:
    """Lift the append-only guards for the block, which runs in one transaction.

    For the retention purge and the erasure of a person's data only. On PostgreSQL it sets
    PURGE_SETTING with `set_config(..., is_local => true)`, which the trigger reads; the setting is
    switched off again when the block ends (a savepoint inside a longer transaction would
    otherwise leave it on until that transaction ends) and rolled back with the block on error.
    """
    using = using or router.db_for_write(AuditEvent)
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', true)", [PURGE_SETTING])
        token = _purging.set(True)
        try:
            yield
        finally:
            _purging.reset(token)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', true)", [PURGE_SETTING])


class AppendOnlyQuerySet(models.QuerySet):
    """Rows are added, never updated or deleted in bulk, outside `audit_purge()`."""

    def update(self, **kwargs):
        refuse_unless_purging(f"updating {self.model._meta.verbose_name_plural}")
        return super().update(**kwargs)

    update.alters_data = True
    update.queryset_only = False

    def delete(self):
        refuse_unless_purging(f"deleting {self.model._meta.verbose_name_plural}")
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


class AppendOnlyModel(models.Model):
    """A record that is saved once: `save()` on an existing row and `delete()` are refused."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if (not self._state.adding or self.pk is not None) and not kwargs.get("force_insert"):
            refuse_unless_purging(f"changing {self._meta.verbose_name} #{self.pk}")
        super().save(*args, **kwargs)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        refuse_unless_purging(f"deleting {self._meta.verbose_name} #{self.pk}")
        return super().delete(*args, **kwargs)

    delete.alters_data = True


class AuditEvent(AppendOnlyModel):
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


class RecoveryCode(models.Model):
    """One single-use recovery code for an account's second factor (audit/recovery_codes.py).

    Only a salted SHA-256 hash is kept ("sha256$<salt>$<hex digest>"): the code itself is shown
    once, when it is made. A code is used up by setting `used_at`; making new codes deletes the old.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(_("code hash"), max_length=128)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        indexes = [models.Index(fields=["user", "used_at"])]

    def __str__(self) -> str:
        return f"recovery code #{self.pk} of user #{self.user_id}"
