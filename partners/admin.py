"""Django admin for the domain: list columns, search, filters, inlines and history."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from partners.models import (
    ApiToken,
    AreaOfWork,
    Coalition,
    CoalitionCoordinator,
    Contact,
    Meeting,
    Membership,
    Organization,
    Participation,
    Partnership,
    Population,
    Profile,
    Sector,
    TraffickingForm,
)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "colour", "position"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AreaOfWork, TraffickingForm, Population)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "title", "email", "phone"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["organization", "coalition", "role", "start_date", "end_date"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "acronym",
        "primary_sector",
        "city",
        "country",
        "staff_size",
        "budget_band",
        "survivor_led",
        "visibility",
        "is_active",
    ]
    list_filter = [
        "primary_sector",
        "sectors",
        "country",
        "visibility",
        "survivor_led",
        "staff_size",
        "budget_band",
        "is_active",
    ]
    search_fields = ["name", "acronym", "description", "city", "region"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors", "areas_of_work", "trafficking_forms", "populations"]
    inlines = [ContactInline, MembershipInline]
    list_select_related = ["primary_sector"]


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "organization", "email", "phone"]
    search_fields = ["name", "title", "email", "organization__name"]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization"]


@admin.register(Coalition)
class CoalitionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "scope", "founded_on", "quiet_after_days"]
    list_filter = ["kind", "scope"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "coalition", "role", "start_date", "end_date"]
    list_filter = ["coalition", "role"]
    search_fields = ["organization__name", "coalition__name"]
    autocomplete_fields = ["organization", "coalition"]
    list_select_related = ["organization", "coalition"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "status", "coalition", "start_date", "renewal_date"]
    list_filter = ["kind", "status", "coalition"]
    search_fields = ["title", "description", "organizations__name"]
    autocomplete_fields = ["organizations", "coalition"]
    list_select_related = ["coalition"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["organization"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["date", "title", "kind", "coalition", "visibility", "logged_by"]
    list_filter = ["kind", "visibility", "coalition"]
    search_fields = ["title", "outcomes"]
    date_hierarchy = "date"
    autocomplete_fields = ["coalition", "partnership"]
    inlines = [ParticipationInline]
    list_select_related = ["coalition", "logged_by"]
    readonly_fields = ["logged_by"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = ["organization"]


class CoordinatorInline(admin.TabularInline):
    model = CoalitionCoordinator
    extra = 0
    autocomplete_fields = ["coalition"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class CoalitionUserAdmin(UserAdmin):
    inlines = [ProfileInline, CoordinatorInline]
    list_display = ["username", "email", "first_name", "last_name", "is_superuser", "is_active"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]


admin.site.site_header = "Coalition Tracker administration"
admin.site.site_title = "Coalition Tracker"
