"""Django admin for calendar feeds: admins can see and revoke them, never read their keys."""

from django.contrib import admin

from reports.models import CalendarFeed


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "coalition", "prefix", "created_at", "last_used_at"]
    list_filter = ["coalition"]
    search_fields = ["user__username", "coalition__name"]
    readonly_fields = ["user", "coalition", "prefix", "created_at", "last_used_at"]
    exclude = ["key_hash"]

    def has_add_permission(self, request) -> bool:
        return False  # a feed is created by its owner, who alone sees the address
