"""Admin for the audit trail: read-only sign-in and export events (sign-in locks live in axes' admin)."""

from django.contrib import admin

from audit.models import AuditEvent
from partners.models import IdempotencyRecord


class AppendOnlyAdmin(admin.ModelAdmin):
    """Records of the append-only audit trail: listed and shown, never added, changed or deleted,
    not even by a superuser (so no admin can erase the record of their own actions)."""

    actions = None  # no "Delete selected" (and no other bulk action) on the list

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return [field.name for field in self.model._meta.fields if not field.primary_key]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(AppendOnlyAdmin):
    list_display = ["at", "username", "action", "ip_address"]
    list_filter = ["action"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "at"


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "method", "path", "status_code"]
    readonly_fields = ["user", "key", "method", "path", "fingerprint", "status_code", "headers", "created_at"]
    exclude = ["content"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
