"""Admin for the audit trail: read-only sign-in and export events (sign-in locks live in axes' admin)."""

from django.contrib import admin

from audit.models import AuditEvent
from partners.models import IdempotencyRecord


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "action", "ip_address"]
    list_filter = ["action"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "at"
    readonly_fields = ["at", "actor", "username", "action", "ip_address", "detail"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "method", "path", "status_code"]
    readonly_fields = ["user", "key", "method", "path", "fingerprint", "status_code", "headers", "created_at"]
    exclude = ["content"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
