"""Admin views of the notifications app: read what was sent; change preferences as a last resort."""

from django.contrib import admin

from notifications.models import AddressOptOut, NotificationPreference, SentNotification


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "digest", "meetings", "action_items", "renewals", "contact_confirmations", "language"]
    search_fields = ["user__username", "user__email"]


@admin.register(SentNotification)
class SentNotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "key", "address", "state", "claimed_at", "sent_at"]
    list_filter = ["kind", "state"]
    search_fields = ["address", "key"]
    readonly_fields = [f.name for f in SentNotification._meta.fields]


@admin.register(AddressOptOut)
class AddressOptOutAdmin(admin.ModelAdmin):
    list_display = ["address", "topic", "created_at"]
