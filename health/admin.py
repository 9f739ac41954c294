"""Django admin for partnership health (admins only, who are insiders of every partnership)."""

from django.contrib import admin

from health.models import CheckIn, ComplementarySectorPair, RepairLogEntry
from partners.models import StatusChange


@admin.register(ComplementarySectorPair)
class ComplementarySectorPairAdmin(admin.ModelAdmin):
    """The sector pairs behind suggested introductions: editable data, not code."""

    list_display = ["sector_a", "sector_b", "why"]
    list_select_related = ["sector_a", "sector_b"]
    search_fields = ["sector_a__name", "sector_b__name", "why"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["partnership", "from_status", "to_status", "changed_at", "changed_by", "reason"]
    list_select_related = ["partnership", "changed_by"]
    list_filter = ["to_status"]
    search_fields = ["partnership__title", "reason"]
    date_hierarchy = "changed_at"
    readonly_fields = ["partnership", "from_status", "to_status", "changed_at", "changed_by"]


@admin.register(RepairLogEntry)
class RepairLogEntryAdmin(admin.ModelAdmin):
    list_display = ["partnership", "raised_on", "cause", "action", "outcome", "resolved_on"]
    list_select_related = ["partnership"]
    list_filter = ["cause", "action", "outcome"]
    search_fields = ["partnership__title", "notes"]
    readonly_fields = ["logged_by", "version"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["partnership", "organization", "period", *CheckIn.ITEMS]
    list_select_related = ["partnership", "organization"]
    list_filter = ["period"]
    search_fields = ["partnership__title", "organization__name"]
    readonly_fields = ["submitted_by", "submitted_at"]
